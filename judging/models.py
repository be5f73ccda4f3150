import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_single_line
from awards.translation import Translated
from judging.enums import (
    ConflictKind,
    ConflictSource,
    ConflictStatus,
    DecisionOutcome,
    JuryRole,
    ReminderKind,
    ReviewStatus,
    RoundStatus,
    Visibility,
)


def jury_token() -> str:
    return secrets.token_urlsafe(32)


class JuryMember(models.Model):
    """A place on a category's jury: invited by email, bound to whichever account accepts."""

    category = models.ForeignKey(
        "awards.Category", on_delete=models.CASCADE, related_name="jury", verbose_name=_("category")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=JuryRole.choices, default=JuryRole.JUDGE
    )
    email = models.EmailField(_("invited email address"))
    name = models.CharField(
        _("name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jury_memberships",
        verbose_name=_("account"),
    )
    token = models.CharField(_("invitation token"), max_length=64, unique=True, default=jury_token)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick when a judge drops out.")
    )

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        ordering = ["category", "role", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "user"],
                condition=models.Q(user__isnull=False),
                name="jury_member_unique_user",
            ),
        ]

    def __str__(self):
        return f"{self.name or self.email} ({self.get_role_display()})"


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

    name = Translated("name")

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["category", "position"]
        constraints = [
            models.UniqueConstraint(fields=["category", "position"], name="round_unique_position"),
        ]

    def __str__(self):
        return f"{self.category} · {self.name_en}"


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
        return self.name_en


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


class Conflict(models.Model):
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("entry"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("judge"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    source = models.CharField(_("source"), max_length=20, choices=ConflictSource.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ConflictStatus.choices, default=ConflictStatus.CONFIRMED
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or dismissed by"),
    )
    resolved_at = models.DateTimeField(_("confirmed or dismissed"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="conflict_unique_pair"),
        ]

    def __str__(self):
        return f"{self.judge} × {self.entry} ({self.get_kind_display()})"


class Assignment(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("round")
    )
    entry = models.ForeignKey(
        "submissions.Entry",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("entry"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("judge"),
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    notified_at = models.DateTimeField(_("judge notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round", "entry", "judge"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="assignment_unique"),
        ]

    def __str__(self):
        return f"{self.judge} → {self.entry}"


class Reminder(models.Model):
    """A reminder emailed to a judge with unfinished reviews; automatic ones go out once a day
    at most, whatever the number of times the daily command runs."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("round")
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("judge"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField(_("day sent"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["round", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "judge", "sent_on"],
                condition=models.Q(kind="automatic"),
                name="reminder_automatic_once_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.judge} · {self.round} · {self.sent_on}"


class Review(models.Model):
    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="review", verbose_name=_("assignment")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    comment = models.TextField(_("comment for the jury"), blank=True)
    feedback = models.TextField(_("feedback for the entrant"), blank=True)
    # Bumped by every save; a save carrying an older version is refused (two tabs).
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.assignment} ({self.get_status_display()})"


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_unique_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


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
