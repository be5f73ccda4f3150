"""An edition's results made public, now or at a set time (an embargo), and the entrants' outcome
emails queued once that time has come (`judging.services.outcomes` sends them).

It lives in judging, above awards and submissions, because what it announces are the jury's
decisions; winner pages and photos stay in `awards.services`.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Edition
from judging.tasks import results_notify


def edition_results_publish(*, edition: Edition, at: dt.datetime, by) -> Edition:
    """Make the edition's results public at `at` and have entrants emailed their outcome then.

    Side effects: an audit event "edition.results_publish"; every cached public page made stale;
    when `at` has come, outcome emails queued at once (`results_notify` task); otherwise the
    `publish_due` cron command queues them once the time has passed. Emails go out once only.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("award").get(pk=edition.pk)
        edition.results_publish_at = at
        edition.save(update_fields=["results_publish_at"])
        audit_record(
            actor=by,
            action="edition.results_publish",
            target=edition,
            summary=str(edition),
            data={"results_publish_at": at.isoformat()},
            edition=edition,
        )
        if at <= timezone.now():
            transaction.on_commit(lambda: results_notify_enqueue(edition.pk))
    public_pages_invalidate()
    return edition


def results_notify_enqueue(edition_id: int) -> None:
    """Queue the outcome emails of the edition (`results_notify` runs `edition_results_notify`)."""
    results_notify.enqueue(edition_id=edition_id)


def editions_due_for_notification(*, now: dt.datetime | None = None):
    """Editions whose results time has passed and whose entrants have not been emailed yet."""
    now = now or timezone.now()
    return Edition.objects.filter(results_publish_at__lte=now, results_notified_at__isnull=True)
