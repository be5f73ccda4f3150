"""The attachment service: checks by content, limits, names, hashes and storage, and the files
a submitted version names."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from audit.models import AuditEvent
from submissions.enums import EntryStatus
from submissions.models import Attachment
from submissions.services.attachments import attachment_add, attachment_remove
from submissions.services.entries import entry_submit
from tests.factories import CategoryFactory, EntryFactory, QuestionFactory
from tests.judging import builders
from tests.submissions.samples import (
    DOCM,
    DOCX,
    ELF,
    EXE,
    HTML,
    PDF,
    PDF_WITH_SCRIPT,
    PLAIN_ZIP,
    PNG,
    SHELL,
    SVG,
    file_question,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["files", "s3"])
def any_storage(request, settings):
    """Each test runs on local files and on a real S3 endpoint (moto, or CI's)."""
    if request.param == "s3" and not settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        bucket = request.getfixturevalue("s3_bucket")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": bucket["options"]},
        }
    return request.param


def _add(entry, question, name, content):
    return attachment_add(
        entry=entry, question=question, uploaded_file=upload(name, content), user=entry.owner
    )


def test_attachment_add_stores_pdf_with_hash_type_and_server_key(any_storage):
    entry = EntryFactory()
    question = file_question(entry)

    attachment = _add(entry, question, "Business plan.pdf", PDF)

    attachment.refresh_from_db()
    assert (
        attachment.original_name,
        attachment.content_type,
        attachment.size,
        attachment.sha256,
        attachment.uploaded_by,
    ) == (
        "Business plan.pdf",
        "application/pdf",
        len(PDF),
        hashlib.sha256(PDF).hexdigest(),
        entry.owner,
    )
    assert attachment.file.name.startswith(f"attachments/{entry.pk}/")
    assert "Business" not in attachment.file.name
    with default_storage.open(attachment.file.name) as stored:
        assert stored.read() == PDF


def test_attachment_add_writes_audit_event(any_storage):
    entry = EntryFactory()
    question = file_question(entry)

    attachment = _add(entry, question, "plan.pdf", PDF)

    event = AuditEvent.objects.get(action="entry.attachment_add")
    assert (event.actor, event.target_id, event.summary, event.edition) == (
        entry.owner,
        str(entry.pk),
        "plan.pdf",
        entry.category.edition,
    )
    assert event.data["attachment"] == attachment.pk


@pytest.mark.parametrize(
    ("allowed", "name", "content", "content_type"),
    [
        ("png", "photo.png", PNG, "image/png"),
        (
            "docx",
            "plan.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_attachment_add_accepts_allowed_types_by_content(allowed, name, content, content_type):
    entry = EntryFactory()
    question = file_question(entry, allowed_types=allowed)

    attachment = _add(entry, question, name, content)

    assert attachment.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("invoice.pdf", HTML, "We could not recognise this file's type from its content."),
        ("drawing.pdf", SVG, "We could not recognise this file's type from its content."),
        (
            "report.pdf",
            PDF_WITH_SCRIPT,
            "This file contains web page or script code and cannot be uploaded.",
        ),
        ("setup.pdf", EXE, "Programs cannot be uploaded."),
        ("tool.pdf", ELF, "Programs cannot be uploaded."),
        ("script.pdf", SHELL, "Programs cannot be uploaded."),
        ("macro.docx", DOCM, "We could not recognise this file's type from its content."),
        ("archive.docx", PLAIN_ZIP, "We could not recognise this file's type from its content."),
    ],
)
def test_attachment_add_refuses_disguised_files(name, content, message):
    entry = EntryFactory()
    question = file_question(entry, allowed_types="pdf,docx")

    with pytest.raises(ValidationError) as caught:
        _add(entry, question, name, content)

    assert caught.value.messages == [message]
    assert Attachment.objects.count() == 0


def test_attachment_add_refuses_type_the_question_does_not_accept():
    entry = EntryFactory()
    question = file_question(entry, allowed_types="pdf")

    with pytest.raises(ValidationError) as caught:
        _add(entry, question, "photo.pdf", PNG)

    assert caught.value.messages == ["This file is a PNG file; this question accepts: PDF."]


def test_attachment_add_refuses_one_byte_over_the_size_limit(any_storage):
    entry = EntryFactory()
    question = file_question(entry, max_file_size_mb=1)
    content = PDF + b"0" * (1024 * 1024 - len(PDF))

    accepted = _add(entry, question, "exact.pdf", content)
    with pytest.raises(ValidationError) as caught:
        _add(entry, question, "big.pdf", content + b"0")

    assert accepted.size == 1024 * 1024
    assert caught.value.messages == [
        "This file is larger than the limit of 1 MB for this question."
    ]
    assert Attachment.objects.count() == 1


def test_attachment_add_refuses_more_files_than_the_question_takes():
    entry = EntryFactory()
    question = file_question(entry, max_files=1)
    _add(entry, question, "one.pdf", PDF)

    with pytest.raises(ValidationError) as caught:
        _add(entry, question, "two.pdf", PDF)

    assert caught.value.messages == [
        "This question accepts at most 1 file. Remove it to add another."
    ]


def test_attachment_add_refuses_empty_file():
    entry = EntryFactory()

    with pytest.raises(ValidationError) as caught:
        _add(entry, file_question(entry), "empty.pdf", b"")

    assert caught.value.messages == ["This file is empty."]


def test_attachment_add_refuses_question_of_another_category():
    entry = EntryFactory()
    question = QuestionFactory(category=CategoryFactory(), kind="file")

    with pytest.raises(ValidationError) as caught:
        _add(entry, question, "plan.pdf", PDF)

    assert caught.value.messages == ["This question does not take files."]


def test_attachment_add_refuses_submitted_entry_after_deadline():
    category = CategoryFactory(call_closes_at=timezone.now() - dt.timedelta(hours=1))
    category.call_opens_at = timezone.now() - dt.timedelta(days=5)
    category.save()
    entry = EntryFactory(category=category, status=EntryStatus.SUBMITTED)

    with pytest.raises(ValidationError) as caught:
        _add(entry, file_question(entry), "plan.pdf", PDF)

    assert caught.value.code == "not_editable"


def test_attachment_add_names_traversal_and_bidi_files_safely(any_storage):
    entry = EntryFactory()
    question = file_question(entry)

    attachment = _add(entry, question, "../../../evil\u202egnp.pdf", PDF)

    assert attachment.original_name == "evilgnp.pdf"
    assert attachment.file.name.startswith(f"attachments/{entry.pk}/")
    assert ".." not in attachment.file.name


def test_attachment_add_gives_the_real_type_extension():
    entry = EntryFactory()

    attachment = _add(entry, file_question(entry), "plan.txt", PDF)

    assert attachment.original_name == "plan.txt.pdf"


def test_same_named_files_of_two_entrants_never_overwrite(any_storage):
    first, second = EntryFactory(), EntryFactory()
    one = _add(first, file_question(first), "plan.pdf", PDF)
    two = _add(second, file_question(second), "plan.pdf", PDF + b"% second\n")

    assert one.file.name != two.file.name
    assert default_storage.open(one.file.name).read() == PDF
    assert default_storage.open(two.file.name).read() == PDF + b"% second\n"


def test_attachment_remove_deletes_the_stored_object_on_commit(
    any_storage, django_capture_on_commit_callbacks
):
    entry = EntryFactory()
    attachment = _add(entry, file_question(entry), "plan.pdf", PDF)
    name = attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment, user=entry.owner)

    assert Attachment.objects.count() == 0
    assert default_storage.exists(name) is False
    assert AuditEvent.objects.filter(action="entry.attachment_remove").count() == 1


def test_attachment_remove_keeps_the_object_until_commit():
    entry = EntryFactory()
    attachment = _add(entry, file_question(entry), "plan.pdf", PDF)

    attachment_remove(attachment=attachment, user=entry.owner)

    assert default_storage.exists(attachment.file.name) is True


# Files named in a submitted version


def test_removing_a_file_named_in_a_submitted_version_keeps_it_for_the_jury():
    category = CategoryFactory()
    question = builders.file_question(category=category)
    entry = builders.submitted_entry(category=category, files=[(question, "plan.pdf")])
    attachment = entry.attachments.get()
    stored_name = attachment.file.name

    attachment_remove(attachment=attachment, user=entry.owner)

    assert list(entry.attachments.all()) == []
    kept = Attachment.all_objects.get(pk=attachment.pk)
    assert kept.removed_at is not None
    assert default_storage.exists(stored_name)


def test_removing_a_file_no_version_names_deletes_it(django_capture_on_commit_callbacks):
    category = CategoryFactory()
    question = builders.file_question(category=category)
    entry = builders.submitted_entry(category=category)
    attachment = Attachment.objects.create(
        entry=entry,
        question=question,
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="upload"),
        original_name="new.pdf",
        content_type="application/pdf",
        size=14,
        sha256="0" * 64,
        uploaded_by=entry.owner,
    )
    stored_name = attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment, user=entry.owner)

    assert not Attachment.all_objects.filter(pk=attachment.pk).exists()
    assert not default_storage.exists(stored_name)


def test_adding_or_removing_a_file_after_submitting_shows_changes_not_submitted():
    category = CategoryFactory()
    question = builders.file_question(category=category)
    entry = builders.submitted_entry(category=category)
    entry.submitted_revision = entry.revision  # as entry_submit leaves it
    entry.save()
    assert entry.has_unsubmitted_changes is False

    attachment = attachment_add(
        entry=entry, question=question, uploaded_file=upload("new.pdf", PDF), user=entry.owner
    )
    entry.refresh_from_db()
    added = entry.has_unsubmitted_changes
    entry_submit(entry=entry, user=entry.owner)
    entry.refresh_from_db()
    resubmitted = entry.has_unsubmitted_changes
    attachment_remove(attachment=attachment, user=entry.owner)
    entry.refresh_from_db()

    assert (added, resubmitted, entry.has_unsubmitted_changes) == (True, False, True)
