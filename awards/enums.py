from django.db import models
from django.utils.translation import gettext_lazy as _


class Placement(models.TextChoices):
    WINNER = "winner", _("Winner")
    RUNNER_UP = "runner_up", _("Runner-up")
    HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")
    FINALIST = "finalist", _("Finalist")


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Opens soon")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
