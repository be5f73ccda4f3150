"""Decisions on a round's entries and the frozen results each rests on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from judging.enums import DecisionOutcome
from judging.models.rounds import Round


class ResultsSnapshot(models.Model):
    """The results table a decision rested on, frozen, with a hash of the scores it came from."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("round")
    )
    method = models.CharField(_("method"), max_length=20)
    parameters = models.JSONField(_("parameters"), default=dict)
    inputs_hash = models.CharField(_("hash of the scores"), max_length=64)
    table = models.JSONField(_("results"))
    created_at = models.DateTimeField(_("taken"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("taken by"),
    )

    class Meta:
        verbose_name = _("results snapshot")
        verbose_name_plural = _("results snapshots")
        ordering = ["round", "-created_at"]

    def __str__(self):
        return f"{self.round} {self.method} {self.created_at:%Y-%m-%d %H:%M}"


class Decision(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("entry"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"))
    snapshot = models.ForeignKey(
        ResultsSnapshot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("results snapshot"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["round", "entry"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="decision_unique_entry"),
        ]

    def __str__(self):
        return f"{self.entry}: {self.get_outcome_display()}"
