from django.db import models
from django.utils.translation import gettext_lazy as _


class SlotRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the organiser")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
