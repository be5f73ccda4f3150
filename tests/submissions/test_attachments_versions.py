import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from submissions.models import Attachment
from submissions.services.attachments import attachment_remove
from tests.factories import CategoryFactory
from tests.judging.builders import file_question, submitted_entry

pytestmark = pytest.mark.django_db


def test_removing_a_file_named_in_a_submitted_version_keeps_it_for_the_jury():
    category = CategoryFactory()
    question = file_question(category=category)
    entry = submitted_entry(category=category, files=[(question, "plan.pdf")])
    attachment = entry.attachments.get()
    stored_name = attachment.file.name

    attachment_remove(attachment=attachment, user=entry.owner)

    assert list(entry.attachments.all()) == []
    kept = Attachment.all_objects.get(pk=attachment.pk)
    assert kept.removed_at is not None
    assert default_storage.exists(stored_name)


def test_removing_a_file_no_version_names_deletes_it(django_capture_on_commit_callbacks):
    category = CategoryFactory()
    question = file_question(category=category)
    entry = submitted_entry(category=category)
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
    from submissions.services.attachments import attachment_add
    from submissions.services.entries import entry_submit
    from tests.submissions.samples import PDF, upload

    category = CategoryFactory()
    question = file_question(category=category)
    entry = submitted_entry(category=category)
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
