import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from awards.models import Winner
from tests.factories import CategoryFactory, WinnerFactory

pytestmark = pytest.mark.django_db


def _png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("my holiday.png", buffer.getvalue(), content_type="image/png")


def _winner_form(category, **fields) -> dict:
    data = {
        "category": category.pk,
        "placement": "winner",
        "slug": "sally-sow-turn-up",
        "position": 0,
        "names": "Sally Sow",
        "idea_title": "Turn UP",
        "publish_at_0": "",
        "publish_at_1": "",
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "photos-0-image": _png(1000, 600),
        "photos-0-alt_text_en": "Sally Sow on stage",
        "photos-0-alt_text_sv": "Sally Sow på scen",
        "photos-0-position": 0,
    }
    return {**data, **fields}


def test_organiser_adds_a_draft_winner_with_a_photo_in_the_admin(client, superuser):
    category = CategoryFactory()
    client.force_login(superuser)

    response = client.post(reverse("admin:awards_winner_add"), _winner_form(category))

    assert response.status_code == 302
    winner = Winner.objects.get()
    photo = winner.photos.get()
    assert (winner.publish_at, photo.widths, photo.alt_text_en) == (
        None,
        [480, 960, 1000],
        "Sally Sow on stage",
    )
    assert "holiday" not in photo.image.name


def test_photo_without_alt_text_is_refused_next_to_the_field(client, superuser):
    category = CategoryFactory()
    client.force_login(superuser)

    response = client.post(
        reverse("admin:awards_winner_add"), _winner_form(category, **{"photos-0-alt_text_en": ""})
    )

    assert response.status_code == 200
    assert Winner.objects.count() == 0
    assert response.context["inline_admin_formsets"][0].formset.errors[0] == {
        "alt_text_en": ["This field is required."]
    }


def test_change_page_links_to_the_preview(client, superuser):
    winner = WinnerFactory(publish_at=None)
    client.force_login(superuser)

    content = client.get(reverse("admin:awards_winner_change", args=[winner.pk])).content.decode()

    assert f'href="/awards/preview/winners/{winner.pk}/"' in content
    assert "Draft" in content


def test_the_admin_does_not_publish_pages_or_results(client, superuser):
    """Publication is one reviewed step on the organisers' publication page, not an action."""
    winner = WinnerFactory(publish_at=None)
    client.force_login(superuser)

    changelist = client.get(reverse("admin:awards_winner_changelist"))
    change = client.get(reverse("admin:awards_winner_change", args=[winner.pk]))
    edition = client.get(reverse("admin:awards_edition_change", args=[winner.category.edition_id]))

    assert "publish_now" not in changelist.content.decode()
    assert "publish_at" not in change.context["adminform"].form.fields
    assert "results_publish_at" not in edition.context["adminform"].form.fields


def test_people_without_admin_access_cannot_reach_the_winner_admin(client, user):
    client.force_login(user)

    response = client.get(reverse("admin:awards_winner_add"))

    assert response.status_code == 302


def test_the_admin_speaks_the_organisers_language(client, superuser):
    WinnerFactory(names="Sally Sow")
    client.force_login(superuser)

    english = client.get("/admin/awards/winner/").content.decode()
    swedish = client.get("/sv/admin/awards/winner/").content.decode()

    assert 'lang="en"' in english and "Placement" in english
    assert 'lang="sv"' in swedish
    # Django's own wording and ours, both in Swedish.
    assert "Logga ut" in swedish and "Placering" in swedish
    assert "Sally Sow" in swedish
    assert "Laurel administration" in english and "Laurel – administration" in swedish
