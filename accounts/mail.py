from collections import defaultdict
from collections.abc import Callable, Iterable

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


def email_users_render_and_enqueue(
    *, template: str, users: Iterable, context: dict | Callable[[], dict]
) -> None:
    """Email each user in the language they chose: one message per language, its context
    (a dict, or a callable building one) made with that language active, so dates, names and
    links follow it too."""
    by_language: dict[str, set[str]] = defaultdict(set)
    for user in users:
        by_language[user.email_language].add(user.email)
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            built = context() if callable(context) else context
        email_render_and_enqueue(
            template=template, to=sorted(emails), context=built, language=language
        )
