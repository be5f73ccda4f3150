from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    """Who reads a message: the jury of the round as its visibility allows, or the chair only."""

    JURY = "jury", _("For the jury")
    CHAIR_NOTE = "chair_note", _("Chair's note")


class FeedbackKind(models.TextChoices):
    """What an entrant's feedback letter says about a round, besides the judges' comments."""

    NONE = "none", _("No feedback from this round")
    COMMENTS = "comments", _("The judges' comments only")
    SCORES = "scores", _("Average score per criterion, and the comments")
    BANDS = "bands", _("Place within the category per criterion (quarters), and the comments")


class CommentStatus(models.TextChoices):
    RELEASED = "released", _("Released to the entrant")
    HELD_BACK = "held_back", _("Held back")


class SecondLookBasis(models.TextChoices):
    CUT = "cut", _("The entries nearest the cut")
    DISAGREEMENT = "disagreement", _("The entries the judges disagree on most")
