"""Issue 11: names of awards, editions and categories follow the active language wherever they
are shown as text, the admin's lists included."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category():
    return CategoryFactory(
        name_en="Idea",
        name_sv="Idé",
        edition__year=2026,
        edition__award__name_en="Science Award",
        edition__award__name_sv="Vetenskapspriset",
    )


def test_category_str_follows_the_active_language(category):
    with translation.override("sv"):
        swedish = str(category)
    with translation.override("en"):
        english = str(category)

    assert (swedish, english) == ("Vetenskapspriset 2026 Idé", "Science Award 2026 Idea")


def test_str_falls_back_to_the_other_language_when_one_is_empty(category):
    category.name_sv = ""

    with translation.override("sv"):
        assert str(category) == "Vetenskapspriset 2026 Idea"


def test_admin_category_list_in_swedish_shows_swedish_names(client, superuser, category):
    client.force_login(superuser)
    with translation.override("sv"):
        url = reverse("admin:awards_category_changelist")

    body = client.get(url).content.decode()

    assert "Idé" in body and "Vetenskapspriset 2026" in body
    assert "Science Award" not in body
