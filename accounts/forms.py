from allauth.core import ratelimit
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "organisation", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The site's default (%(language)s)") % {"language": _("English")}),
            *settings.LANGUAGES,
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save profile")))


class AccountDeleteForm(forms.Form):
    """Deleting an account cannot be undone, so the password is asked for again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("delete", _("Delete my account for good"), css_class="btn-danger")
        )

    def clean_password(self):
        password = self.cleaned_data["password"]
        # A password check is a sign-in form too: the same limit as allauth's re-authentication.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise forms.ValidationError(
                _("Too many attempts. Please wait a few minutes and try again."),
                code="rate_limited",
            )
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="password_incorrect")
        return password
