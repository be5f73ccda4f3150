"""Real PDF files for tests, made with pikepdf: a plain one, and the active kinds uploads refuse."""

import io

import pikepdf


def _one_page(text: str) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream(f"BT /F1 18 Tf 20 100 Td ({text}) Tj ET".encode())
    return pdf


def _bytes(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, **options)
    return buffer.getvalue()


def plain_pdf(text: str = "Turn UP", *, author: str | None = None) -> bytes:
    """One page of text; with `author`, also in the document information and the XMP."""
    pdf = _one_page(text)
    if author:
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Creator"] = f"Word for {author}"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = [author]
    return _bytes(pdf)


def pdf_with_open_action_script() -> bytes:
    """Runs JavaScript when opened (/OpenAction), with the action inside an object stream."""
    pdf = _one_page("Open me")
    pdf.Root.OpenAction = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hi')"))
    )
    return _bytes(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def pdf_with_launch_action() -> bytes:
    pdf = _one_page("Launch")
    pdf.pages[0].AA = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    )
    return _bytes(pdf)


def pdf_with_embedded_file() -> bytes:
    pdf = _one_page("Attached")
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really")
    return _bytes(pdf)


def pdf_html_polyglot() -> bytes:
    """A valid PDF whose bytes also hold a web page, after the first kilobyte."""
    pdf = _one_page("Polyglot")
    pdf.Root.Padding = pdf.make_stream(b" " * 2048 + b"<html><body><script>alert(1)</script>")
    return _bytes(pdf, compress_streams=False)


PDF = plain_pdf()
