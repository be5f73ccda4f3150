"""Autosave during an outage: the page shows the server's "not saved, retrying" line, keeps the
text and saves it once the server is back."""

import re
import time

import pytest
from django.test import RequestFactory

from config.outage import outage_response
from submissions.models import Entry
from tests.e2e.conftest import sign_in
from tests.factories import EntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_autosave_during_a_database_outage_says_so_keeps_the_text_and_retries(live_server, page):
    entry = EntryFactory(title="")
    sign_in(page, live_server, entry.owner)
    # What the server answers an htmx request while its database is away (config/outage.py).
    outage = outage_response(RequestFactory().post("/", HTTP_HX_REQUEST="true"), "database")
    answered = []

    def database_away_once(route):
        if answered:
            route.continue_()
            return
        answered.append(route.request.url)
        route.fulfill(
            status=outage.status_code,
            headers=dict(outage.items()),
            body=outage.content,
        )

    page.route(re.compile(r".*/autosave/$"), database_away_once)
    page.goto(live_server.url + entry.get_absolute_url())
    page.get_by_label("Title").fill("Typed during the outage")
    page.get_by_label("Title").blur()

    status = page.locator("#autosave-status")
    status.filter(has_text="The server cannot reach its database just now.").wait_for()
    assert "retrying" in status.inner_text()
    assert page.get_by_label("Title").input_value() == "Typed during the outage"
    status.filter(has_text=re.compile("Saved at")).wait_for(timeout=20000)
    deadline = time.monotonic() + 10
    while not Entry.objects.filter(pk=entry.pk, title="Typed during the outage").exists():
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(answered) == 1
