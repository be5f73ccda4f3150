"""Organisers' side of entries: finding them, screening eligibility, exporting them.

Reads here keep a page's query count constant however many entries and answers there are.
"""

from collections.abc import Iterator

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import roles
from audit.models import AuditEvent
from audit.services import audit_record
from awards.models import Category, Edition
from submissions.enums import Eligibility, EntryStatus, QuestionKind
from submissions.models import Answer, Attachment, Entry, Question, TeamMember

EXPORT_CHUNK_SIZE = 500


def user_is_organiser(user, *, perm: str = "submissions.view_entry") -> bool:
    """Organisers of entries: see `accounts.roles.user_is_organiser`."""
    return roles.user_is_organiser(user, perm=perm)


# Reads


def entries_for_organiser(
    *,
    edition: Edition,
    category: Category | None = None,
    search: str = "",
    status: str = "",
    eligibility: str = "",
) -> QuerySet[Entry]:
    """The edition's entries, filtered, with what the list and the export show."""
    entries = Entry.objects.filter(category__edition=edition).select_related("category", "owner")
    if category is not None:
        entries = entries.filter(category=category)
    if status:
        entries = entries.filter(status=status)
    if eligibility:
        entries = entries.filter(eligibility=eligibility)
    if search:
        entries = entries.filter(
            Q(title__icontains=search)
            | Q(reference__icontains=search)
            | Q(organisation__icontains=search)
            | Q(owner__email__icontains=search)
            | Q(owner__display_name__icontains=search)
            | Q(owner__organisation__icontains=search)
        )
    return entries.annotate(attachment_count=Count("attachments", distinct=True)).order_by(
        "category__position", "number", "created_at", "pk"
    )


def entry_for_organiser(*, pk: int) -> Entry:
    """One entry with everything its organiser page shows, in a fixed number of queries."""
    return Entry.objects.select_related("category__edition__award", "owner").get(pk=pk)


def entry_answers_by_question(*, entry: Entry) -> list[tuple[Question, str, list[Attachment]]]:
    """Each question of the entry's form with its answer as text and, for file questions, its
    files. Three queries whatever the number of questions."""
    answers = {answer.question_id: answer.value for answer in entry.answers.all()}
    files: dict[int | None, list[Attachment]] = {}
    for attachment in entry.attachments.all():
        files.setdefault(attachment.question_id, []).append(attachment)
    return [
        (question, answer_as_text(answers.get(question.pk)), files.get(question.pk, []))
        for question in Question.objects.filter(category_id=entry.category_id)
    ]


def audit_events_for_entry(*, entry: Entry) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        target_type=Entry._meta.label_lower, target_id=str(entry.pk)
    ).select_related("actor")


def audit_events_for_edition(*, edition: Edition, action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(edition=edition).select_related("actor")
    return events.filter(action=action) if action else events


def answer_as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def entry_export_rows(*, edition: Edition, entries: QuerySet[Entry]) -> Iterator[list]:
    """The CSV's rows: a header, then one row per entry with one column per question.

    Answers and files come in by prefetch per chunk of entries, so the export runs a number
    of queries proportional to entries / EXPORT_CHUNK_SIZE, never to answers.
    """
    questions = list(
        Question.objects.filter(category__edition=edition)
        .select_related("category")
        .order_by("category__position", "category__code", "position", "pk")
    )
    several_categories = len({q.category_id for q in questions}) > 1
    yield [
        str(_("Reference")),
        str(_("Category")),
        str(_("Title")),
        str(_("Status")),
        str(_("Eligibility")),
        str(_("Reason for ineligibility")),
        str(_("Owner email")),
        str(_("Owner name")),
        str(_("Organisation")),
        str(_("Team")),
        str(_("Submitted")),
        str(_("Short pitch")),
        *[
            f"{q.category.code}: {q.label_en}" if several_categories else q.label_en
            for q in questions
        ],
    ]
    entries = entries.prefetch_related(
        Prefetch("answers", queryset=Answer.objects.only("entry_id", "question_id", "value")),
        Prefetch(
            "attachments",
            queryset=Attachment.objects.only("entry_id", "question_id", "original_name"),
        ),
        Prefetch("team", queryset=TeamMember.objects.select_related("user")),
    )
    for entry in entries.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        answers = {answer.question_id: answer.value for answer in entry.answers.all()}
        files: dict[int, list[str]] = {}
        for attachment in entry.attachments.all():
            files.setdefault(attachment.question_id, []).append(attachment.original_name)
        yield [
            entry.reference or "",
            entry.category.code,
            entry.title,
            entry.get_status_display(),
            entry.get_eligibility_display(),
            entry.ineligible_reason,
            entry.owner.email if entry.owner else "",
            entry.owner.display_name if entry.owner else "",
            entry.organisation,
            "; ".join(member.user.email for member in entry.team.all()),
            entry.submitted_at.isoformat() if entry.submitted_at else "",
            entry.pitch,
            *[
                # Answers and files an entry kept from before it moved to another category
                # belong to questions its category no longer asks: they stay out of the export.
                ""
                if q.category_id != entry.category_id
                else "; ".join(files.get(q.pk, []))
                if q.kind == QuestionKind.FILE
                else answer_as_text(answers.get(q.pk))
                for q in questions
            ],
        ]


# Writes


@transaction.atomic
def entry_eligibility_set(*, entry: Entry, eligibility: str, reason: str, user) -> Entry:
    """Record an organiser's eligibility decision; a reason is required for "ineligible".

    Side effects: audit event "entry.eligibility" with the old and new value and the reason.
    """
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("category__edition")
        .get(pk=entry.pk)
    )
    reason = reason.strip()
    if eligibility == Eligibility.INELIGIBLE and not reason:
        raise ValidationError(
            {"reason": _("Give the reason the entry is ineligible.")}, code="reason_required"
        )
    previous = entry.eligibility
    entry.eligibility = eligibility
    entry.ineligible_reason = reason if eligibility == Eligibility.INELIGIBLE else ""
    entry.save(update_fields=["eligibility", "ineligible_reason", "updated_at"])
    audit_record(
        actor=user,
        action="entry.eligibility",
        target=entry,
        summary=f"{previous} -> {eligibility}" + (f": {reason}" if reason else ""),
        data={"from": previous, "to": eligibility, "reason": reason},
        edition=entry.category.edition,
    )
    return entry


# Forms


class EntryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Title, reference, entrant's name or email, organisation."),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *EntryStatus.choices],
    )
    eligibility = forms.ChoiceField(
        label=_("Eligibility"),
        required=False,
        choices=[("", _("Any eligibility")), *Eligibility.choices],
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(edition=edition)
        self.fields["category"].empty_label = _("All categories")
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Div("q", css_class="col-md-4"),
                Div("category", css_class="col-md-3"),
                Div("status", css_class="col-md-2"),
                Div("eligibility", css_class="col-md-2"),
                Div(
                    Submit("", _("Filter"), css_class="btn-secondary"),
                    css_class="col-md-1 pt-md-4 mt-md-2",
                ),
                css_class="row g-2",
            )
        )

    def filters(self) -> dict:
        """Keyword arguments for `entries_for_organiser`; nothing filtered when invalid."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "category": data["category"],
            "search": data["q"].strip(),
            "status": data["status"],
            "eligibility": data["eligibility"],
        }


class EligibilityForm(forms.Form):
    eligibility = forms.ChoiceField(label=_("Eligibility"), choices=Eligibility.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the entry is ineligible. The entrant may be told this reason."),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("save", _("Save eligibility")))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("eligibility") == Eligibility.INELIGIBLE
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error(
                "reason",
                ValidationError(
                    _("Give the reason the entry is ineligible."), code="reason_required"
                ),
            )
        return cleaned
