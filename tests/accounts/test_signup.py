import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/[^\s]*confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_sends_verification_email_then_confirming_signs_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new.entrant@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.entrant@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not EmailAddress.objects.get(email="new.entrant@example.org").verified

    link = _confirmation_link(mail.outbox[0])
    confirm = client.post(link)

    assert confirm.status_code == 302
    assert EmailAddress.objects.get(email="new.entrant@example.org").verified
    home = client.get(reverse("home"))
    # The home page is the shared public page with the visitor's own navigation in it.
    assert home.wsgi_request.user.email == "new.entrant@example.org"


def test_signin_with_verified_email_succeeds(client):
    UserFactory(email="verified@example.org", password=PASSWORD)

    response = client.post(
        reverse("account_login"), {"login": "verified@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user.email == "verified@example.org"


def test_signin_with_unverified_email_is_refused_and_resends_verification(client):
    UserFactory(email="unverified@example.org", password=PASSWORD, verified=False)
    EmailAddress.objects.create(
        user=User.objects.get(email="unverified@example.org"),
        email="unverified@example.org",
        verified=False,
        primary=True,
    )

    response = client.post(
        reverse("account_login"), {"login": "unverified@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
    assert [message.to for message in mail.outbox] == [["unverified@example.org"]]


def test_signin_with_wrong_password_shows_error_next_to_form(client):
    UserFactory(email="someone@example.org", password=PASSWORD)

    response = client.post(
        reverse("account_login"), {"login": "someone@example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )


def test_signin_is_rate_limited_after_repeated_failures(client):
    UserFactory(email="target@example.org", password=PASSWORD)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "target@example.org", "password": "x"})

    response = client.post(
        reverse("account_login"), {"login": "target@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_signout_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_password_reset_sends_link_that_sets_a_new_password(client):
    UserFactory(email="forgetful@example.org", password=PASSWORD)

    client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/[^\s]*password/reset/key/[^\s]+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new_password = "another-unusual-passphrase"
    done = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert done.status_code == 302
    assert User.objects.get(email="forgetful@example.org").check_password(new_password)


def test_change_of_email_requires_verification_of_the_new_address(client):
    user = UserFactory(email="old@example.org")
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})

    new_address = EmailAddress.objects.get(email="new@example.org")
    assert not new_address.verified
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    client.post(_confirmation_link(mail.outbox[0]))
    assert EmailAddress.objects.get(email="new@example.org").verified


def test_jury_members_see_the_jury_link_after_signing_in(client):
    from tests.factories import JuryMemberFactory

    member = JuryMemberFactory(user=UserFactory(email="juror@example.org", password=PASSWORD))

    client.post(reverse("account_login"), {"login": member.user.email, "password": PASSWORD})

    assert 'href="/jury/"' in client.get(reverse("home")).content.decode()


def test_entrants_see_no_jury_link(client):
    UserFactory(email="entrant@example.org", password=PASSWORD)

    client.post(reverse("account_login"), {"login": "entrant@example.org", "password": PASSWORD})

    assert 'href="/jury/"' not in client.get(reverse("home")).content.decode()
