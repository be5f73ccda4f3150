import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from awards.models import WinnerPhoto
from awards.services import winner_photo_delete, winner_photo_process
from tests.factories import WinnerFactory, WinnerPhotoFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (59.0, 13.0, 0.0)}  # GPSInfo: a position
    exif[0x010F] = "SecretCam"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _photo(content: bytes) -> WinnerPhoto:
    photo = WinnerPhoto(winner=WinnerFactory(), alt_text_en="A", alt_text_sv="E")
    photo.image.save("upload.jpg", ContentFile(content), save=False)
    photo.save()
    return photo


def test_photo_renditions_are_never_wider_than_the_original():
    assert WinnerPhotoFactory(image__width=2000, image__height=1000).widths == [480, 960, 1600]
    assert WinnerPhotoFactory(image__width=700, image__height=500).widths == [480, 700]
    assert WinnerPhotoFactory(image__width=300, image__height=200).widths == [300]


def test_photo_renditions_drop_metadata_and_keep_proportions():
    photo = winner_photo_process(photo=_photo(_jpeg_with_gps(1000, 500)))

    with default_storage.open(photo.renditions["480"]) as handle:
        rendition = Image.open(handle)
        rendition.load()
    assert rendition.size == (480, 240)
    assert dict(rendition.getexif()) == {}
    assert (photo.width, photo.height) == (1000, 500)


def test_photo_keys_are_generated_by_the_server():
    photo = _photo(_jpeg_with_gps(100, 100))

    assert "upload" not in photo.image.name
    assert photo.image.name.startswith("winners/photos/")


def test_deleting_a_photo_deletes_its_files(django_capture_on_commit_callbacks):
    photo = WinnerPhotoFactory(image__width=600, image__height=400)
    names = [photo.image.name, *photo.renditions.values()]

    with django_capture_on_commit_callbacks(execute=True):
        winner_photo_delete(photo=photo)

    assert [name for name in names if default_storage.exists(name)] == []


def test_photos_live_in_the_s3_bucket_and_are_served_from_it(client, settings, s3_bucket):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_bucket["options"]},
    }
    photo = WinnerPhotoFactory(image__width=500, image__height=300)

    keys = {
        item["Key"]
        for item in s3_bucket["client"].list_objects_v2(Bucket=s3_bucket["name"])["Contents"]
    }
    response = client.get(photo.url(500))

    assert keys == {photo.image.name, *photo.renditions.values()}
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
