from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deliberation.enums import SecondLookBasis
from judging.enums import DecisionOutcome
from judging.results import METHODS

METHOD_LABELS = {
    "mean": _("Mean of the judges' scores (no calibration)"),
    "zscore": _("Calibrated: each judge's scores standardised (z-scores)"),
    "offset": _("Calibrated: each judge's leniency taken out (judge offsets)"),
}


class MeetingStartForm(forms.Form):
    method = forms.ChoiceField(label=_("Ranking"), initial="mean")
    top_n = forms.IntegerField(
        label=_("Places at the cut"),
        min_value=1,
        max_value=1000,
        initial=3,
        help_text=_("How many entries advance or win: the agenda starts where that is unsettled."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            (method, METHOD_LABELS.get(method, method)) for method in METHODS
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("start", _("Start the meeting")))


class MeetingDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Give a reason for the decision.")},
        help_text=_("In the minutes and the audit log; not shown to entrants."),
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (value, DecisionOutcome(value).label) for value in outcomes
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False


class SecondLookForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Which entries"), choices=SecondLookBasis.choices, widget=forms.RadioSelect
    )
    count = forms.IntegerField(label=_("How many entries"), min_value=1, max_value=500, initial=5)
    extra = forms.IntegerField(
        label=_("Extra reviews per entry"), min_value=1, max_value=5, initial=1
    )
    top_n = forms.IntegerField(label=_("Places at the cut"), min_value=1, max_value=1000, initial=3)
    deadline = forms.DateTimeField(
        label=_("Deadline for the extra reviews"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Stockholm time."),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."), code="past")
        return deadline
