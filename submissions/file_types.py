"""What a file really is, by its bytes and never its name, and each file question's limits. Pure:
it reads the uploaded file and the question, and writes nothing.

A file is checked by content: `filetype` recognises images, our own checks recognise PDF (it must
start with `%PDF-`) and Office files (by the `[Content_Types].xml` inside the zip), and anything
that looks like an executable or a web page is refused whatever its name says.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.validators import BIDI_CONTROLS
from submissions.models import Question
from submissions.pdf_content import UnreadablePDF, pdf_active_content

MB = 1024 * 1024
HEAD_SIZE = 8192
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extensions: tuple[str, ...]
    is_image: bool = False
    # For Office files: the content type of the main part in [Content_Types].xml.
    office_main: str = ""


_OOXML = "application/vnd.openxmlformats-officedocument"
FILE_TYPES = {
    "pdf": FileType("pdf", "PDF", "application/pdf", (".pdf",)),
    "png": FileType("png", "PNG", "image/png", (".png",), is_image=True),
    "jpg": FileType("jpg", "JPEG", "image/jpeg", (".jpg", ".jpeg"), is_image=True),
    "docx": FileType(
        "docx",
        "Word (DOCX)",
        f"{_OOXML}.wordprocessingml.document",
        (".docx",),
        office_main=f"{_OOXML}.wordprocessingml.document.main+xml",
    ),
    "xlsx": FileType(
        "xlsx",
        "Excel (XLSX)",
        f"{_OOXML}.spreadsheetml.sheet",
        (".xlsx",),
        office_main=f"{_OOXML}.spreadsheetml.sheet.main+xml",
    ),
    "pptx": FileType(
        "pptx",
        "PowerPoint (PPTX)",
        f"{_OOXML}.presentationml.presentation",
        (".pptx",),
        office_main=f"{_OOXML}.presentationml.presentation.main+xml",
    ),
}

# Executables: Windows (MZ), Linux (ELF), macOS (Mach-O, fat binaries), scripts (shebang).
_EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
# Markup a browser would run if it ever rendered the file: refused in anything but an image,
# wherever it sits in the file (a polyglot can put its page after a harmless first kilobyte).
_ACTIVE_MARKUP = (b"<script", b"<html", b"<svg", b"<!doctype html", b"<iframe", b"<body")
_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = max(len(marker) for marker in _ACTIVE_MARKUP)
_PDF_ACTIVE_LABELS = {
    "script": gettext_lazy("scripts"),
    "launch": gettext_lazy("actions that open programs or other files"),
    "embedded_file": gettext_lazy("embedded files"),
    "xfa_form": gettext_lazy("an XFA form"),
    "submit_form": gettext_lazy("a form that sends data"),
    "rich_media": gettext_lazy("embedded media"),
    "malformed": gettext_lazy("objects nested too deeply"),
}


def allowed_types_for(question: Question) -> list[FileType]:
    keys = [key.strip().lower() for key in question.allowed_types.split(",") if key.strip()]
    return [FILE_TYPES[key] for key in keys if key in FILE_TYPES]


def allowed_types_label(question: Question) -> str:
    return ", ".join(file_type.label for file_type in allowed_types_for(question))


def max_size_bytes(question: Question) -> int:
    return question.max_file_size_mb * MB


def size_limit_message(*, question: Question) -> str:
    return _("This file is larger than the limit of %(limit)s MB for this question.") % {
        "limit": question.max_file_size_mb
    }


def filename_sanitise(name: str) -> str:
    """The last path component of `name`, without control or bidi characters, at most
    MAX_NAME_LENGTH characters (the extension kept). Only ever shown, never used as a key."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(
        char
        for char in name
        if char not in BIDI_CONTROLS and unicodedata.category(char) not in ("Cc", "Cs")
    )
    # Strip Windows and POSIX paths alike, whatever the server's own separator is.
    name = PurePath(name.replace("\\", "/")).name
    name = name.strip().lstrip(".").strip()
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name or "attachment"


def _office_type(uploaded_file) -> FileType | None:
    """An Office Open XML file is a zip whose [Content_Types].xml names its main part."""
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return None
    finally:
        uploaded_file.seek(0)
    for file_type in FILE_TYPES.values():
        if file_type.office_main and f'"{file_type.office_main}"'.encode() in content_types:
            return file_type
    return None


def file_type_detect(uploaded_file) -> FileType:
    """What `uploaded_file` is by its content; ValidationError for executables, web pages and
    anything we do not recognise."""
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_SIZE)
    uploaded_file.seek(0)
    guess = filetype.guess(head)
    if head.startswith(_EXECUTABLE_MAGIC) or (guess and guess.extension in ("exe", "elf")):
        raise ValidationError(_("Programs cannot be uploaded."), code="executable")
    detected = None
    if head.startswith(b"%PDF-"):
        detected = FILE_TYPES["pdf"]
    elif guess and guess.mime == "image/png":
        detected = FILE_TYPES["png"]
    elif guess and guess.mime == "image/jpeg":
        detected = FILE_TYPES["jpg"]
    elif head.startswith(b"PK\x03\x04"):
        detected = _office_type(uploaded_file)
    if detected is None:
        raise ValidationError(
            _("We could not recognise this file's type from its content."), code="unknown_type"
        )
    if not detected.is_image and _contains_markup(uploaded_file):
        raise ValidationError(
            _("This file contains web page or script code and cannot be uploaded."),
            code="active_content",
        )
    if detected.key == "pdf":
        _pdf_check(uploaded_file)
    return detected


def _contains_markup(uploaded_file) -> bool:
    """Whether web page markup appears anywhere in the file, read a chunk at a time."""
    uploaded_file.seek(0)
    tail = b""
    try:
        while chunk := uploaded_file.read(_SCAN_CHUNK):
            window = (tail + chunk).lower()
            if any(marker in window for marker in _ACTIVE_MARKUP):
                return True
            tail = window[-_SCAN_OVERLAP:]
        return False
    finally:
        uploaded_file.seek(0)


def _pdf_check(uploaded_file) -> None:
    """Refuse a PDF that cannot be read, or that holds scripts, launch actions, embedded files,
    XFA or submitting forms: a judge's viewer could run them."""
    try:
        found = pdf_active_content(uploaded_file)
    except UnreadablePDF:
        raise ValidationError(
            _(
                "We could not read this PDF (it may be damaged or protected by a password). "
                "Save it again as a PDF and upload the new copy."
            ),
            code="pdf_unreadable",
        ) from None
    if found:
        what = ", ".join(str(_PDF_ACTIVE_LABELS[code]) for code in sorted(found))
        raise ValidationError(
            _(
                "This PDF contains %(what)s, which could run when it is opened. Save or print it "
                'again as a plain PDF (for example with "Print to PDF") and upload that copy.'
            )
            % {"what": what},
            code="pdf_active_content",
        )
