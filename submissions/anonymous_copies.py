"""Judges in a blind round get each file as a copy without author metadata (see
`file_metadata`), made once per attachment and stored beside the original."""

import shutil
import tempfile

from django.core.files import File
from django.db import transaction

from submissions.file_metadata import file_without_metadata
from submissions.models import Attachment

# Files up to this size are copied in memory, larger ones in a temporary file.
_SPOOL = 8 * 1024 * 1024


def attachment_anonymous_copy(*, attachment: Attachment):
    """The attachment's copy without metadata (a FieldFile), made now if it does not exist yet.

    Made once: the attachment's row is locked while the copy is written, so two judges opening
    the file at the same moment do not make two. Side effect: one object written to the storage.
    Raises whatever reading the file raises (a damaged legacy file); the original is never
    offered in its place."""
    if attachment.anonymous_file:
        return attachment.anonymous_file
    with transaction.atomic():
        locked = Attachment.all_objects.select_for_update().get(pk=attachment.pk)
        if not locked.anonymous_file:
            with (
                tempfile.SpooledTemporaryFile(max_size=_SPOOL) as source,
                tempfile.SpooledTemporaryFile(max_size=_SPOOL) as target,
            ):
                with locked.file.open("rb") as stored:
                    shutil.copyfileobj(stored, source)
                file_without_metadata(
                    content_type=locked.content_type, source=source, target=target
                )
                target.seek(0)
                locked.anonymous_file.save(locked.original_name, File(target), save=False)
            locked.save(update_fields=["anonymous_file"])
    attachment.anonymous_file = locked.anonymous_file
    return locked.anonymous_file


def attachments_anonymise(*, attachment_ids: list[int]) -> int:
    """Make the copies of these attachments that do not exist yet; returns how many were made."""
    made = 0
    for attachment in Attachment.all_objects.filter(pk__in=attachment_ids, anonymous_file=""):
        attachment_anonymous_copy(attachment=attachment)
        made += 1
    return made
