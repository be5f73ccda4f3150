"""allauth's pages and emails speak Laurel's sentence case in both languages."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _buttons_and_headings(html: str) -> list[str]:
    found = re.findall(r"<(?:button|h1|h2)[^>]*>\s*([^<]+?)\s*<", html)
    return [text for text in found if text.strip()]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/accounts/login/", "Sign in"),
        ("/sv/accounts/login/", "Logga in"),
        ("/accounts/signup/", "Sign up"),
        ("/accounts/password/reset/", "Password reset"),
    ],
)
def test_sign_in_pages_use_sentence_case(client, url, expected):
    texts = _buttons_and_headings(client.get(url).content.decode())

    assert expected in texts
    title_case = [t for t in texts if re.fullmatch(r"([A-Z][a-z]+ )+[A-Z][a-z]+", t)]
    assert title_case == []
