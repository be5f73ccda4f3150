from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    """Who reads a message: the jury of the round as its visibility allows, or the chair only."""

    JURY = "jury", _("For the jury")
    CHAIR_NOTE = "chair_note", _("Chair's note")
