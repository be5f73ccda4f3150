"""Findings 1 and 2 of the outside probe: the admin's own sign-in form skipped the second factor and
was not throttled. Now there is one sign-in for everyone, and a staff session counts only once it
has passed the second factor itself."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"
ORGANISER_PAGE = "/entries/organiser/"


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def organiser():
    """Staff with TOTP enrolled and the permissions organisers have; a superuser, since the admin
    these tests sign in to is the superusers' back office."""
    user = UserFactory(
        email="organiser@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="submissions"))
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.secret = secret
    return user


def _signed_in(client) -> bool:
    return client.get(reverse("accounts:profile-edit")).status_code == 200


def test_admin_sign_in_form_takes_no_password_and_sends_to_laurels_sign_in(client, organiser):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": organiser.email, "password": PASSWORD, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=/admin/"
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    assert client.get(ORGANISER_PAGE).url.startswith(reverse("account_login"))


def test_admin_sends_signed_out_visitors_to_laurels_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/admin/"


def test_sign_in_with_the_password_alone_opens_nothing_until_the_code(client, organiser):
    response = client.post(
        reverse("account_login"), {"login": organiser.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302

    client.post(reverse("mfa_authenticate"), {"code": _code(organiser.secret)})

    assert client.get("/admin/").status_code == 200
    assert client.get(ORGANISER_PAGE).status_code == 200


def test_a_staff_session_that_skipped_the_code_is_asked_for_it_everywhere(client, organiser):
    # A session that signed in with the password only, as the admin's own form used to make.
    client.force_login(organiser, mfa=False)

    answers = [client.get(url) for url in ("/admin/", ORGANISER_PAGE, "/sv/admin/", "/")]

    assert [a.status_code for a in answers] == [302, 302, 302, 302]
    assert answers[0].url == f"{reverse('mfa_reauthenticate')}?next=/admin/"
    assert answers[1].url == f"{reverse('mfa_reauthenticate')}?next={ORGANISER_PAGE}"


def test_typing_the_code_verifies_the_session(client, organiser):
    client.force_login(organiser, mfa=False)

    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next=/admin/", {"code": _code(organiser.secret)}
    )

    assert (response.status_code, response.url) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


# Transactional: allauth announces the new authenticator once its transaction commits, which a
# test wrapped in one transaction would never do.
@pytest.mark.django_db(transaction=True)
def test_setting_up_the_authenticator_verifies_the_session(client):
    staff = UserFactory(password=PASSWORD, is_staff=True, is_superuser=True)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get("/admin/").url == reverse("mfa_activate_totp")
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret

    client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})

    assert client.get("/admin/").status_code == 200


def test_admin_sign_in_is_not_a_password_oracle_even_after_30_tries(client, organiser):
    answers = {
        client.post(
            "/admin/login/",
            {"username": organiser.email, "password": f"wrong-{attempt}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        ).status_code
        for attempt in range(30)
    }

    right = client.post("/admin/login/", {"username": organiser.email, "password": PASSWORD})

    assert answers == {302}
    assert right.status_code == 302
    assert not _signed_in(client)


def test_laurels_sign_in_throttles_from_the_sixth_wrong_password(client, organiser):
    for attempt in range(5):
        client.post(
            reverse("account_login"),
            {"login": organiser.email, "password": f"wrong-{attempt}"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = client.post(
        reverse("account_login"), {"login": organiser.email, "password": PASSWORD}
    )

    assert "Too many failed login attempts" in response.content.decode()
    assert not _signed_in(client)


def test_the_code_step_is_throttled_too(client, organiser):
    client.post(reverse("account_login"), {"login": organiser.email, "password": PASSWORD})
    for _attempt in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})

    response = client.post(reverse("mfa_authenticate"), {"code": _code(organiser.secret)})

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_password_check_before_deleting_an_account_is_throttled(client):
    user = UserFactory(password=PASSWORD)
    client.force_login(user)
    url = reverse("accounts:account-delete")
    for attempt in range(10):
        client.post(url, {"password": f"wrong-{attempt}"})

    response = client.post(url, {"password": PASSWORD})

    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    assert type(user).objects.filter(pk=user.pk).exists()


def test_non_staff_with_an_account_get_403_from_the_admin(client):
    client.force_login(UserFactory())

    response = client.get("/admin/login/")

    assert response.status_code == 403


def test_the_admin_refuses_organisers_who_are_not_superusers_and_points_at_the_console(
    client, settings
):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="awards"))
    client.force_login(staff, mfa=True)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert f'href="{reverse("console:dashboard")}"' in response.content.decode()
