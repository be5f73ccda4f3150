"""Forms of entrants' and organisers' pages. The entry form is built from the category's
questions and is lenient: a draft keeps whatever was typed, and the rules in `answers` check the
answers only when the entry is submitted."""

from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.validators import validate_single_line
from awards.models import Category, Edition
from submissions.answers import question_choices, question_field_name
from submissions.enums import Eligibility, EntryStatus, QuestionKind
from submissions.models import Entry, Question

# Inputs live outside the <form> element (file questions bring their own upload forms, and
# forms cannot nest), so each input names the form it belongs to.
ENTRY_FORM_ID = "entry-form"


def _number_or_text(text: str):
    """A number when the text is one, the text otherwise (flagged at submit, never lost)."""
    try:
        number = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def needed_label(label) -> str:
    """A label marked as needed before submitting, the same way everywhere on the entry form
    (the file questions' legends included): a visible asterisk, and "(required)" for screen
    readers. Drafts may leave it empty, so the field itself is not `required`."""
    return format_html(
        '{} <span class="text-danger" aria-hidden="true">*</span>'
        '<span class="visually-hidden"> {}</span>',
        label,
        _("(required)"),
    )


def _mark_needed(field: forms.Field) -> None:
    field.label = needed_label(field.label)
    # Radio and checkbox groups carry it on their group, not on each option.
    if not isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        field.widget.attrs["aria-required"] = "true"


class EntryForm(forms.Form):
    """Title, pitch, organisation and one field per question (file questions aside)."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    pitch = forms.CharField(
        label=gettext_lazy("Short pitch"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A few sentences the jury reads first."),
    )
    organisation = forms.CharField(
        label=gettext_lazy("Organisation (optional)"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=gettext_lazy("University, company or other affiliation, if any."),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind != QuestionKind.FILE:
                self.fields[question_field_name(question)] = self._question_field(question)
        needed = {"title", "pitch"} | {
            question_field_name(q) for q in questions if q.required and q.kind != QuestionKind.FILE
        }
        for name, field in self.fields.items():
            if name != "revision":
                field.widget.attrs["form"] = ENTRY_FORM_ID
            if name in needed:
                _mark_needed(field)

    @staticmethod
    def _question_field(question: Question) -> forms.Field:
        label = question.label
        if not question.required:
            label = _("%(label)s (optional)") % {"label": label}
        common = {
            "label": label,
            # Form help text is rendered unescaped (Django's and crispy's templates mark it safe);
            # this one is typed by organisers in the admin, so it must be escaped here.
            "help_text": escape(question.help_text),
            "required": False,
        }
        kind = question.kind
        if kind == QuestionKind.LONG_TEXT:
            attrs = {"rows": 8, "data-word-count": "true"}
            if question.min_words:
                attrs["data-min-words"] = question.min_words
            if question.max_words:
                attrs["data-max-words"] = question.max_words
            return forms.CharField(widget=forms.Textarea(attrs=attrs), strip=False, **common)
        if kind == QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(
                choices=question_choices(question), widget=forms.RadioSelect, **common
            )
        if kind == QuestionKind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=question_choices(question), widget=forms.CheckboxSelectMultiple, **common
            )
        if kind == QuestionKind.NUMBER:
            # A text input, so whatever was typed is kept in the draft and flagged at submit.
            return forms.CharField(
                max_length=100, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common
            )
        if kind == QuestionKind.URL:
            return forms.CharField(max_length=500, widget=forms.URLInput, **common)
        if kind == QuestionKind.DATE:
            return forms.CharField(
                max_length=20, widget=forms.DateInput(attrs={"type": "date"}), **common
            )
        if kind == QuestionKind.CHECKBOX:
            return forms.BooleanField(**common)
        return forms.CharField(max_length=1000, **common)

    @staticmethod
    def initial_for(*, entry: Entry, questions: list[Question], answers: dict) -> dict:
        """The form's initial data from the stored entry and its answers by question id."""
        initial = {
            "title": entry.title,
            "pitch": entry.pitch,
            "organisation": entry.organisation,
            "revision": entry.revision,
        }
        for question in questions:
            value = answers.get(question.pk)
            if value is None or question.kind == QuestionKind.FILE:
                continue
            if question.kind == QuestionKind.CHECKBOX:
                value = value == "yes"
            elif question.kind == QuestionKind.NUMBER:
                value = str(value)
            initial[question_field_name(question)] = value
        return initial

    def answer_values(self) -> dict[int, object]:
        """Cleaned answers by question id, as stored in `Answer.value`."""
        values = {}
        for question in self.questions:
            name = question_field_name(question)
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if question.kind == QuestionKind.CHECKBOX:
                value = "yes" if value else None
            elif question.kind == QuestionKind.NUMBER:
                value = _number_or_text(value.strip()) if value.strip() else None
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                value = list(value) or None
            elif isinstance(value, str):
                value = value if value.strip() else None
            values[question.pk] = value
        return values

    def items(self):
        """(question or None, bound field) pairs in page order; file questions have no field."""
        for name in ("title", "pitch", "organisation"):
            yield None, self[name]
        for question in self.questions:
            name = question_field_name(question)
            yield question, self[name] if name in self.fields else None


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy(
            "We email them a link. They may sign up with another address and still join."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("invite", _("Send invitation")))


def category_move_label(category: Category) -> str:
    """A category as a choice to move an entry to: its name and deadline, Stockholm time."""
    return _("%(category)s (deadline %(deadline)s, Stockholm time)") % {
        "category": category.name,
        "deadline": date_format(timezone.localtime(category.closes_at), "j F Y, H:i"),
    }


class EntryMoveForm(forms.Form):
    """The category to move an entry to, from `categories` (those it may move to now)."""

    category = forms.ModelChoiceField(
        label=gettext_lazy("Move to"),
        queryset=Category.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": gettext_lazy("Choose the category to move your entry to."),
            "invalid_choice": gettext_lazy(
                "That category is not taking entries now. Choose another one."
            ),
        },
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = categories
        field.label_from_instance = category_move_label
        self.helper = FormHelper()
        self.helper.add_input(Submit("move", _("Move my entry")))


class OrganiserEntryMoveForm(forms.Form):
    """An organiser's move of `entry` to another category of its edition, open or not."""

    # The page also holds the eligibility form, which has a "reason" too: the prefix keeps the
    # fields' ids (and so their labels and error messages) apart.
    prefix = "move"

    category = forms.ModelChoiceField(
        label=gettext_lazy("New category"),
        queryset=Category.objects.none(),
        empty_label=gettext_lazy("Choose a category"),
        error_messages={
            "required": gettext_lazy("Choose the category to move the entry to."),
            "invalid_choice": gettext_lazy(
                "Choose another category of this entry's award and year."
            ),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for the move (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The entry's team is told of the move by email, with this reason."),
    )

    def __init__(self, *args, entry: Entry, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = (
            Category.objects.filter(edition_id=entry.category.edition_id)
            .exclude(pk=entry.category_id)
            .order_by("position", "code")
        )
        field.label_from_instance = lambda category: f"{category.name} ({category.code})"
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.add_input(Submit("move", _("Move entry")))


class EntryFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        help_text=gettext_lazy("Title, reference, entrant's name or email, organisation."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *EntryStatus.choices],
    )
    eligibility = forms.ChoiceField(
        label=gettext_lazy("Eligibility"),
        required=False,
        choices=[("", gettext_lazy("Any eligibility")), *Eligibility.choices],
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
    eligibility = forms.ChoiceField(label=gettext_lazy("Eligibility"), choices=Eligibility.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required when the entry is ineligible. The entrant may be told this reason."
        ),
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
