"""What judges give in the rounds that are not scored by rubric: screening answers, ranks and
pairwise comparisons. Whether a judge is done is kept on the assignment's review (status
submitted), so progress, reminders and reopening work the same in every mode."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from judging.enums import PairOutcome, ScreeningAnswer
from judging.models.assignments import Assignment
from judging.models.rounds import Round


class ScreeningVote(models.Model):
    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.CASCADE,
        related_name="screening_vote",
        verbose_name=_("assignment"),
    )
    answer = models.CharField(_("answer"), max_length=5, choices=ScreeningAnswer.choices)
    reason = models.TextField(_("reason"), blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("screening answer")
        verbose_name_plural = _("screening answers")

    def __str__(self):
        return f"{self.assignment}: {self.answer}"


class RankPlace(models.Model):
    """A judge's rank for one assigned entry (1 is best; equal ranks tie; no row: unranked)."""

    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.CASCADE,
        related_name="rank_place",
        verbose_name=_("assignment"),
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("rank")
        verbose_name_plural = _("ranks")
        constraints = [models.CheckConstraint(condition=models.Q(rank__gte=1), name="rank_from_1")]

    def __str__(self):
        return f"{self.assignment}: {self.rank}"


class PairComparison(models.Model):
    """A pair of entries put to a judge, in the order shown, and the judge's answer."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="comparisons", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comparisons",
        verbose_name=_("judge"),
    )
    first = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("first")
    )
    second = models.ForeignKey(
        "submissions.Entry", on_delete=models.CASCADE, related_name="+", verbose_name=_("second")
    )
    outcome = models.CharField(_("outcome"), max_length=6, choices=PairOutcome.choices, blank=True)
    created_at = models.DateTimeField(_("shown"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("pairwise comparison")
        verbose_name_plural = _("pairwise comparisons")
        ordering = ["round", "judge", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="comparison_two_entries"
            ),
            # A judge never sees the same pair twice, in either order.
            models.UniqueConstraint(
                "round",
                "judge",
                Least("first", "second"),
                Greatest("first", "second"),
                name="comparison_pair_once_per_judge",
            ),
        ]

    def __str__(self):
        return f"{self.judge} · {self.first} / {self.second}"
