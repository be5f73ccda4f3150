import time
from urllib.parse import quote, urlsplit

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.urls import reverse
from django.utils import translation

from accounts.languages import language_supported
from accounts.mail import email_enqueue
from accounts.models import User
from accounts.rules import user_has_mfa


def _signed_in_within(request, *, seconds: int) -> bool:
    records = get_authentication_records(request, request.user)
    return any(time.time() - record.get("at", 0) < seconds for record in records)


class _SiteAtSiteURL(RequestSite):
    """The site as emails name it: Laurel at SITE_URL, whatever the request's host or the
    sites table say (a link to another port or host would lead nowhere)."""

    def __init__(self):
        self.domain = urlsplit(settings.SITE_URL).netloc or "localhost"
        self.name = "Laurel"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Emails follow the language the person signed up in until they choose another.
        user.language = language_supported(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up a first authenticator in the minutes after signing in asks for nothing
        more: the password was just typed. Everything else sensitive asks again as allauth
        decides (changing or removing an authenticator, emails, passwords)."""
        request = allauth_context.request
        if (
            app == "allauth.mfa"
            and request is not None
            and request.user.is_authenticated
            and not user_has_mfa(request.user)
            and _signed_in_within(request, seconds=allauth_settings.REAUTHENTICATION_TIMEOUT)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_redirect_url(self, request):
        """Organisers land on their season dashboard unless they were on their way elsewhere
        (allauth follows a `next` before asking this)."""
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            return reverse("console:dashboard")
        return super().get_login_redirect_url(request)

    def get_current_site(self, request):
        return _SiteAtSiteURL()

    # Links in allauth's emails point at SITE_URL, like every other email's.
    def get_email_confirmation_url(self, request, emailconfirmation):
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key):
        # allauth's own way to put its opaque key into the path (uidb36-key).
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Rendered here in the recipient's own language (the page's for someone we do not
        know yet), and delivered by the task worker."""
        recipient = User.objects.filter(email__iexact=email).only("language").first()
        language = recipient.email_language if recipient else translation.get_language()
        full_context = {
            "request": allauth_context.request,
            "email": email,
            "current_site": _SiteAtSiteURL(),
        }
        full_context.update(context)
        with translation.override(language):
            email_enqueue(self.render_mail(template_prefix, email, full_context), language=language)
