"""Entrant forms. The entry form is built from the category's questions and is lenient: a draft
keeps whatever was typed, and `answer_problems` checks the answers only when the entry is
submitted."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from accounts.validators import validate_single_line
from awards.models import Category
from submissions.enums import QuestionKind
from submissions.models import Entry, Question

# Inputs live outside the <form> element (file questions bring their own upload forms, and
# forms cannot nest), so each input names the form it belongs to.
ENTRY_FORM_ID = "entry-form"


def question_field_name(question: Question) -> str:
    return f"q_{question.pk}"


def question_anchor(question: Question) -> str:
    """The id of the question's block on the edit page, for "missing" links."""
    return f"question-{question.pk}"


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def question_choices(question: Question) -> list[tuple[str, str]]:
    """(stored value, label) pairs: the English choice is stored, the label is translated."""
    values = lines(question.choices_en)
    labels = values
    if (get_language() or "").startswith("sv"):
        swedish = lines(question.choices_sv)
        if len(swedish) == len(values):
            labels = swedish
    return list(zip(values, labels, strict=True))


def word_count(text) -> int:
    return len(re.findall(r"\S+", text)) if isinstance(text, str) else 0


def answer_is_empty(value) -> bool:
    return value is None or value == "" or value == []


def _number_or_text(text: str):
    """A number when the text is one, the text otherwise (flagged at submit, never lost)."""
    try:
        number = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() else float(number)


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
        for name, field in self.fields.items():
            if name != "revision":
                field.widget.attrs["form"] = ENTRY_FORM_ID

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


@dataclass(frozen=True)
class Problem:
    """Something that stops an entry from being submitted, with the link to fix it."""

    anchor: str
    label: str
    message: str


def answer_problem(*, question: Question, value, file_count: int = 0) -> str | None:
    """What is wrong with one answer at submit, or None."""
    kind = question.kind
    if kind == QuestionKind.FILE:
        if question.required and file_count == 0:
            return _("Please upload a file.")
        return None
    if answer_is_empty(value):
        if not question.required:
            return None
        if kind == QuestionKind.CHECKBOX:
            return _("Please tick this box.")
        return _("This question needs an answer.")
    if kind == QuestionKind.LONG_TEXT:
        count = word_count(value)
        if question.min_words and count < question.min_words:
            return ngettext(
                "Write at least %(min)d word (now %(count)d).",
                "Write at least %(min)d words (now %(count)d).",
                question.min_words,
            ) % {"min": question.min_words, "count": count}
        if question.max_words and count > question.max_words:
            return ngettext(
                "Write at most %(max)d word (now %(count)d).",
                "Write at most %(max)d words (now %(count)d).",
                question.max_words,
            ) % {"max": question.max_words, "count": count}
    elif kind == QuestionKind.NUMBER:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return _("Enter a number, e.g. 12 or 3.5.")
    elif kind == QuestionKind.URL:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            return _("Enter a full web address, e.g. https://example.org.")
    elif kind == QuestionKind.DATE:
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("Enter a date.")
    elif kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        chosen = value if isinstance(value, list) else [value]
        if not set(chosen) <= set(lines(question.choices_en)):
            return _("Choose from the options given.")
    return None


def eligibility_problem(*, question: Question, value) -> str | None:
    """The question's ineligibility message when the answer makes the entry ineligible."""
    if not question.is_eligibility or answer_is_empty(value):
        return None
    eligible = set(lines(question.eligible_answers))
    chosen = value if isinstance(value, list) else [value]
    if all(str(answer) in eligible for answer in chosen):
        return None
    return question.ineligible_message or _("This answer makes the entry ineligible.")


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
