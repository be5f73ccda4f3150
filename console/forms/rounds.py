"""A round's settings and its rubric's criteria, both languages side by side."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy

from console.forms.widgets import datetime_field
from judging.forms import round_mode_clean
from judging.models import Criterion, Round


def _pair(name: str) -> Div:
    return Div(
        Div(Field(f"{name}_en"), css_class="col-md-6"),
        Div(Field(f"{name}_sv"), css_class="col-md-6"),
        css_class="row",
    )


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "name_en",
            "name_sv",
            "position",
            "opens_at",
            "closes_at",
            "reviews_per_entry",
            "blind",
            "visibility",
            "reminder_days_before",
            "advance_count",
            "mode",
            "ranking_method",
            "ranking_limit",
            "screening_threshold",
            "comparisons_per_entry",
        ]

    def __init__(self, *args, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.category = category
        datetime_field(self.fields["opens_at"])
        datetime_field(self.fields["closes_at"])
        if not self.instance.pk:
            self.fields["position"].initial = category.rounds.count() + 1
        self.helper = FormHelper()
        self.helper.layout = Layout(
            _pair("name"),
            "position",
            Div(
                Div("opens_at", css_class="col-md-6"),
                Div("closes_at", css_class="col-md-6"),
                css_class="row",
            ),
            "reviews_per_entry",
            "blind",
            "visibility",
            "reminder_days_before",
            "advance_count",
            "mode",
            Div(
                Div("ranking_method", css_class="col-md-6"),
                Div("ranking_limit", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("screening_threshold", css_class="col-md-6"),
                Div("comparisons_per_entry", css_class="col-md-6"),
                css_class="row",
            ),
        )
        self.helper.add_input(Submit("save", gettext_lazy("Save the round")))

    def clean_mode(self):
        return round_mode_clean(round=self.instance, mode=self.cleaned_data["mode"])

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "closes_at",
                forms.ValidationError(
                    gettext_lazy("The round must close after it opens."), code="round_order"
                ),
            )
        position = data.get("position")
        others = Round.objects.filter(category=self.instance.category, position=position)
        if position and others.exclude(pk=self.instance.pk).exists():
            self.add_error(
                "position",
                forms.ValidationError(
                    gettext_lazy("Another round of this category has this position."),
                    code="position_taken",
                ),
            )
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_en",
            "name_sv",
            "guidance_en",
            "guidance_sv",
            "weight",
            "scale_min",
            "scale_max",
            "descriptors_en",
            "descriptors_sv",
            "required",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("guidance_en", "guidance_sv", "descriptors_en", "descriptors_sv")
        }

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.round = round
        self.helper = FormHelper()
        self.helper.layout = Layout(
            _pair("name"),
            _pair("guidance"),
            Div(
                Div("weight", css_class="col-md-4"),
                Div("scale_min", css_class="col-md-4"),
                Div("scale_max", css_class="col-md-4"),
                css_class="row",
            ),
            _pair("descriptors"),
            "required",
        )
        self.helper.add_input(
            Submit("preview", gettext_lazy("Preview"), css_class="btn-outline-primary")
        )
        self.helper.add_input(Submit("save", gettext_lazy("Save the criterion")))

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error(
                "scale_max",
                forms.ValidationError(
                    gettext_lazy("The highest score must be above the lowest."),
                    code="scale_order",
                ),
            )
        weight = data.get("weight")
        if weight is not None and weight <= 0:
            self.add_error(
                "weight",
                forms.ValidationError(
                    gettext_lazy("The weight must be above zero."), code="weight_positive"
                ),
            )
        return data
