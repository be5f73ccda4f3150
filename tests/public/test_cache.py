"""Public pages come from the shared cache, are made stale by any edit, and answer 304."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.cache import public_pages_invalidate
from awards.models import Winner
from awards.services import winner_publish
from tests.factories import UserFactory, WinnerFactory

pytestmark = pytest.mark.django_db


def test_second_visit_is_served_from_the_cache_without_queries(client):
    winner = WinnerFactory()
    url = winner.get_absolute_url()
    first = client.get(url)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)

    assert (first.status_code, second.status_code, len(queries)) == (200, 200, 0)
    assert _without_csrf(second.content) == _without_csrf(first.content)


def _without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_each_language_is_cached_on_its_own(client):
    winner = WinnerFactory(citation_en="In English", citation_sv="På svenska")

    english = client.get(winner.get_absolute_url()).content.decode()
    swedish = client.get("/sv" + winner.get_absolute_url()).content.decode()

    assert ("In English" in english, "På svenska" in swedish) == (True, True)


def test_conditional_get_with_etag_answers_304(client):
    url = WinnerFactory().get_absolute_url()
    first = client.get(url)

    second = client.get(url, headers={"if-none-match": first["ETag"]})

    assert second.status_code == 304
    assert second.content == b""


def test_conditional_get_with_last_modified_answers_304(client):
    url = WinnerFactory().get_absolute_url()
    first = client.get(url)

    second = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert second.status_code == 304


def test_public_page_may_be_kept_by_the_browser_but_not_by_shared_caches(client):
    response = client.get(WinnerFactory().get_absolute_url())

    assert response["Cache-Control"] == "private, no-cache"


def test_service_edit_makes_cached_pages_stale(client, organiser):
    winner = WinnerFactory(names="Visible Sow")
    award_url = winner.category.edition.award.get_absolute_url()
    before = client.get(award_url)

    winner_publish(winner=winner, at=None, by=organiser)
    after = client.get(award_url)

    assert "Visible Sow" in before.content.decode()
    assert "Visible Sow" not in after.content.decode()
    assert client.get(award_url, headers={"if-none-match": before["ETag"]}).status_code == 200


def test_admin_delete_makes_cached_pages_stale(client, superuser):
    winner = WinnerFactory(names="Deleted Sow")
    award_url = winner.category.edition.award.get_absolute_url()
    before = client.get(award_url).content.decode()
    admin = client.__class__()
    admin.force_login(superuser)

    response = admin.post(reverse("admin:awards_winner_delete", args=[winner.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert "Deleted Sow" in before
    assert "Deleted Sow" not in client.get(award_url).content.decode()


def test_direct_invalidation_changes_the_etag(client):
    url = WinnerFactory().get_absolute_url()
    first = client.get(url)

    public_pages_invalidate()
    Winner.objects.update(citation_en="Changed")
    second = client.get(url)

    assert first["ETag"] != second["ETag"]


def test_signed_in_visitors_get_a_fresh_private_page(client):
    winner = WinnerFactory(citation_en="Before")
    url = winner.get_absolute_url()
    client.get(url)  # cached for anonymous visitors
    Winner.objects.update(citation_en="After")  # without invalidation, on purpose
    client.force_login(UserFactory())

    response = client.get(url)

    assert "After" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_cached_page_gives_each_visitor_their_own_csrf_token(client):
    url = reverse("home")
    first = client.get(url).content.decode()
    other = client.__class__()

    second = other.get(url).content.decode()

    token = 'name="csrfmiddlewaretoken" value="'
    first_token = first.split(token)[1].split('"')[0]
    second_token = second.split(token)[1].split('"')[0]
    assert "__laurel_csrf_token__" not in first + second
    assert first_token != second_token
    assert other.cookies["csrftoken"].value != client.cookies["csrftoken"].value


def test_language_switch_works_from_a_cached_page(client):
    url = WinnerFactory().get_absolute_url()
    client.get(url)
    visitor = client.__class__(enforce_csrf_checks=True)
    page = visitor.get(url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = visitor.post(
        reverse("set_language"), {"language": "sv", "next": url, "csrfmiddlewaretoken": token}
    )

    assert (response.status_code, response.url) == (302, "/sv" + url)
