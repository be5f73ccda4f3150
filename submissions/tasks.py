from django_tasks import task

from submissions.anonymous_copies import attachments_anonymise


@task()
def attachments_anonymise_task(*, attachment_ids: list[int]) -> int:
    """Make the copies without metadata that blind rounds need, right after a submission, so
    that a judge's first download does not wait for it."""
    return attachments_anonymise(attachment_ids=attachment_ids)
