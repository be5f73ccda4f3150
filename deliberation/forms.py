from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deliberation.enums import FeedbackKind
from deliberation.models import Message
from deliberation.services.messages import message_edit, message_post


class MessageForm(forms.Form):
    """A new message or a reply (`parent`); chair notes only for those who manage the round."""

    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    chair_note = forms.BooleanField(
        label=_("Chair's note: only the chair and organisers see it"), required=False
    )

    def __init__(self, *args, seat, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat, self.user = seat, user
        if not seat.manages:
            del self.fields["chair_note"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("post", _("Post")))

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = Message.objects.filter(pk=pk, round=self.seat.round, entry=self.seat.entry).first()
        if parent is None:
            raise ValidationError(_("That thread is not open to you."), code="parent")
        return parent

    def save(self) -> Message | None:
        try:
            return message_post(
                seat=self.seat,
                author=self.user,
                body=self.cleaned_data["body"],
                parent=self.cleaned_data.get("parent"),
                chair_note=self.cleaned_data.get("chair_note", False),
            )
        except ValidationError as error:
            self.add_error("body" if error.code in ("empty", "too_long") else None, error)
            return None


class MessageEditForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, message, user, **kwargs):
        kwargs.setdefault("initial", {"body": message.body})
        super().__init__(*args, **kwargs)
        self.message, self.user = message, user
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def save(self) -> Message | None:
        try:
            return message_edit(
                message=self.message, user=self.user, body=self.cleaned_data["body"]
            )
        except ValidationError as error:
            self.add_error("body" if error.code in ("empty", "too_long") else None, error)
            return None


class FeedbackPolicyForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the entrants' feedback letters say about this round"),
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class CommentModerationForm(forms.Form):
    text = forms.CharField(
        label=_("Text the entrant reads"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    action = forms.ChoiceField(choices=[("release", "release"), ("hold", "hold")])
