"""Rounds of judging, their rubric (criteria) and the entries taking part."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.translation import Translated
from judging.enums import (
    RankingMethod,
    RoundMode,
    RoundStatus,
    Visibility,
)


class Round(models.Model):
    category = models.ForeignKey(
        "awards.Category",
        on_delete=models.CASCADE,
        related_name="rounds",
        verbose_name=_("category"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    reviews_per_entry = models.PositiveSmallIntegerField(_("reviews wanted per entry"), default=3)
    blind = models.BooleanField(
        _("blind"),
        default=True,
        help_text=_("Judges never see entrant names, team, organisation, email or file names."),
    )
    visibility = models.CharField(
        _("other judges' scores visible"),
        max_length=30,
        choices=Visibility.choices,
        default=Visibility.AFTER_ROUND_CLOSES,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder days before closing"), default=3
    )
    mode = models.CharField(
        _("way of judging"),
        max_length=12,
        choices=RoundMode.choices,
        default=RoundMode.RUBRIC,
        help_text=_(
            "Rubric: scores per criterion. Screening: yes, no or maybe per entry. Ranking: each "
            "judge orders their entries. Pairwise: judges pick the better of two entries."
        ),
    )
    ranking_method = models.CharField(
        _("ranking method"),
        max_length=10,
        choices=RankingMethod.choices,
        default=RankingMethod.BORDA,
        help_text=_("How the judges' rankings are combined (ranking rounds)."),
    )
    ranking_limit = models.PositiveSmallIntegerField(
        _("most entries a judge ranks"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Ranking rounds: leave empty to have every assigned entry ranked."),
    )
    screening_threshold = models.DecimalField(
        _("yes share to advance"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Screening rounds: entries with at least this share of yes answers advance."),
    )
    comparisons_per_entry = models.PositiveSmallIntegerField(
        _("comparisons per entry and judge"),
        default=4,
        validators=[MinValueValidator(1)],
        help_text=_("Pairwise rounds: how many comparisons each judge makes with each entry."),
    )
    advance_count = models.PositiveSmallIntegerField(
        _("entries that advance"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many entries the round is to shortlist: the results page draws its cut there. "
            "Empty: the chair chooses on the results page."
        ),
    )

    name = Translated("name")

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["category", "position"]
        constraints = [
            models.UniqueConstraint(fields=["category", "position"], name="round_unique_position"),
        ]

    def __str__(self):
        return f"{self.category} · {self.name}"


class Criterion(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100, blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_sv = models.TextField(_("guidance (Swedish)"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    scale_min = models.SmallIntegerField(_("lowest score"), default=1)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    descriptors_en = models.TextField(
        _("level descriptors (English)"),
        blank=True,
        help_text=_("One line per level, from the lowest score up."),
    )
    descriptors_sv = models.TextField(_("level descriptors (Swedish)"), blank=True)
    required = models.BooleanField(_("required"), default=True)

    name = Translated("name")
    guidance = Translated("guidance")
    descriptors = Translated("descriptors")

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["round", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_order",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="criterion_weight_positive"
            ),
        ]

    def __str__(self):
        return self.name


class RoundEntry(models.Model):
    """An entry taking part in a round: all eligible submitted entries in the first, then those
    advanced."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="round_entries", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="round_entries",
        verbose_name=_("entry"),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("entry in round")
        verbose_name_plural = _("entries in round")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="round_entry_unique"),
        ]

    def __str__(self):
        return f"{self.round} · {self.entry}"
