import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


@pytest.fixture
def s3_default_storage(settings, s3_bucket):
    """The default storage on S3: the configured bucket in CI, a fresh one otherwise."""
    if settings.STORAGES["default"]["BACKEND"] != "storages.backends.s3.S3Storage":
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": s3_bucket["options"],
            },
        }
    return settings.STORAGES["default"]["OPTIONS"]["bucket_name"], s3_bucket["client"]


def test_file_saved_through_default_storage_lands_in_the_bucket(s3_default_storage):
    bucket, client = s3_default_storage

    name = default_storage.save("tests/hello.txt", ContentFile(b"Turn UP"))

    stored = client.get_object(Bucket=bucket, Key=name)
    assert stored["Body"].read() == b"Turn UP"
    with default_storage.open(name) as handle:
        assert handle.read() == b"Turn UP"
    default_storage.delete(name)


def test_same_named_files_never_overwrite_each_other(s3_default_storage):
    first = default_storage.save("tests/same.txt", ContentFile(b"one"))
    second = default_storage.save("tests/same.txt", ContentFile(b"two"))

    assert first != second
    assert default_storage.open(first).read() == b"one"
    assert default_storage.open(second).read() == b"two"


def test_objects_are_private_and_urls_signed_and_short_lived(s3_default_storage):
    import requests

    bucket, client = s3_default_storage
    name = default_storage.save("tests/private.txt", ContentFile(b"secret"))

    url = default_storage.url(name)
    unsigned = url.split("?", 1)[0]

    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url
    assert requests.get(url, timeout=10).content == b"secret"
    assert requests.get(unsigned, timeout=10).status_code == 403
