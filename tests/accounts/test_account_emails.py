"""allauth's own emails (confirmation, password reset, security notices): in the recipient's
language, with sentence-case subjects, and every link and footer at SITE_URL."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"
SITE = "http://127.0.0.1:8101"


@pytest.fixture(autouse=True)
def _site_on_another_port(settings):
    settings.SITE_URL = SITE


def _links(message) -> list[str]:
    return re.findall(r"https?://[^\s>\"]+", message.body)


def test_password_reset_asked_on_a_swedish_page_reaches_an_english_reader_in_english(client):
    UserFactory(email="sally@turnup.example", language="en")

    client.post("/sv/accounts/password/reset/", {"email": "sally@turnup.example"})

    message = mail.outbox[-1]
    assert message.subject == "[Laurel] Reset your password"
    assert "password" in message.body.lower()
    assert [link for link in _links(message) if not link.startswith(SITE)] == []


def test_password_reset_for_a_swedish_reader_is_in_swedish(client):
    UserFactory(email="sven@turnup.example", language="sv")

    client.post("/accounts/password/reset/", {"email": "sven@turnup.example"})

    assert mail.outbox[-1].subject == "[Laurel] Återställ ditt lösenord"


def test_sign_up_confirmation_links_and_footer_use_the_site_address(client):
    client.post(
        "/accounts/signup/",
        {"email": "new@turnup.example", "password1": PASSWORD, "password2": PASSWORD},
    )

    message = mail.outbox[-1]
    assert message.subject == "[Laurel] Please confirm your email address"
    assert _links(message) and all(link.startswith(SITE) for link in _links(message))
    assert "127.0.0.1:8101" in message.body
    assert "127.0.0.1:8000" not in message.body
