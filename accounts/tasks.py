from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def email_send(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html: str | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Deliver one rendered email. Kept so that tasks queued before the outbox existed still
    run; new emails go through `outbox` (accounts.mail), which retries and records them.
    `attachments` are ``[filename, text, mimetype]`` (e.g. a calendar invitation)."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()
