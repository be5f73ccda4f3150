from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    NUMBER = "number", _("Number")
    URL = "url", _("Web address")
    DATE = "date", _("Date")
    FILE = "file", _("File upload")
    CHECKBOX = "checkbox", _("Checkbox (terms, consent)")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Eligibility(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")


class TeamRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Team member")
