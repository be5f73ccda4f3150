"""Issue 11: the entrant's pages name the award and category in the page's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(user):
    return EntryFactory(
        owner=user,
        title="Turn UP",
        category__name_en="Idea",
        category__name_sv="Idé",
        category__edition__award__name_en="Science Award",
        category__edition__award__name_sv="Vetenskapspriset",
    )


def _get(client, name, **kwargs):
    with translation.override("sv"):
        url = reverse(name, kwargs=kwargs or None)
    return client.get(url).content.decode()


def test_entry_list_in_swedish_shows_swedish_names(client, user, entry):
    client.force_login(user)

    body = _get(client, "submissions:entry-list")

    assert "Vetenskapspriset" in body and "Idé" in body
    assert "Science Award" not in body


def test_entry_form_in_swedish_shows_swedish_names(client, user, entry):
    client.force_login(user)

    body = _get(client, "submissions:entry-edit", pk=entry.pk)

    assert "Vetenskapspriset" in body and "Idé" in body
    assert "Science Award" not in body
