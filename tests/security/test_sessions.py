import pytest
from django.urls import reverse

from tests.clients import LaurelClient as Client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


def test_session_key_rotates_at_sign_in(client):
    UserFactory(email="rotating@example.org", password=PASSWORD)
    client.get(reverse("account_login"))
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["sessionid"].value

    client.post(reverse("account_login"), {"login": "rotating@example.org", "password": PASSWORD})

    after = client.cookies["sessionid"].value
    assert after != before


def test_session_is_invalid_after_sign_out(client):
    UserFactory(email="leaving@example.org", password=PASSWORD)
    client.post(reverse("account_login"), {"login": "leaving@example.org", "password": PASSWORD})
    stolen_cookie = client.cookies["sessionid"].value

    client.post(reverse("account_logout"))
    thief = Client()
    thief.cookies["sessionid"] = stolen_cookie

    response = thief.get(reverse("accounts:profile-edit"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_state_changing_requests_need_a_csrf_token():
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory(display_name="Before"))

    response = csrf_client.post(
        reverse("accounts:profile-edit"), {"display_name": "After", "organisation": ""}
    )

    assert response.status_code == 403


def test_sign_out_needs_post(client):
    client.force_login(UserFactory())

    client.get(reverse("account_logout"))

    assert client.get(reverse("accounts:profile-edit")).status_code == 200
