"""Short dates as each language writes them (accounts/templatetags/dates.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.templatetags.dates import short_date, short_datetime
from judging.enums import JuryRole
from tests.factories import JuryMemberFactory

STOCKHOLM_NOON = dt.datetime(2026, 12, 2, 11, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("en", dt.date(2026, 12, 2), "2 Dec 2026"),
        ("sv", dt.date(2026, 12, 2), "2 dec. 2026"),
        ("sv", dt.date(2026, 5, 7), "7 maj 2026"),
        ("sv", dt.date(2026, 3, 1), "1 mars 2026"),
        ("sv", STOCKHOLM_NOON, "2 dec. 2026"),
    ],
)
def test_short_date_in_each_language(language, moment, expected):
    with translation.override(language):
        assert short_date(moment) == expected


def test_short_datetime_is_in_stockholm_time():
    with translation.override("sv"):
        assert short_datetime(STOCKHOLM_NOON) == "2 dec. 2026, 12:00"


@pytest.mark.django_db
def test_swedish_jury_page_writes_dates_the_swedish_way(client):
    chair = JuryMemberFactory(role=JuryRole.CHAIR, accepted_at=STOCKHOLM_NOON)
    client.force_login(chair.user)

    page = client.get("/sv" + reverse("judging:jury-list", args=[chair.category_id]))

    page = page.content.decode()
    assert "2 dec. 2026" in page
    # Words, not a token: a CSRF token may hold the letters "Dec".
    assert re.search(r"\bDec\b", page.replace("December", "")) is None
