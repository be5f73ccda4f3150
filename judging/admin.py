"""Configuration of juries and rounds in the Django admin. The category's page gains the jury and
its rounds; each round's page holds its rubric (the admin cannot nest inlines two deep). The
edition's page gains the publication of its results, which announces the jury's decisions."""

from django import forms
from django.contrib import admin

from awards.admin import CategoryAdmin
from awards.admin_mixins import TranslatedNameColumn
from judging.forms import round_mode_clean
from judging.models import (
    Assignment,
    Conflict,
    Criterion,
    JuryMember,
    Reminder,
    Round,
)


class JuryMemberInline(admin.TabularInline):
    model = JuryMember
    extra = 0
    fields = ["email", "name", "role", "active", "user", "invited_at", "accepted_at"]
    readonly_fields = ["user", "invited_at", "accepted_at"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    fields = [
        "position",
        "name_en",
        "name_sv",
        "opens_at",
        "closes_at",
        "reviews_per_entry",
        "blind",
        "visibility",
        "reminder_days_before",
        "mode",
    ]
    show_change_link = True


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    fields = [
        ("position", "weight", "scale_min", "scale_max", "required"),
        ("name_en", "name_sv"),
        ("guidance_en", "guidance_sv"),
        ("descriptors_en", "descriptors_sv"),
    ]


# The category's admin page (awards app) shows its jury and rounds too.
CategoryAdmin.extra_inlines += [JuryMemberInline, RoundInline]


class RoundAdminForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [f.name for f in Round._meta.fields if f.editable and not f.primary_key]

    def clean_mode(self):
        return round_mode_clean(round=self.instance, mode=self.cleaned_data["mode"])


@admin.register(Round)
class RoundAdmin(TranslatedNameColumn, admin.ModelAdmin):
    form = RoundAdminForm
    list_display = [
        "translated_name",
        "category",
        "position",
        "mode",
        "opens_at",
        "closes_at",
        "status",
    ]
    list_filter = ["status", "mode", "category__edition__year"]
    list_select_related = ["category__edition__award"]
    inlines = [CriterionInline]


@admin.register(JuryMember)
class JuryMemberAdmin(admin.ModelAdmin):
    list_display = ["email", "user", "role", "category", "active", "invited_at", "accepted_at"]
    list_filter = ["role", "active", "category__edition__year"]
    list_select_related = ["user", "category__edition__award"]
    search_fields = ["email", "name", "user__email"]
    readonly_fields = ["token", "user", "invited_at", "accepted_at"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["entry", "judge", "kind", "source", "status", "created_at"]
    list_filter = ["status", "source", "kind"]
    list_select_related = ["entry", "judge"]
    raw_id_fields = ["entry", "judge", "created_by", "resolved_by"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["entry", "judge", "round", "created_at", "notified_at"]
    list_filter = ["round__category__edition__year"]
    list_select_related = ["entry", "judge", "round__category__edition__award"]
    raw_id_fields = ["entry", "judge", "created_by"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["judge", "round", "kind", "sent_at"]
    list_select_related = ["judge", "round__category__edition__award"]
