"""Attachment views: upload, remove and download, with their permission and CSRF checks."""

import pytest
import requests
from django.core.files.storage import default_storage
from django.urls import reverse

from submissions.models import Attachment
from submissions.services.attachments import attachment_add
from tests.clients import LaurelClient as Client
from tests.factories import AssignmentFactory, EntryFactory, RoundFactory, UserFactory
from tests.submissions.samples import PDF, file_question, organiser, upload

pytestmark = pytest.mark.django_db


XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def s3_storage(settings, s3_bucket):
    if not settings.STORAGES["default"]["BACKEND"].endswith("S3Storage"):
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": s3_bucket["options"],
            },
        }


def _fetch(response) -> tuple[int, bytes, str, str]:
    """What the browser ends up with: the streamed file, or (S3) what the signed URL gives."""
    if response.status_code == 302:
        fetched = requests.get(response.url, timeout=10)
        headers = fetched.headers
        return (
            fetched.status_code,
            fetched.content,
            headers["Content-Disposition"],
            headers["Content-Type"],
        )
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return (
        response.status_code,
        content,
        response.get("Content-Disposition", ""),
        response["Content-Type"],
    )


def _upload_url(entry, question):
    return reverse("submissions:attachment-upload", args=[entry.pk, question.pk])


def _attached(name="plan.pdf", content=PDF, **question_fields):
    entry = EntryFactory()
    question = file_question(entry, **question_fields)
    attachment = attachment_add(
        entry=entry, question=question, uploaded_file=upload(name, content), user=entry.owner
    )
    return entry, question, attachment


def test_upload_by_xhr_returns_the_partial_with_the_file(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = client.post(
        _upload_url(entry, question), {"file": upload("Turn UP.pdf", PDF)}, **XHR
    )

    attachment = Attachment.objects.get()
    assert response.status_code == 200
    assert attachment.original_name == "Turn UP.pdf"
    assert reverse("submissions:attachment-download", args=[attachment.pk]) in response.text
    assert f'id="attachments-{question.pk}"' in response.text


def test_upload_without_javascript_redirects_to_the_question(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, question), {"file": upload("plan.pdf", PDF)})

    assert response.status_code == 302
    assert response.url == f"{entry.get_absolute_url()}#attachments-{question.pk}"
    assert Attachment.objects.count() == 1


def test_upload_refused_shows_the_error_next_to_the_field(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, question), {"file": upload("x.pdf", b"MZ\x90")})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    assert "Programs cannot be uploaded." in response.text
    assert Attachment.objects.count() == 0


def test_upload_one_byte_over_the_limit_is_stopped_while_reading(client):
    entry = EntryFactory()
    question = file_question(entry, max_file_size_mb=1)
    client.force_login(entry.owner)
    content = PDF + b"0" * (1024 * 1024 + 1 - len(PDF))

    response = client.post(
        _upload_url(entry, question), {"file": upload("big.pdf", content)}, **XHR
    )

    assert response.status_code == 400
    assert "This file is larger than the limit of 1 MB for this question." in response.text
    assert Attachment.objects.count() == 0


def test_upload_too_many_files_is_refused(client):
    entry, question, _ = _attached(max_files=1)
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, question), {"file": upload("b.pdf", PDF)}, **XHR)

    assert response.status_code == 400
    assert "This question accepts at most 1 file. Remove it to add another." in response.text
    assert Attachment.objects.count() == 1


def test_upload_to_someone_elses_entry_is_404(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(UserFactory())

    response = client.post(_upload_url(entry, question), {"file": upload("plan.pdf", PDF)})

    assert response.status_code == 404
    assert Attachment.objects.count() == 0


def test_upload_needs_a_csrf_token():
    entry = EntryFactory()
    question = file_question(entry)
    client = Client(enforce_csrf_checks=True)
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, question), {"file": upload("plan.pdf", PDF)})

    assert response.status_code == 403
    assert Attachment.objects.count() == 0


def test_upload_needs_post(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = client.get(_upload_url(entry, question))

    assert response.status_code == 405


def test_remove_deletes_attachment_and_object(client, django_capture_on_commit_callbacks):
    entry, question, attachment = _attached()
    client.force_login(entry.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("submissions:attachment-remove", args=[attachment.pk]), **XHR
        )

    assert response.status_code == 200
    assert Attachment.objects.count() == 0
    assert default_storage.exists(attachment.file.name) is False


def test_remove_by_someone_else_is_404(client):
    _, _, attachment = _attached()
    client.force_login(UserFactory())

    response = client.post(reverse("submissions:attachment-remove", args=[attachment.pk]))

    assert response.status_code == 404
    assert Attachment.objects.count() == 1


def test_remove_needs_post_and_csrf(client):
    entry, _, attachment = _attached()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(entry.owner)
    client.force_login(entry.owner)
    url = reverse("submissions:attachment-remove", args=[attachment.pk])

    assert client.get(url).status_code == 405
    assert csrf_client.post(url).status_code == 403
    assert Attachment.objects.count() == 1


def test_download_by_team_member_streams_as_attachment(client):
    entry, _, attachment = _attached(name="Turn UP.pdf")
    client.force_login(entry.owner)

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))

    assert _fetch(response) == (200, PDF, 'attachment; filename="Turn UP.pdf"', "application/pdf")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_of_another_entrys_attachment_is_404(client):
    _, _, attachment = _attached()
    EntryFactory(owner=(other := UserFactory()))
    client.force_login(other)

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))

    assert response.status_code == 404


def test_download_needs_sign_in(client):
    _, _, attachment = _attached()

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_download_by_organiser_is_allowed(client):
    _, _, attachment = _attached()
    client.force_login(organiser("view_entry", award=attachment.entry.category.edition.award))

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))

    assert _fetch(response)[:2] == (200, PDF)


def test_download_by_staff_without_permission_is_404(client):
    _, _, attachment = _attached()
    client.force_login(organiser())

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))

    assert response.status_code == 404


def test_download_by_a_judge_is_404_here_even_when_assigned(client):
    """Judges download through their review page (judging.views.files), never the team's link."""
    entry, _, attachment = _attached(name="Sally Sow CV.pdf")
    judge = UserFactory()
    AssignmentFactory(
        entry=entry, judge=judge, round=RoundFactory(category=entry.category, blind=True)
    )
    client.force_login(judge)

    download = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))
    view = client.get(reverse("submissions:attachment-view", args=[attachment.pk]))

    assert (download.status_code, view.status_code) == (404, 404)


def test_download_on_s3_redirects_to_a_short_lived_signed_url(client, s3_storage):
    entry, _, attachment = _attached(name="räksmörgås plan.pdf")
    client.force_login(entry.owner)

    response = client.get(reverse("submissions:attachment-download", args=[attachment.pk]))
    fetched = requests.get(response.url, timeout=10)

    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "X-Amz-Signature=" in response.url
    assert "X-Amz-Expires=300" in response.url
    assert fetched.content == PDF
    assert fetched.headers["Content-Type"] == "application/pdf"
    assert fetched.headers["Content-Disposition"] == (
        "attachment; filename*=utf-8''r%C3%A4ksm%C3%B6rg%C3%A5s%20plan.pdf"
    )
    assert requests.get(response.url.split("?", 1)[0], timeout=10).status_code == 403


def test_upload_on_s3_lands_in_the_bucket(client, s3_storage, s3_bucket, settings):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    client.post(_upload_url(entry, question), {"file": upload("plan.pdf", PDF)}, **XHR)

    attachment = Attachment.objects.get()
    bucket = settings.STORAGES["default"]["OPTIONS"]["bucket_name"]
    stored = s3_bucket["client"].get_object(Bucket=bucket, Key=attachment.file.name)
    assert stored["Body"].read() == PDF


def test_upload_to_a_question_of_another_category_is_404(client):
    entry = EntryFactory()
    foreign = file_question(EntryFactory())
    client.force_login(entry.owner)

    response = client.post(_upload_url(entry, foreign), {"file": upload("plan.pdf", PDF)})

    assert response.status_code == 404
    assert Attachment.objects.count() == 0
