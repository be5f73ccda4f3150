import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-and-unusual-passphrase"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_sign_in_never_redirects_off_site(client, target):
    UserFactory(email="next@example.org", password=PASSWORD)

    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": "next@example.org", "password": PASSWORD, "next": target},
    )

    assert response.status_code == 302
    assert response.url.startswith("/")
    assert not response.url.startswith("//")
    assert "evil.example" not in response.url


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post(reverse("set_language"), {"language": "sv", "next": target})

    assert "evil.example" not in response.get("Location", "")


def test_login_throttling_is_not_bypassed_by_rotating_x_forwarded_for(client):
    UserFactory(email="victim@example.org", password=PASSWORD)
    for attempt in range(8):
        client.post(
            reverse("account_login"),
            {"login": f"guess{attempt}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = client.post(
        reverse("account_login"),
        {"login": "victim@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )

    # Eight failures from one real address (REMOTE_ADDR) exhaust the per-IP budget whatever
    # the forged header says.
    assert "Too many failed login attempts" in response.content.decode()
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
