"""Publication: winner pages, photos, and an edition's results with the entrants' outcome emails."""

import datetime as dt
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Winner, WinnerPhoto

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
