from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services.queue import outgoing_email_queue


def email_enqueue(
    message: EmailMessage,
    *,
    language: str | None = None,
    related: models.Model | None = None,
    key: str = "",
) -> None:
    """Write an already rendered message into the outbox (one row per recipient, in the
    current transaction); the worker delivers it after commit, with retries. Text attachments
    (a calendar file) travel with it."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mime in message.alternatives if mime == "text/html"), "")
    outgoing_email_queue(
        to=list(message.to),
        subject=message.subject,
        body=message.body,
        html=html,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        language=language or translation.get_language() or "",
        related=related,
        key=key,
        attachments=[
            [name, content, mimetype]
            for name, content, mimetype in message.attachments
            if isinstance(content, str)
        ],
    )


def email_render_and_enqueue(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    related: models.Model | None = None,
    key: str = "",
) -> None:
    """Render `emails/<template>_subject.txt` and `_body.txt` in `language` and queue the email.
    `related` shows it on that object's page (a failed receipt on the entry); `key` makes a
    second call for the same recipient write nothing."""
    language = language or translation.get_language()
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}_body.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.splitlines()).strip()
    email_enqueue(
        EmailMultiAlternatives(subject, body.strip(), settings.DEFAULT_FROM_EMAIL, to),
        language=language,
        related=related,
        key=key,
    )


def email_users_render_and_enqueue(
    *,
    template: str,
    users: Iterable,
    context: dict | Callable[[], dict],
    related: models.Model | None = None,
    key: str = "",
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
            template=template,
            to=sorted(emails),
            context=built,
            language=language,
            related=related,
            key=key,
        )
