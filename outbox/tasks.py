from django_tasks import task

from outbox.services.send import outgoing_email_send


@task()
def outgoing_email_send_task(*, email_id: int) -> str:
    """Deliver one outbox row (claimed first, so a second run sends nothing)."""
    return outgoing_email_send(email_id=email_id)
