"""Findings 4 to 6 of the outside probe: judges could download a file added after submission;
active PDFs were accepted and shown inline without a policy; a PDF's author reached judges of a
blind round. Everything here goes through the entrant's and the judge's real requests."""

import io
import zipfile

import pikepdf
import pytest
from django.test import TestCase
from django.urls import reverse
from PIL import Image

from judging.models import RoundEntry
from submissions.models import Attachment
from tests.factories import AssignmentFactory, CategoryFactory, EntryFactory, UserFactory
from tests.judging.builders import judged_round
from tests.pdfs import (
    pdf_html_polyglot,
    pdf_with_embedded_file,
    pdf_with_launch_action,
    pdf_with_open_action_script,
    plain_pdf,
)
from tests.submissions.samples import file_question, office_file, upload

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
AUTHOR = "Sally Sow"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _upload(client, entry, question, name, content, content_type="application/pdf"):
    url = reverse("submissions:attachment-upload", args=[entry.pk, question.pk])
    return client.post(url, {"file": upload(name, content, content_type)}, **XHR)


def _submit(client, entry):
    # What the submission queues on commit (receipt, copies for blind rounds) runs here too.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("submissions:entry-submit", args=[entry.pk]), {"revision": entry.revision}
        )
    assert response.status_code == 302, response.content.decode()[:500]


def _entry_with_files(client, *, blind: bool, files):
    """An entrant uploads `files` (name, content, type) and submits; the entry goes into a round
    and a judge is assigned. Returns the judge's client-ready assignment."""
    category = CategoryFactory(entries_editable_after_submission=True)
    question = file_question(
        EntryFactory.build(category=category), allowed_types="pdf,docx,jpg,png", max_files=5
    )
    entry = EntryFactory(category=category, title="Turn UP", pitch="Music for all.")
    client.force_login(entry.owner)
    for name, content, content_type in files:
        assert _upload(client, entry, question, name, content, content_type).status_code == 200
    entry.refresh_from_db()
    _submit(client, entry)
    round = judged_round(category=category, blind=blind)
    RoundEntry.objects.create(round=round, entry=entry)
    assignment = AssignmentFactory(round=round, entry=entry, judge=UserFactory())
    return assignment, question


def _file_url(name, assignment, attachment):
    return reverse(name, kwargs={"assignment_id": assignment.pk, "attachment_id": attachment.pk})


def _download(client, assignment, attachment) -> bytes:
    response = client.get(_file_url("judging:review-file-download", assignment, attachment))
    if response.status_code == 302:  # S3: the signed URL
        import requests

        return requests.get(response.url, timeout=10).content
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_file_added_after_submission_is_not_the_judges(client):
    assignment, question = _entry_with_files(
        client, blind=False, files=[("plan.pdf", plain_pdf("Submitted"), "application/pdf")]
    )
    entry = assignment.entry
    # Added by the entrant after submitting, never submitted.
    assert _upload(client, entry, question, "later.pdf", plain_pdf("Later")).status_code == 200
    later = Attachment.objects.get(original_name="later.pdf")
    submitted = Attachment.objects.get(original_name="plan.pdf")
    client.force_login(assignment.judge)

    page = client.get(reverse("judging:review-edit", args=[assignment.pk])).content.decode()
    download = client.get(_file_url("judging:review-file-download", assignment, later))
    inline = client.get(_file_url("judging:review-file-view", assignment, later))
    team_link = client.get(reverse("submissions:attachment-download", args=[later.pk]))

    assert "later.pdf" not in page
    assert (download.status_code, inline.status_code, team_link.status_code) == (404, 404, 404)
    assert _download(client, assignment, submitted) == plain_pdf("Submitted")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (pdf_with_open_action_script(), "scripts"),
        (pdf_with_launch_action(), "actions that open programs or other files"),
        (pdf_with_embedded_file(), "embedded files"),
    ],
    ids=["openaction-javascript", "launch", "embedded-file"],
)
def test_active_pdfs_are_refused_with_a_reason(client, content, what):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)

    response = _upload(client, entry, question, "active.pdf", content)

    assert response.status_code == 400
    assert f"This PDF contains {what}, which could run when it is opened." in response.text
    assert Attachment.objects.count() == 0


def test_a_pdf_html_polyglot_is_refused_beyond_the_first_kilobyte(client):
    entry = EntryFactory()
    question = file_question(entry)
    client.force_login(entry.owner)
    content = pdf_html_polyglot()
    assert b"<html" not in content[:1024].lower()

    response = _upload(client, entry, question, "polyglot.pdf", content)

    assert response.status_code == 400
    assert "web page or script code" in response.text
    assert Attachment.objects.count() == 0


def test_every_inline_view_is_sandboxed_without_sniffing(client):
    assignment, _question = _entry_with_files(
        client, blind=False, files=[("plan.pdf", plain_pdf(), "application/pdf")]
    )
    attachment = Attachment.objects.get()
    judge_view = _file_url("judging:review-file-view", assignment, attachment)
    team_view = reverse("submissions:attachment-view", args=[attachment.pk])

    owner_response = client.get(team_view)
    client.force_login(assignment.judge)
    judge_response = client.get(judge_view)

    for response in (owner_response, judge_response):
        assert response.status_code == 200
        assert response["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
        assert response["X-Content-Type-Options"] == "nosniff"


def _jpeg_with_artist(name: str) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = name  # Artist
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _docx_with_creator(name: str) -> bytes:
    buffer = io.BytesIO(office_file(DOCX_TYPE))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("docProps/core.xml", f"<cp:coreProperties><dc:creator>{name}</dc:creator>")
        archive.writestr("docProps/app.xml", f"<Properties><Company>{name} AB</Company>")
    return buffer.getvalue()


def test_blind_round_judges_get_files_without_author_metadata(client):
    assignment, _question = _entry_with_files(
        client,
        blind=True,
        files=[
            ("plan.pdf", plain_pdf(author=AUTHOR), "application/pdf"),
            ("plan.docx", _docx_with_creator(AUTHOR), "application/octet-stream"),
            ("photo.jpg", _jpeg_with_artist(AUTHOR), "image/jpeg"),
        ],
    )
    client.force_login(assignment.judge)

    served = {a.original_name: _download(client, assignment, a) for a in Attachment.objects.all()}

    with pikepdf.open(io.BytesIO(served["plan.pdf"])) as pdf:
        assert (dict(pdf.docinfo), "/Metadata" in pdf.Root) == ({}, False)
    with zipfile.ZipFile(io.BytesIO(served["plan.docx"])) as archive:
        assert AUTHOR.encode() not in b"".join(archive.read(n) for n in archive.namelist())
    assert Image.open(io.BytesIO(served["photo.jpg"])).getexif().get(0x013B) is None
    assert [name for name, body in served.items() if AUTHOR.encode() in body] == []


def test_blind_copies_are_made_at_submission_and_stored_beside_the_original(client):
    assignment, _question = _entry_with_files(
        client, blind=True, files=[("plan.pdf", plain_pdf(author=AUTHOR), "application/pdf")]
    )

    attachment = Attachment.objects.get()

    assert attachment.anonymous_file.name == f"{attachment.file.name}-anonymous"
    with attachment.file.open("rb") as original:
        assert AUTHOR.encode() in original.read()


def test_open_round_judges_and_the_team_get_the_original(client):
    assignment, _question = _entry_with_files(
        client, blind=False, files=[("plan.pdf", plain_pdf(author=AUTHOR), "application/pdf")]
    )
    attachment = Attachment.objects.get()
    client.force_login(assignment.judge)

    assert AUTHOR.encode() in _download(client, assignment, attachment)
