"""The judging app's forms: the review (one score field per criterion), the jury invitation,
conflicts of interest, manual assignment and decisions on a round's entries.

Forms validate what they can alone; each `save()` calls the service that writes, and puts the
service's refusals next to the field they are about.
"""

from collections.abc import Mapping
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from accounts.validators import validate_single_line
from judging.enums import ConflictKind, DecisionOutcome, JuryRole
from judging.models import Assignment, Conflict, Criterion, Decision, JuryMember, Review, Round
from judging.services.assignments import assignment_add
from judging.services.conflicts import conflict_add, conflict_declare
from judging.services.decisions import decisions_record
from judging.services.jury import jury_member_invite
from judging.services.reviews import review_save_draft, review_submit
from judging.services.rounds import round_mode_locked
from submissions.enums import EntryStatus
from submissions.models import Entry


def score_levels(criterion) -> list[tuple[int, str]]:
    """Each whole score of the criterion's scale with its level descriptor ("" when none given)."""
    lines = [line.strip() for line in (criterion.descriptors or "").splitlines() if line.strip()]
    values = range(criterion.scale_min, criterion.scale_max + 1)
    return [(value, lines[i] if i < len(lines) else "") for i, value in enumerate(values)]


class _AsTyped(forms.Field):
    """A value exactly as posted ("" when absent): the service checks it against the scale, and a
    refused save shows it back as the judge typed it."""

    def to_python(self, value) -> str:
        return "" if value is None else str(value)


class ReviewForm(forms.Form):
    """The review page's POST, for the "Save draft" button, the autosave and the submit button:
    one score field per criterion of the round (built in `__init__`), the two texts and the
    version of the review the page was opened with.

    Only this round's criteria are read: a posted id of another round's criterion is simply
    never looked at. Scores are checked by the service, not here, so the page, the autosave and
    every other caller share one set of rules and one order of refusals (locked, then stale,
    then the scores). `save()` calls `review_save_draft` or `review_submit` and puts their
    refusals on the form: a score's error next to that score, the rest for the whole page.
    """

    comment = _AsTyped(required=False)
    feedback = _AsTyped(required=False)
    version = _AsTyped(required=False)

    def __init__(self, data=None, *, assignment: Assignment, user, criteria: list[Criterion]):
        super().__init__(data)
        self.assignment = assignment
        self.user = user
        self.criteria = criteria
        for criterion in criteria:
            field = _AsTyped(required=False, label=criterion.name)
            self.fields[score_field(criterion)] = field

    def clean_version(self) -> int:
        # Not a whole number: -1, a version no review has, so the service refuses it as stale.
        try:
            return int(self.cleaned_data["version"])
        except ValueError:
            return -1

    def clean(self):
        cleaned = super().clean()
        cleaned["scores"] = {c.pk: cleaned.get(score_field(c), "") for c in self.criteria}
        return cleaned

    def typed(self) -> dict:
        """What the judge typed, to show back when a save is refused (a refused score leaves
        `cleaned_data`, so this reads the posted data)."""
        return {
            "scores": {c.pk: self[score_field(c)].value() or "" for c in self.criteria},
            "comment": self["comment"].value() or "",
            "feedback": self["feedback"].value() or "",
            "version": self.cleaned_data.get("version", -1),
        }

    def field_errors(self) -> dict[str, str]:
        """Each refused score's messages, keyed by its field name ("score_<criterion id>")."""
        return {name: " ".join(errors) for name, errors in self.errors.items() if name != "__all__"}

    def save(self, *, submit: bool = False) -> Review:
        """Save the draft, or submit the review. Raises the service's ValidationError (its code
        tells the view the status to answer) after putting its messages on the form."""
        write = review_submit if submit else review_save_draft
        try:
            return write(
                assignment=self.assignment,
                user=self.user,
                scores=self.cleaned_data["scores"],
                comment=self.cleaned_data["comment"],
                feedback=self.cleaned_data["feedback"],
                version=self.cleaned_data["version"],
            )
        except ValidationError as error:
            self.add_error(None, error)
            raise


def score_field(criterion) -> str:
    return f"score_{criterion.pk}"


class JuryInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=150,
        required=False,
        validators=[validate_single_line],
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=JuryRole.choices, initial=JuryRole.JUDGE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("invite", gettext_lazy("Send invitation")))

    def save(self, *, category, invited_by) -> JuryMember:
        """Invite through `jury_member_invite`; its refusal goes next to the email address."""
        try:
            return jury_member_invite(
                category=category,
                email=self.cleaned_data["email"],
                name=self.cleaned_data["name"],
                role=self.cleaned_data["role"],
                invited_by=invited_by,
            )
        except ValidationError as error:
            self.add_error("email", error)
            raise


class ConflictAddForm(forms.Form):
    entry = forms.ModelChoiceField(label=gettext_lazy("Entry"), queryset=Entry.objects.none())
    judge = forms.ModelChoiceField(
        label=gettext_lazy("Judge"), queryset=get_user_model().objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ConflictKind.choices)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, category, hidden_entry_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = (
            Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED)
            .exclude(pk__in=hidden_entry_ids)
            .order_by("number", "pk")
        )
        self.fields["entry"].label_from_instance = lambda entry: f"{entry} · {entry.title}"
        self.fields["judge"].queryset = (
            get_user_model().objects.filter(jury_memberships__category=category).distinct()
        )

    def save(self, *, actor) -> Conflict:
        """Record through `conflict_add`; its refusal goes next to the judge."""
        try:
            return conflict_add(
                entry=self.cleaned_data["entry"],
                judge=self.cleaned_data["judge"],
                kind=self.cleaned_data["kind"],
                note=self.cleaned_data["note"],
                actor=actor,
            )
        except ValidationError as error:
            self.add_error("judge", error)
            raise


class ConflictDeclareForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of conflict"), choices=ConflictKind.choices)
    note = forms.CharField(
        label=gettext_lazy("Note for the chair (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def save(self, *, judge, entry: Entry) -> Conflict:
        return conflict_declare(
            judge=judge,
            entry=entry,
            kind=self.cleaned_data["kind"],
            note=self.cleaned_data["note"],
        )


class AssignmentAddForm(forms.Form):
    entry = forms.ModelChoiceField(label=gettext_lazy("Entry"), queryset=Entry.objects.none())
    judge = forms.ModelChoiceField(
        label=gettext_lazy("Judge"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, round, hidden_entry_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = (
            Entry.objects.filter(round_entries__round=round)
            .exclude(pk__in=hidden_entry_ids)
            .order_by("number", "pk")
        )
        self.fields["entry"].label_from_instance = lambda entry: f"{entry} · {entry.title}"
        self.fields["judge"].queryset = (
            get_user_model()
            .objects.filter(
                jury_memberships__category_id=round.category_id, jury_memberships__active=True
            )
            .distinct()
        )

    def save(self, *, round: Round, actor) -> Assignment:
        """Assign through `assignment_add`, whose ValidationError the page shows as a message."""
        return assignment_add(
            round=round,
            entry=self.cleaned_data["entry"],
            judge=self.cleaned_data["judge"],
            actor=actor,
        )


class EntryIdsField(forms.Field):
    """The ids of the ticked entries: whole numbers, at least one. What they may be is the
    form's business (`DecisionForm.clean_entries`), checked against a set: no choice per entry
    of the round is built (4,000 entries made 8,000 calls into Django's choice handling)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": gettext_lazy("Tick at least one entry in the table."),
        "invalid": gettext_lazy("Tick entries in the table."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            return sorted({int(v) for v in values})
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class DecisionForm(forms.Form):
    """One outcome and reason for the entries ticked in the results table (only those are
    read: `entry_ids` is the set of entries the chair may decide on, not a list of choices)."""

    entries = EntryIdsField(label=gettext_lazy("Entries"))
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        error_messages={"required": gettext_lazy("Choose the decision.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Give a reason for the decision.")},
        help_text=gettext_lazy(
            "Kept with the decision and in the audit log; not shown to entrants."
        ),
    )

    def __init__(self, *args, entry_ids, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry_ids = entry_ids
        # Nothing preselected: the chair picks the outcome, never gets "Winner" by default.
        self.fields["outcome"].choices = [("", gettext_lazy("Choose…"))] + [
            (value, DecisionOutcome(value).label) for value in outcomes
        ]

    def clean_entries(self):
        entries = self.cleaned_data["entries"]
        if not set(entries) <= set(self.entry_ids):
            raise ValidationError(
                gettext_lazy("Tick only entries shown in the table."), code="not_shown"
            )
        return entries

    def save(
        self, *, round: Round, by, method: str, parameters: Mapping[str, Any]
    ) -> list[Decision]:
        """Record through `decisions_record`; its refusals go next to the field they are about
        and are raised again."""
        entries = list(Entry.objects.filter(pk__in=self.cleaned_data["entries"]))
        try:
            return decisions_record(
                round=round,
                entries=entries,
                outcome=self.cleaned_data["outcome"],
                reason=self.cleaned_data["reason"],
                by=by,
                method=method,
                parameters=parameters,
            )
        except ValidationError as error:
            self._add_service_errors(error)
            raise

    def _add_service_errors(self, error: ValidationError) -> None:
        fields = {"reason": "reason", "outcome": "outcome", "no_entries": "entries"}
        fields["not_in_round"] = "entries"
        for item in error.error_list:
            self.add_error(fields.get(item.code), item)


def round_mode_clean(*, round, mode: str) -> str:
    """A form's check of a round's way of judging: refused once judges have started."""
    if mode != round.mode and round_mode_locked(round=round):
        raise forms.ValidationError(
            gettext_lazy(
                "Judges have started in this round, so the way of judging can no longer change."
            ),
            code="mode_in_use",
        )
    return mode
