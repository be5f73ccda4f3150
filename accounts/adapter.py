from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from accounts.languages import language_supported
from accounts.mail import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Emails follow the language the person signed up in until they choose another.
        user.language = language_supported(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Rendered here, with the request's language and site; delivered by the task worker.
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
        email_enqueue(self.render_mail(template_prefix, email, full_context))
