"""Shared pieces of the awards admin."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class LabelledDateTimes:
    """Django's admin shows a date-time field as a date input and a time input whose only label,
    the field's, points at neither (axe-core: "label", critical). Name each after its field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if (
            isinstance(db_field, models.DateTimeField)
            and field is not None
            and isinstance(field.widget, AdminSplitDateTime)
        ):
            name = capfirst(db_field.verbose_name)
            date, time = field.widget.widgets
            date.attrs["aria-label"] = f"{name}: {_('Date:').rstrip(':')}"
            time.attrs["aria-label"] = f"{name}: {_('Time:').rstrip(':')}"
        return field


class TranslatedNameColumn:
    """A `translated_name` column for `list_display`: the name in the admin's language (the
    other language's when that one is empty), sorted by the English name."""

    @admin.display(description=gettext_lazy("name"), ordering="name_en")
    def translated_name(self, obj):
        return obj.name
