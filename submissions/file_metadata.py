"""Copies of uploaded files without the metadata that names their authors, for blind rounds.

A PDF's document information and XMP, an Office file's core and application properties (creator,
last modified by, company, manager) and a photo's EXIF and text chunks all travel with the file and
would tell a judge who wrote it. The pages, slides, cells and pixels stay as they are.
"""

import shutil
import zipfile

from PIL import Image, ImageOps

from submissions.pdf_content import pdf_without_metadata

_CORE_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
)
_EXIF_ORIENTATION = 0x0112
MAX_OFFICE_UNCOMPRESSED = 1024 * 1024 * 1024
# Emptied rather than edited: no parsing of the entrant's XML, and nothing personal survives.
_EMPTY_PARTS = {
    "docProps/core.xml": _CORE_PROPERTIES,
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
        'schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docProps/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
        'schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
}


def office_without_metadata(source, target) -> None:
    """Copy an Office Open XML file (docx, xlsx, pptx) with its core, application and custom
    properties emptied."""
    source.seek(0)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        items = original.infolist()
        # zipfile never inflates a member past its declared size, so this bounds the copy.
        if sum(item.file_size for item in items) > MAX_OFFICE_UNCOMPRESSED:
            raise ValueError("the Office file expands to more than the limit")
        for item in items:
            if item.filename in _EMPTY_PARTS:
                copy.writestr(item, _EMPTY_PARTS[item.filename], zipfile.ZIP_DEFLATED)
                continue
            member = zipfile.ZipInfo(item.filename, date_time=item.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            # Streamed member by member: a large deck is never held in memory.
            with original.open(item) as part, copy.open(member, "w") as written:
                shutil.copyfileobj(part, written)


def image_without_metadata(source, target, *, format: str) -> None:
    """Save the picture again without EXIF (camera owner, GPS position...) or text chunks, turned
    upright first when EXIF said it was rotated. The colour profile is kept."""
    source.seek(0)
    with Image.open(source) as image:
        icc = image.info.get("icc_profile")
        options = {"icc_profile": icc} if icc else {}
        if image.getexif().get(_EXIF_ORIENTATION, 1) == 1:
            if format == "JPEG":
                # Reuses the original's quantisation: no second loss of quality.
                options.update(quality="keep", subsampling="keep")
            image.save(target, format=format, **options)
        else:
            if format == "JPEG":
                options["quality"] = 95
            ImageOps.exif_transpose(image).save(target, format=format, **options)


def file_without_metadata(*, content_type: str, source, target) -> None:
    """Write to `target` a copy of `source` (both open binary files) without author metadata.
    Types that carry none are copied as they are."""
    if content_type == "application/pdf":
        pdf_without_metadata(source, target)
    elif content_type.startswith("application/vnd.openxmlformats-officedocument."):
        office_without_metadata(source, target)
    elif content_type == "image/jpeg":
        image_without_metadata(source, target, format="JPEG")
    elif content_type == "image/png":
        image_without_metadata(source, target, format="PNG")
    else:
        source.seek(0)
        shutil.copyfileobj(source, target)
