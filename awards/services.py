"""Publication: winner pages, photos, and an edition's results with the entrants' outcome emails."""

import datetime as dt
import io
import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image, ImageOps

from accounts.mail import email_users_render_and_enqueue
from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Edition, Winner, WinnerPhoto
from awards.selectors import entry_outcomes

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (480, 960, 1600)
JPEG_QUALITY = 85


def winner_publish(*, winner: Winner, at: dt.datetime | None, by) -> Winner:
    """Publish a winner's page at `at` (now or later: an embargo), or unpublish it (None).

    Side effects: an audit event "winner.publish"; every cached public page made stale.
    The page also needs its edition's results to be public (`edition_results_publish`).
    """
    with transaction.atomic():
        winner = Winner.objects.select_for_update().get(pk=winner.pk)
        winner.publish_at = at
        winner.save(update_fields=["publish_at", "updated_at"])
        audit_record(
            actor=by,
            action="winner.publish" if at else "winner.unpublish",
            target=winner,
            summary=str(winner),
            data={"publish_at": at.isoformat() if at else None},
            edition=winner.category.edition,
        )
    public_pages_invalidate()
    return winner


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
            transaction.on_commit(lambda: _results_notify_enqueue(edition.pk))
    public_pages_invalidate()
    return edition


def _results_notify_enqueue(edition_id: int) -> None:
    from awards.tasks import results_notify

    results_notify.enqueue(edition_id=edition_id)


def editions_due_for_notification(*, now: dt.datetime | None = None):
    now = now or timezone.now()
    return Edition.objects.filter(results_publish_at__lte=now, results_notified_at__isnull=True)


def publications_due(*, now: dt.datetime | None = None) -> int:
    """For cron (`manage.py publish_due`): queue outcome emails of editions whose results time has
    passed. Returns how many editions were queued. Pages never wait for this: selectors check the
    time themselves."""
    edition_ids = list(editions_due_for_notification(now=now).values_list("pk", flat=True))
    for edition_id in edition_ids:
        _results_notify_enqueue(edition_id)
    if edition_ids:
        public_pages_invalidate()
    return len(edition_ids)


def edition_results_notify(*, edition: Edition, now: dt.datetime | None = None) -> int:
    """Email each submitted entry's team its outcome, once, and only when results are public.

    The outcome is the decision on the entry in its category's final round; no decision there
    means "not selected". Returns the number of emails queued (0 if too early or already done).
    Side effects: outcome emails queued; `results_notified_at` set; an audit event.
    """
    from submissions.enums import EntryStatus
    from submissions.models import Entry

    now = now or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().select_related("award").get(pk=edition.pk)
        # The task may run early (a clock, a retry) or twice: check the time and the flag here.
        if not edition.results_are_public(now=now) or edition.results_notified_at is not None:
            return 0
        entries = list(
            Entry.objects.filter(category__edition=edition, status=EntryStatus.SUBMITTED)
            .select_related("category__edition")
            .prefetch_related("team__user")
            .order_by("pk")
        )
        outcomes = entry_outcomes(entries=entries, now=now)
        sent = 0
        for entry in entries:
            users = [member.user for member in entry.team.all()]
            if not users:
                continue
            transaction.on_commit(
                partial(
                    email_users_render_and_enqueue,
                    template="results_outcome",
                    users=users,
                    context=partial(
                        _outcome_context, entry=entry, edition=edition, outcome=outcomes[entry.pk]
                    ),
                )
            )
            sent += 1
        edition.results_notified_at = now
        edition.save(update_fields=["results_notified_at"])
        audit_record(
            actor=None,
            action="edition.results_notify",
            target=edition,
            summary=f"{sent} outcome emails",
            data={"emails": sent},
            edition=edition,
        )
    return sent


def _outcome_context(*, entry, edition: Edition, outcome: str) -> dict:
    """Built with the recipient's language active: names and links are in it."""
    return {
        "entry_title": entry.title,
        "entry_reference": entry.reference or "",
        "category_name": entry.category.name,
        "award_name": edition.award.name,
        "year": edition.year,
        "outcome": outcome,
        "results_url": settings.SITE_URL + edition.get_absolute_url(),
        "my_entries_url": settings.SITE_URL + _my_entries_path(),
    }


def _my_entries_path() -> str:
    try:
        return reverse("submissions:entry-list")
    except NoReverseMatch:  # the entrant pages are not routed in every build
        return "/entries/"


def winner_photo_process(*, photo: WinnerPhoto) -> WinnerPhoto:
    """Make the JPEG renditions of an uploaded photo, never wider than the original.

    Re-encoding drops the original's metadata (EXIF with GPS positions, camera serials), so only
    pixels reach the public. Side effects: renditions written to the default storage beside the
    original (older renditions of this photo deleted first); every cached public page made stale.
    """
    storage = photo.image.storage
    with photo.image.open("rb") as source:
        image = Image.open(source)
        image = ImageOps.exif_transpose(image)
        image.load()
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    for old in photo.renditions.values():
        storage.delete(old)
    folder = photo.image.name.rsplit("/", 1)[0]
    widths = sorted(
        {width for width in RENDITION_WIDTHS if width < image.width}
        | {min(image.width, RENDITION_WIDTHS[-1])}
    )
    renditions = {}
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        buffer = io.BytesIO()
        resized.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        name = storage.save(f"{folder}/{width}.jpg", ContentFile(buffer.getvalue()))
        renditions[str(width)] = name
    photo.renditions = renditions
    photo.width, photo.height = image.width, image.height
    photo.save(update_fields=["renditions", "width", "height"])
    public_pages_invalidate()
    return photo


def winner_photo_delete(*, photo: WinnerPhoto) -> None:
    """Delete the photo and, once the deletion is committed, its original and renditions."""
    storage = photo.image.storage
    names = [photo.image.name, *photo.renditions.values()]
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
    public_pages_invalidate()
