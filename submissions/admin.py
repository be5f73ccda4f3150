from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.admin import CategoryAdmin as AwardsCategoryAdmin
from submissions.models import Answer, Entry, EntryVersion, Question, TeamInvitation, TeamMember


class QuestionInline(admin.StackedInline):
    """The category's entry form: its questions in order, in English and Swedish."""

    model = Question
    extra = 0
    ordering = ["position", "id"]
    fieldsets = [
        (None, {"fields": [("position", "kind", "required"), ("label_en", "label_sv")]}),
        (_("Help text"), {"fields": [("help_text_en", "help_text_sv")]}),
        (
            _("Choices and limits"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("choices_en", "choices_sv"),
                    ("min_words", "max_words"),
                    ("allowed_types", "max_file_size_mb", "max_files"),
                ],
            },
        ),
        (
            _("Eligibility and consent"),
            {
                "classes": ["collapse"],
                "fields": [
                    ("is_eligibility", "eligible_answers"),
                    ("ineligible_message_en", "ineligible_message_sv"),
                    "consent_version",
                ],
            },
        ),
    ]


# The category's admin page (awards app) shows its entry form too.
AwardsCategoryAdmin.extra_inlines.append(QuestionInline)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "value", "updated_at"]
    readonly_fields = ["question", "value", "updated_at"]
    can_delete = False


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ["user", "role", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["user"]


class TeamInvitationInline(admin.TabularInline):
    model = TeamInvitation
    extra = 0
    fields = ["email", "invited_by", "created_at", "accepted_by", "accepted_at"]
    readonly_fields = fields
    can_delete = False


class EntryVersionInline(admin.TabularInline):
    model = EntryVersion
    extra = 0
    fields = ["number", "submitted_at", "submitted_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "title", "category", "status", "owner", "updated_at"]
    list_filter = ["status", "eligibility", "category__edition__award", "category__edition__year"]
    list_select_related = ["category__edition__award", "owner"]
    search_fields = ["reference", "title", "owner__email"]
    raw_id_fields = ["owner"]
    # What entrants wrote and what the system assigned is shown, never edited here. The category
    # too: changing it here would leave the old category's reference on the entry; organisers
    # move entries on the organiser's entry page (submissions:organiser-entry-move), which gives
    # a new reference, writes the audit event and tells the team.
    readonly_fields = [
        "category",
        "number",
        "reference",
        "revision",
        "submitted_revision",
        "created_at",
        "updated_at",
        "submitted_at",
        "withdrawn_at",
        "consent_version",
    ]
    inlines = [TeamMemberInline, TeamInvitationInline, AnswerInline, EntryVersionInline]

    def get_readonly_fields(self, request, obj=None):
        # An entry added here still needs a category; only an existing entry's is fixed.
        if obj is None:
            return [name for name in self.readonly_fields if name != "category"]
        return self.readonly_fields


@admin.register(EntryVersion)
class EntryVersionAdmin(admin.ModelAdmin):
    list_display = ["entry", "number", "submitted_at", "submitted_by"]
    list_select_related = ["entry", "submitted_by"]
    readonly_fields = ["entry", "number", "submitted_at", "submitted_by", "content"]

    def has_add_permission(self, request):
        return False
