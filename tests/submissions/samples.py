"""Small real files for attachment tests, and helpers shared by the submissions tests (entry
pages, attachments, organisers, team) and the privacy tests."""

import io
import zipfile

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardOrganiser
from submissions.enums import EntryStatus, QuestionKind
from tests.factories import QuestionFactory, UserFactory
from tests.pdfs import PDF  # noqa: F401 (re-exported: the attachment tests take it from here)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000005000154a24f5d0000000049454e44ae426082"
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PDF_WITH_SCRIPT = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
SHELL = b"#!/bin/sh\nrm -rf /\n"

_OOXML = "application/vnd.openxmlformats-officedocument"


def office_file(main_type: str) -> bytes:
    """A minimal Office Open XML zip whose [Content_Types].xml names `main_type`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{main_type}"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX = office_file(f"{_OOXML}.wordprocessingml.document.main+xml")
DOCM = office_file("application/vnd.ms-word.document.macroEnabled.main+xml")
PLAIN_ZIP = office_file("application/xml")


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def file_question(entry, **fields):
    defaults = {"kind": QuestionKind.FILE, "allowed_types": "pdf", "max_files": 2}
    return QuestionFactory(category=entry.category, **(defaults | fields))


def organiser(*perms: str, award=None):
    """A staff user with two-factor authentication and the given submissions permissions, an
    organiser of `award` when given."""
    user = UserFactory(is_staff=True)
    if award is not None:
        AwardOrganiser.objects.create(award=award, user=user)
    TOTP.activate(user, generate_totp_secret())
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="submissions", codename__in=perms)
    )
    return user


def entry_url(name, entry, **kwargs):
    """The URL of the entrant's page `submissions:<name>` for `entry`."""
    return reverse(f"submissions:{name}", kwargs={"pk": entry.pk, **kwargs})


def entry_form_data(entry, **fields):
    """The entry form's POST as the page would send it, with `fields` changed."""
    data = {
        "title": entry.title,
        "pitch": entry.pitch,
        "organisation": entry.organisation,
        "revision": entry.revision,
    }
    data.update(fields)
    return data


def query_count(client, url) -> int:
    """How many queries a successful GET of `url` runs."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def lock_submitted(entry):
    """Mark `entry` submitted (no version is made) in a category that forbids changing it then."""
    entry.status = EntryStatus.SUBMITTED
    entry.save()
    entry.category.entries_editable_after_submission = False
    entry.category.save()
