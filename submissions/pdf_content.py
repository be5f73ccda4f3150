"""What a PDF holds besides its pages: scripts, actions that launch programs, open other files or
send data, embedded files, and XFA forms (which run scripts). Read object by object with pikepdf
(the qpdf library), which also unpacks object streams; never with regular expressions over the
bytes, which compression and encodings defeat.
"""

import pikepdf

# Action types (the /S of an action dictionary) that run code, start programs, open other files
# or send the reader's data somewhere. Links (/URI) and moves inside the document (/GoTo) are fine.
_ACTIVE_ACTIONS = {
    "/JavaScript": "script",
    "/Launch": "launch",
    "/GoToR": "launch",
    "/GoToE": "embedded_file",
    "/ImportData": "launch",
    "/SubmitForm": "submit_form",
    "/Rendition": "rich_media",
    "/RichMediaExecute": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
}
# Keys whose mere presence means the feature is there.
_ACTIVE_KEYS = {
    "/JS": "script",
    "/JavaScript": "script",
    "/EmbeddedFiles": "embedded_file",
    "/EF": "embedded_file",
    "/XFA": "xfa_form",
    "/RichMedia": "rich_media",
}
_ACTIVE_TYPES = {
    "/EmbeddedFile": "embedded_file",
    "/FileAttachment": "embedded_file",
    "/RichMedia": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
    "/Screen": "rich_media",
}
# Nested direct objects deeper than this are not a real document.
_MAX_DEPTH = 64


class UnreadablePDF(Exception):
    """The file says it is a PDF but cannot be read as one (or needs a password)."""


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _inspect(obj, found: set[str], depth: int = 0) -> None:
    """Look at one object and, recursively, at the direct objects inside it. Indirect objects
    are inspected on their own (every one of them is, see `pdf_active_content`)."""
    if depth > _MAX_DEPTH:
        found.add("malformed")
        return
    if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
        keys = set(obj.keys())
        found.update(reason for key, reason in _ACTIVE_KEYS.items() if key in keys)
        for key in ("/Type", "/Subtype"):
            if key in keys:
                reason = _ACTIVE_TYPES.get(_name(obj.get(key)))
                if reason:
                    found.add(reason)
        if "/S" in keys:
            reason = _ACTIVE_ACTIONS.get(_name(obj.get("/S")))
            if reason:
                found.add(reason)
        children = (obj.get(key) for key in keys)
    elif isinstance(obj, pikepdf.Array):
        children = iter(obj)
    else:
        return
    for child in children:
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            _inspect(child, found, depth + 1)


def pdf_active_content(file) -> set[str]:
    """The kinds of active content in the PDF `file` (an open binary file), as codes: "script",
    "launch", "embedded_file", "xfa_form", "submit_form", "rich_media", "malformed"; empty for a
    plain document. Raises UnreadablePDF when the file cannot be opened as a PDF."""
    file.seek(0)
    try:
        with pikepdf.open(file) as pdf:
            found: set[str] = set()
            _inspect(pdf.trailer, found)
            for obj in pdf.objects:
                _inspect(obj, found)
            return found
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, RecursionError) as error:
        raise UnreadablePDF(str(error)) from error
    finally:
        file.seek(0)


def pdf_without_metadata(source, target) -> None:
    """Write to `target` a copy of the PDF `source` without its document information (author,
    creator, producer, title, dates...), XMP metadata streams and applications' private data.
    Pages and their content are copied unchanged."""
    source.seek(0)
    with pikepdf.open(source) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for obj in [pdf.Root, *pdf.objects]:
            if isinstance(obj, pikepdf.Stream | pikepdf.Dictionary):
                for key in ("/Metadata", "/PieceInfo"):
                    if key in obj:
                        del obj[key]
        pdf.remove_unreferenced_resources()
        pdf.save(target, fix_metadata_version=False, deterministic_id=True)
