"""Organisers' forms for winner pages and publication, and the team's form for its check."""

import datetime as dt

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Winner, WinnerPhoto
from publishing.models import PAGE_FIELDS

MAX_PHOTO_MB = 15
SINGLE_LINE = ("names", "organisation", "idea_title")


class WinnerPageForm(forms.ModelForm):
    class Meta:
        model = Winner
        fields = list(PAGE_FIELDS)
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_sv": forms.Textarea(attrs={"rows": 3}),
            "citation_en": forms.Textarea(attrs={"rows": 4}),
            "citation_sv": forms.Textarea(attrs={"rows": 4}),
            "story_en": forms.Textarea(attrs={"rows": 10}),
            "story_sv": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class WinnerPhotoForm(forms.ModelForm):
    class Meta:
        model = WinnerPhoto
        fields = ["image", "alt_text_en", "alt_text_sv", "caption_en", "caption_sv", "credit"]
        help_texts = {
            "alt_text_sv": _("What the photo shows, in Swedish."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image and image.size > MAX_PHOTO_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The photo is larger than %(mb)s MB.") % {"mb": MAX_PHOTO_MB}, code="too_large"
            )
        return image


class PublishForm(forms.Form):
    """Publish now, or at a later time (an embargo) given in Stockholm time."""

    when = forms.ChoiceField(
        label=_("When"),
        choices=[("now", _("Now")), ("later", _("At a set time (embargo)"))],
        widget=forms.RadioSelect,
        initial="now",
    )
    at = forms.DateTimeField(
        label=_("Publish at (Stockholm time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Only for an embargo: results and winner pages go public then."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == "later":
            at = cleaned.get("at")
            if at is None:
                self.add_error("at", forms.ValidationError(_("Give the time."), code="required"))
            elif at <= timezone.now():
                self.add_error(
                    "at", forms.ValidationError(_("Give a time in the future."), code="past")
                )
        return cleaned

    @property
    def publish_at(self) -> dt.datetime | None:
        """None means now."""
        return self.cleaned_data["at"] if self.cleaned_data["when"] == "later" else None


class TeamCheckForm(forms.Form):
    """The page's texts as the team sees them; a changed text is a proposed correction."""

    def __init__(self, *args, winner: Winner, **kwargs):
        super().__init__(*args, **kwargs)
        self.winner = winner
        labels = {name: Winner._meta.get_field(name).verbose_name for name in PAGE_FIELDS}
        for name in PAGE_FIELDS:
            single_line = name in SINGLE_LINE
            self.fields[name] = forms.CharField(
                label=str(labels[name]).capitalize(),
                required=False,
                initial=getattr(winner, name),
                widget=forms.TextInput()
                if single_line
                else forms.Textarea(attrs={"rows": 8 if name.startswith("story") else 3}),
            )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def proposals(self) -> dict[str, str]:
        """Only the texts the team changed."""
        return {
            name: value.strip()
            for name, value in self.cleaned_data.items()
            if value.strip() != (getattr(self.winner, name) or "").strip()
        }
