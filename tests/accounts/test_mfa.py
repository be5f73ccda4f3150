import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


def test_staff_without_mfa_is_sent_to_set_it_up(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_without_mfa_cannot_open_the_admin(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def _sign_in(client, **user_fields):
    """Sign in and confirm the password again, as setting up MFA asks for a fresh confirmation."""
    user = UserFactory(password=PASSWORD, **user_fields)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return user


def test_staff_can_reach_the_mfa_setup_page(client):
    _sign_in(client, is_staff=True)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200


def test_staff_with_totp_reaches_pages(client):
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)

    response = client.get(reverse("home"))

    assert response.status_code == 200


def test_non_staff_without_mfa_reaches_pages(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert response.status_code == 200


def test_everyone_can_set_up_mfa_with_a_totp_code(client):
    user = _sign_in(client)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_staff_mfa_requirement_follows_language_prefix(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/sv/").status_code == 302
    assert client.get("/sv/accounts/2fa/").status_code == 200


def test_first_staff_sign_in_asks_for_the_password_once_and_shows_the_whole_key(client):
    staff = UserFactory(password=PASSWORD, is_staff=True)

    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))

    secret = page.context["form"].secret
    body = page.content.decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert page.status_code == 200
    assert f'<code class="totp-secret" aria-labelledby="totp-secret-label">{grouped}</code>' in body
    assert 'class="totp-qr" src="data:image/svg+xml;base64,' in body


def test_changing_an_enrolled_authenticator_still_asks_to_confirm_access(client):
    staff = UserFactory(password=PASSWORD, is_staff=True)
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)

    response = client.get(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
