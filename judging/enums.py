from django.db import models
from django.utils.translation import gettext_lazy as _


class JuryRole(models.TextChoices):
    JUDGE = "judge", _("Judge")
    CHAIR = "chair", _("Chair")


class Visibility(models.TextChoices):
    """When a judge may see other judges' scores on an entry."""

    NEVER = "never", _("Never")
    AFTER_OWN_REVIEW = "after_own_review", _("After submitting one's own review")
    AFTER_ROUND_CLOSES = "after_round_closes", _("After the round closes")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConflictKind(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    PROFESSIONAL = "professional", _("Professional")
    FINANCIAL = "financial", _("Financial")
    INSTITUTIONAL = "institutional", _("Institutional")
    OTHER = "other", _("Other")


class ConflictSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the judge")
    CHAIR = "chair", _("Added by the chair")
    AUTOMATIC = "automatic", _("Detected automatically")


class ConflictStatus(models.TextChoices):
    """Only confirmed conflicts bar a judge; automatic flags wait for the chair."""

    CONFIRMED = "confirmed", _("Confirmed")
    FLAGGED = "flagged", _("Flagged, to be checked")
    DISMISSED = "dismissed", _("Dismissed")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class DecisionOutcome(models.TextChoices):
    ADVANCE = "advance", _("Advance")
    ELIMINATE = "eliminate", _("Eliminate")
    WINNER = "winner", _("Winner")
    RUNNER_UP = "runner_up", _("Runner-up")
    HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")


class ReminderKind(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic, before the round closes")
    MANUAL = "manual", _("Sent by the chair")


class RoundMode(models.TextChoices):
    """How the judges of a round judge."""

    RUBRIC = "rubric", _("Rubric scoring")
    SCREENING = "screening", _("Screening: yes, no or maybe")
    RANKING = "ranking", _("Ranking")
    PAIRWISE = "pairwise", _("Pairwise comparison")


class RankingMethod(models.TextChoices):
    BORDA = "borda", _("Borda count")
    SCHULZE = "schulze", _("Schulze method")


class ScreeningAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class PairOutcome(models.TextChoices):
    FIRST = "first", _("The first is better")
    SECOND = "second", _("The second is better")
    EQUAL = "equal", _("Equal")
