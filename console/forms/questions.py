from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy

from submissions.models import Question


def _pair(name: str) -> Div:
    return Div(
        Div(Field(f"{name}_en"), css_class="col-md-6"),
        Div(Field(f"{name}_sv"), css_class="col-md-6"),
        css_class="row",
    )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = [
            "kind",
            "label_en",
            "label_sv",
            "help_text_en",
            "help_text_sv",
            "required",
            "choices_en",
            "choices_sv",
            "min_words",
            "max_words",
            "allowed_types",
            "max_file_size_mb",
            "max_files",
            "is_eligibility",
            "eligible_answers",
            "ineligible_message_en",
            "ineligible_message_sv",
            "consent_version",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "help_text_en",
                "help_text_sv",
                "choices_en",
                "choices_sv",
                "eligible_answers",
                "ineligible_message_en",
                "ineligible_message_sv",
            )
        }

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.category = category
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "kind",
            _pair("label"),
            _pair("help_text"),
            "required",
            _pair("choices"),
            Div(
                Div("min_words", css_class="col-md-6"),
                Div("max_words", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("allowed_types", css_class="col-md-4"),
                Div("max_file_size_mb", css_class="col-md-4"),
                Div("max_files", css_class="col-md-4"),
                css_class="row",
            ),
            "is_eligibility",
            "eligible_answers",
            _pair("ineligible_message"),
            "consent_version",
        )
        self.helper.add_input(
            Submit("preview", gettext_lazy("Preview"), css_class="btn-outline-primary")
        )
        self.helper.add_input(Submit("save", gettext_lazy("Save the question")))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if (
            kind in ("single_choice", "multiple_choice")
            and not (data.get("choices_en") or "").strip()
        ):
            self.add_error(
                "choices_en",
                forms.ValidationError(
                    gettext_lazy("A choice question needs its choices, one per line."),
                    code="choices_missing",
                ),
            )
        english = [c for c in (data.get("choices_en") or "").splitlines() if c.strip()]
        swedish = [c for c in (data.get("choices_sv") or "").splitlines() if c.strip()]
        if swedish and len(swedish) != len(english):
            self.add_error(
                "choices_sv",
                forms.ValidationError(
                    gettext_lazy(
                        "Give as many Swedish choices as English ones, in the same order."
                    ),
                    code="choices_mismatch",
                ),
            )
        return data
