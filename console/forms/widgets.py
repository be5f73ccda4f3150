"""One labelled datetime-local input per date, in Stockholm time (the server's zone)."""

from django import forms
from django.utils.translation import gettext_lazy

STOCKHOLM_HELP = gettext_lazy("Stockholm time.")
FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=FORMAT)


def datetime_field(field: forms.Field) -> forms.Field:
    """Give a model form's datetime field the single input and say which clock it reads."""
    field.widget = DateTimeLocalInput()
    field.input_formats = [FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
    field.help_text = (
        f"{field.help_text} {STOCKHOLM_HELP}".strip() if field.help_text else STOCKHOLM_HELP
    )
    return field
