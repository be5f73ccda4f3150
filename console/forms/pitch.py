"""A final round's pitch day: when and where, the slots' rhythm, and how it weighs with the
written round."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy

from console.forms.widgets import datetime_field
from finals.models import PitchDay


class PitchDayForm(forms.ModelForm):
    # A link typed without its scheme is taken as https, as Django 6 will do by default.
    video_link = forms.URLField(
        label=gettext_lazy("video link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = PitchDay
        fields = [
            "starts_at",
            "place",
            "video_link",
            "slot_minutes",
            "gap_minutes",
            "break_after",
            "break_minutes",
            "earlier_round",
            "pitch_weight",
        ]

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.round = round
        datetime_field(self.fields["starts_at"])
        # Only an earlier round of the same category can weigh with the pitch.
        self.fields["earlier_round"].queryset = round.category.rounds.filter(
            position__lt=round.position
        ).order_by("position")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "starts_at",
            Div(
                Div("place", css_class="col-md-6"),
                Div("video_link", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("slot_minutes", css_class="col-md-3"),
                Div("gap_minutes", css_class="col-md-3"),
                Div("break_after", css_class="col-md-3"),
                Div("break_minutes", css_class="col-md-3"),
                css_class="row",
            ),
            Div(
                Div("earlier_round", css_class="col-md-6"),
                Div("pitch_weight", css_class="col-md-6"),
                css_class="row",
            ),
        )
        self.helper.add_input(Submit("save", gettext_lazy("Save the pitch day")))
