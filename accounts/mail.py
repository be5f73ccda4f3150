from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from accounts.tasks import email_send


def email_enqueue(message: EmailMessage) -> None:
    """Queue an already rendered message for delivery by the task worker."""
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (content for content, mime in message.alternatives if mime == "text/html"), None
        )
    email_send.enqueue(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        html=html,
    )


def email_render_and_enqueue(
    *, template: str, to: list[str], context: dict, language: str | None = None
) -> None:
    """Render `emails/<template>_subject.txt` and `_body.txt` in `language` and queue the email."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}_body.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.splitlines()).strip()
    email_enqueue(EmailMultiAlternatives(subject, body.strip(), settings.DEFAULT_FROM_EMAIL, to))
