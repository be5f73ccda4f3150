"""What publication adds to a winner page: where a draft came from, and the team's check."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.enums import CorrectionStatus, TeamCheckStatus

# The texts of a winner page the team checks and Laurel may prefill, in the page's order.
PAGE_FIELDS = (
    "names",
    "organisation",
    "idea_title",
    "summary_en",
    "summary_sv",
    "citation_en",
    "citation_sv",
    "story_en",
    "story_sv",
)


class WinnerSource(models.Model):
    """The chair's decision a draft winner page was made from, the results it rested on, and the
    values Laurel prefilled: a field still equal to them is untouched and may be refreshed, any
    other was written by an organiser and is never overwritten."""

    winner = models.OneToOneField(
        "awards.Winner",
        on_delete=models.CASCADE,
        related_name="source",
        verbose_name=_("winner"),
    )
    decision = models.ForeignKey(
        "judging.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    snapshot = models.ForeignKey(
        "judging.ResultsSnapshot",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results snapshot"),
    )
    prefilled = models.JSONField(_("prefilled values"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("winner page source")
        verbose_name_plural = _("winner page sources")

    def __str__(self):
        return str(self.winner)


class TeamCheck(models.Model):
    """The team's check of its winner page's public text before publication."""

    winner = models.OneToOneField(
        "awards.Winner",
        on_delete=models.CASCADE,
        related_name="team_check",
        verbose_name=_("winner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TeamCheckStatus.choices, default=TeamCheckStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("team check")
        verbose_name_plural = _("team checks")

    def __str__(self):
        return f"{self.winner}: {self.get_status_display()}"


class Correction(models.Model):
    """A correction the team proposes to one text of its page; an organiser accepts or declines."""

    team_check = models.ForeignKey(
        TeamCheck,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("team check"),
    )
    field = models.CharField(_("field"), max_length=30)
    text = models.TextField(_("proposed text"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.PENDING,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["team_check", "proposed_at", "pk"]

    def __str__(self):
        return f"{self.team_check.winner}: {self.field}"
