"""Responses that hand a stored file to a browser: as a download, or shown inside our pages.

Shared by the team's and organisers' links (submissions) and the jury's (judging), which decide
who may have which file and under which name."""

from django.http import FileResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

# An inline file is a document of its own in the browser: it may run nothing, load nothing and
# be framed by our pages only. Chromium's PDF viewer works under this policy.
INLINE_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'"


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def file_download_response(*, file, filename: str, content_type: str):
    """A download: on S3 a short-lived signed URL that makes S3 itself send it as an attachment
    (the app server never streams it), on local storage the file streamed."""
    storage = file.storage
    if hasattr(storage, "bucket_name"):
        url = storage.url(
            file.name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(True, filename),
                "ResponseContentType": content_type,
            },
        )
        return _private(HttpResponseRedirect(url))
    return _private(
        FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    )


def pdf_inline_response(*, file, filename: str):
    """A PDF shown inside Laurel's own pages, streamed from the storage (S3 included) so that it
    stays same-origin, in a sandbox with nothing allowed (`INLINE_CSP`). The content was checked
    at upload to be a PDF without scripts; nosniff stops a browser from reading it as anything
    else."""
    response = FileResponse(
        file.open("rb"), as_attachment=False, filename=filename, content_type="application/pdf"
    )
    response["Content-Security-Policy"] = INLINE_CSP
    return _private(response)


def blind_name(attachment, number: int | None = None) -> str:
    """A file name that says nothing about who made the file: attachment-<id>.<extension>."""
    extension = attachment.original_name.rpartition(".")[2].lower()
    stem = f"attachment-{number if number is not None else attachment.pk}"
    return f"{stem}.{extension}" if extension else stem
