from django.db import models
from django.utils.translation import gettext_lazy as _


class TeamCheckStatus(models.TextChoices):
    INVITED = "invited", _("Invited, no answer yet")
    APPROVED = "approved", _("Approved by the team")
    CORRECTIONS = "corrections", _("Corrections proposed")
    WAIVED = "waived", _("Waived by an organiser")


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an organiser")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PageStatus(models.TextChoices):
    """A winner page as the organiser's list shows it."""

    DRAFT = "draft", _("Draft")
    READY = "ready", _("Ready")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
