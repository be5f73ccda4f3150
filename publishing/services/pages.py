"""Organisers' edits of a winner page's texts and photos."""

from django.db import transaction

from audit.services import audit_record
from awards.cache import public_pages_invalidate
from awards.models import Winner, WinnerPhoto
from awards.services import winner_photo_delete, winner_photo_process
from publishing.models import PAGE_FIELDS


def winner_page_update(*, winner: Winner, values: dict, by) -> list[str]:
    """Set the page's texts from `values` (PAGE_FIELDS keys); returns the fields changed.

    Side effects: an audit event "winner.page_edit" naming the fields; public pages made stale.
    """
    with transaction.atomic():
        winner = Winner.objects.select_for_update().get(pk=winner.pk)
        changed = [
            name for name in PAGE_FIELDS if name in values and values[name] != getattr(winner, name)
        ]
        if not changed:
            return []
        for name in changed:
            setattr(winner, name, values[name])
        winner.full_clean(exclude=["entry"])
        winner.save()
        audit_record(
            actor=by,
            action="winner.page_edit",
            target=winner,
            summary=str(winner),
            data={"fields": changed},
            edition=winner.category.edition,
        )
    public_pages_invalidate()
    return changed


def winner_photo_add(*, winner: Winner, photo: WinnerPhoto, by) -> WinnerPhoto:
    """Save an unsaved photo (image and alternative texts set) on the page and make its
    renditions (`awards.services.winner_photo_process`: metadata dropped).

    Side effects: the original and renditions stored; an audit event "winner.photo_add".
    """
    photo.winner = winner
    photo.position = (
        winner.photos.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    photo.save()
    winner_photo_process(photo=photo)
    audit_record(
        actor=by,
        action="winner.photo_add",
        target=winner,
        summary=photo.alt_text_en,
        data={"photo": photo.pk},
        edition=winner.category.edition,
    )
    return photo


def winner_photo_remove(*, photo: WinnerPhoto, by) -> None:
    """Side effects: files deleted once committed; an audit event "winner.photo_remove"."""
    winner = photo.winner
    with transaction.atomic():
        audit_record(
            actor=by,
            action="winner.photo_remove",
            target=winner,
            summary=photo.alt_text_en,
            data={"photo": photo.pk},
            edition=winner.category.edition,
        )
        winner_photo_delete(photo=photo)
