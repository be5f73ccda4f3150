import pytest
from django.urls import reverse

from tests.clients import LaurelClient as Client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_forbid_sniffing_framing_and_leaking_referrers(client):
    response = client.get(reverse("home"))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_sends_hsts_and_redirects_to_https(settings, client):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True

    plain = client.get(reverse("home"))
    secure = client.get(reverse("home"), secure=True)

    assert plain.status_code == 301
    assert plain.url.startswith("https://")
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_private_pages_are_not_stored_by_browsers_or_proxies(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:profile-edit"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_production_404_shows_no_debug_information(settings):
    settings.DEBUG = False

    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "URLconf" not in body
    assert "Traceback" not in body


def test_production_500_page_shows_no_stack_trace(settings, rf):
    from django.views.defaults import server_error

    settings.DEBUG = False

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Traceback" not in response.content.decode()
