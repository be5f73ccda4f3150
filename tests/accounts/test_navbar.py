"""The navigation bar is kept rendered (`accounts.navbar`): each person gets their own, with this
request's CSRF token, and a change to what it shows applies at once."""

import re

import pytest
from django.urls import reverse

from tests.clients import LaurelClient
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_two_people_on_the_same_page_get_their_own_name(client):
    sally, bo = UserFactory(display_name="Sally Sow"), UserFactory(display_name="Bo Judge")
    client.force_login(sally)
    first = client.get(reverse("home")).content.decode()
    client.force_login(bo)
    second = client.get(reverse("home")).content.decode()

    assert "Sally Sow" in first and "Bo Judge" not in first
    assert "Bo Judge" in second and "Sally Sow" not in second


def test_the_sign_out_form_carries_this_visitors_token():
    user = UserFactory()
    other = LaurelClient(enforce_csrf_checks=True)
    other.force_login(user)
    other.get(reverse("accounts:privacy"))  # fills the cache with this visitor's page
    client = LaurelClient(enforce_csrf_checks=True)
    client.force_login(user)
    body = client.get(reverse("accounts:privacy")).content.decode()

    token = TOKEN.findall(body)[0]
    signed_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})

    assert "__laurel" not in body
    assert signed_out.status_code == 302


def test_a_new_display_name_shows_at_once(client):
    user = UserFactory(display_name="Old Name")
    client.force_login(user)
    client.get(reverse("accounts:privacy"))

    user.display_name = "Sally Sow"
    user.save()
    body = client.get(reverse("accounts:privacy")).content.decode()

    assert "Sally Sow" in body and "Old Name" not in body


def test_the_current_page_is_marked_in_its_own_language(client):
    client.force_login(UserFactory())

    english = client.get(reverse("submissions:entry-list")).content.decode()
    swedish = client.get("/sv" + reverse("submissions:entry-list")).content.decode()

    assert 'aria-current="page">My entries' in english
    assert 'aria-current="page">Mina bidrag' in swedish
