"""Writes on an entry's files: adding one (checked by `file_types`) and removing one."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import audit_record
from submissions.enums import QuestionKind
from submissions.file_types import (
    FileType,
    allowed_types_for,
    allowed_types_label,
    file_type_detect,
    filename_sanitise,
    max_size_bytes,
    size_limit_message,
)
from submissions.models import Attachment, Entry, Question
from submissions.rules import entry_edit_refusal
from submissions.services.locks import entry_lock


def _sha256(uploaded_file) -> str:
    """Hash chunk by chunk: a large upload sits in a temporary file and is never read whole."""
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _display_name(name: str, file_type: FileType) -> str:
    """The sanitised name, with the real type's extension when the given one says otherwise."""
    if name.lower().endswith(file_type.extensions):
        return name
    return filename_sanitise(f"{name}{file_type.extensions[0]}")


def _upload_check(*, entry: Entry, question: Question, uploaded_file) -> FileType:
    """The file's real type when `question` of the locked `entry` takes it now; ValidationError
    (naming the limit) otherwise."""
    if question.category_id != entry.category_id or question.kind != QuestionKind.FILE:
        raise ValidationError(_("This question does not take files."), code="not_file_question")
    refusal = entry_edit_refusal(entry=entry)
    if refusal:
        raise ValidationError(refusal, code="not_editable")
    count = Attachment.objects.filter(entry=entry, question=question).count()
    if count >= question.max_files:
        raise ValidationError(
            ngettext(
                "This question accepts at most %(count)d file. Remove it to add another.",
                "This question accepts at most %(count)d files. Remove one to add another.",
                question.max_files,
            )
            % {"count": question.max_files},
            code="too_many_files",
        )
    if uploaded_file.size > max_size_bytes(question):
        raise ValidationError(size_limit_message(question=question), code="too_large")
    if uploaded_file.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    file_type = file_type_detect(uploaded_file)
    if file_type not in allowed_types_for(question):
        raise ValidationError(
            _("This file is a %(type)s file; this question accepts: %(allowed)s.")
            % {"type": file_type.label, "allowed": allowed_types_label(question)},
            code="type_not_allowed",
        )
    return file_type


@transaction.atomic
def attachment_add(*, entry: Entry, question: Question, uploaded_file, user) -> Attachment:
    """Check `uploaded_file` against the question's limits and types, store it under a
    server-generated key in the default storage and record it.

    Raises ValidationError (naming the limit) for a wrong type, too large a file or too many.
    Side effects: one object written to the storage; audit event "entry.attachment_add".
    """
    # Locked so two uploads at once cannot both pass the count check.
    entry = entry_lock(pk=entry.pk)
    file_type = _upload_check(entry=entry, question=question, uploaded_file=uploaded_file)
    attachment = Attachment(
        entry=entry,
        question=question,
        original_name=_display_name(filename_sanitise(uploaded_file.name), file_type),
        content_type=file_type.mime,
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        uploaded_by=user,
    )
    # The key comes from `attachment_key`; the storage streams the file from its chunks.
    attachment.file.save(attachment.original_name, uploaded_file, save=False)
    stored_name = attachment.file.name
    storage = attachment.file.storage
    try:
        attachment.save()
        _entry_changed(entry)
        audit_record(
            actor=user,
            action="entry.attachment_add",
            target=entry,
            summary=attachment.original_name,
            data={
                "attachment": attachment.pk,
                "name": attachment.original_name,
                "question": question.pk,
                "sha256": attachment.sha256,
            },
            edition=entry.category.edition,
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, user) -> None:
    """Take the attachment off the entry. Unless a submitted version names it (then it is kept,
    marked removed, for the jury), its record and, once committed, its stored object are deleted.

    Raises ValidationError when the entry can no longer change.
    Side effects: the storage object deleted on commit; audit event "entry.attachment_remove".
    """
    entry = entry_lock(pk=attachment.entry_id)
    refusal = entry_edit_refusal(entry=entry)
    if refusal:
        raise ValidationError(refusal, code="not_editable")
    storage = attachment.file.storage
    names = [name for name in (attachment.file.name, attachment.anonymous_file.name) if name]
    audit_record(
        actor=user,
        action="entry.attachment_remove",
        target=entry,
        summary=attachment.original_name,
        data={
            "attachment": attachment.pk,
            "name": attachment.original_name,
            "sha256": attachment.sha256,
        },
        edition=entry.category.edition,
    )
    _entry_changed(entry)
    if _named_in_a_version(attachment):
        # The jury reads submitted versions: the file stays for them, gone from the entry.
        attachment.removed_at = timezone.now()
        attachment.save(update_fields=["removed_at"])
        return
    attachment.delete()
    # Only after the commit: a rolled-back removal must still find its file.
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _entry_changed(entry: Entry) -> None:
    """A file added or removed is a change to the entry like typed text: a submitted entry then
    shows "Changes not submitted", and pages that hold the old revision must reload first (the
    edit page takes the new one from the upload's answer)."""
    entry.revision += 1
    entry.save(update_fields=["revision", "updated_at"])


def _named_in_a_version(attachment: Attachment) -> bool:
    return any(
        item.get("id") == attachment.pk
        for content in attachment.entry.versions.values_list("content", flat=True)
        for item in content.get("attachments", [])
    )
