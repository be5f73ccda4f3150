"""Public pages come from the shared cache, are made stale by any edit, and answer 304."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.cache import public_pages_invalidate
from awards.models import Winner
from awards.services import winner_publish
from public.cache import CSRF_PLACEHOLDER
from tests.factories import UserFactory, WinnerFactory
from tests.queries import session_queries

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


def test_signed_in_visitors_get_the_shared_page_with_their_own_navigation(client):
    winner = WinnerFactory(citation_en="Shared citation")
    url = winner.get_absolute_url()
    anonymous = client.get(url).content.decode()
    client.force_login(UserFactory(display_name="Sally Sow"))

    response = client.get(url)

    body = response.content.decode()
    assert "Shared citation" in body
    assert ">Sally Sow</a>" in body and "Sign out" in body and "Sign in" not in body
    assert ">Sign in</a>" in anonymous and "Sally Sow" not in anonymous
    assert CSRF_PLACEHOLDER not in body
    assert response["Cache-Control"] == "private, no-store"


def test_signed_in_visitors_see_an_edit_once_pages_are_made_stale(client):
    winner = WinnerFactory(citation_en="Before")
    url = winner.get_absolute_url()
    client.force_login(UserFactory())
    client.get(url)

    Winner.objects.update(citation_en="After")
    public_pages_invalidate()

    assert "After" in client.get(url).content.decode()


def test_signed_in_visitors_get_their_messages_on_a_cached_page(client, rf):
    url = WinnerFactory().get_absolute_url()
    client.get(url)  # cached for anonymous visitors
    client.force_login(UserFactory())
    storage = CookieStorage(rf.get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Profile saved.")])

    first = client.get(url).content.decode()
    second = client.get(url).content.decode()

    assert first.count("Profile saved.") == 1
    assert "Profile saved." not in second


def test_signed_in_visit_to_a_cached_page_runs_no_page_queries(client):
    winner = WinnerFactory()
    url = winner.get_absolute_url()
    client.force_login(UserFactory())
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    # The session and the user: nothing of the page itself.
    assert (response.status_code, len(queries)) == (200, 1 + session_queries())


def test_the_shared_page_is_rendered_without_the_visitor(client):
    winner = WinnerFactory()
    url = winner.get_absolute_url()
    client.force_login(UserFactory(display_name="Sally Sow"))
    client.get(url)  # the first visitor is signed in: the shared page is made for no one

    anonymous = client.__class__().get(url).content.decode()

    assert "Sally Sow" not in anonymous and ">Sign in</a>" in anonymous


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


def test_signed_in_visitors_get_the_swedish_page_with_swedish_navigation(client):
    winner = WinnerFactory(citation_en="In English", citation_sv="På svenska")
    award_url = "/sv" + winner.category.edition.award.get_absolute_url()
    client.force_login(UserFactory())

    body = client.get("/sv" + winner.get_absolute_url()).content.decode()
    award = client.get(award_url)

    assert "På svenska" in body and "Logga ut" in body and "Sign out" not in body
    assert award.status_code == 200 and "Logga ut" in award.content.decode()


@pytest.mark.parametrize("page", ["home", "award", "edition", "category"])
def test_signed_in_visits_to_other_public_pages_run_no_page_queries(client, page):
    winner = WinnerFactory()
    category = winner.category
    url = {
        "home": reverse("home"),
        "award": category.edition.award.get_absolute_url(),
        "edition": category.edition.get_absolute_url(),
        "category": category.get_absolute_url(),
    }[page]
    client.force_login(UserFactory())
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert (response.status_code, len(queries)) == (200, 1 + session_queries())
