from django import forms
from django.utils.translation import gettext_lazy as _


class SlotSwapForm(forms.Form):
    first = forms.TypedChoiceField(label=_("Slot"), coerce=int)
    second = forms.TypedChoiceField(label=_("Swap with"), coerce=int)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(s.pk, f"{s.position}. {s.entry.reference or s.entry.title}") for s in slots]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices


class SlotRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Which times suit you better, and why?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SlotRequestDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Grant: swap with another slot")), ("no", _("Refuse"))],
    )
    swap_with = forms.TypedChoiceField(label=_("Swap with"), coerce=int, required=False)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swap_with"].choices = [("", "–")] + [
            (s.pk, f"{s.position}. {s.entry.reference or s.entry.title}") for s in slots
        ]
