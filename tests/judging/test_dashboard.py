import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from judging.enums import JuryRole, ReviewStatus
from tests.factories import JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round

pytestmark = pytest.mark.django_db

URL = reverse("judging:dashboard")


def test_dashboard_lists_assignments_with_progress_and_deadline(client):
    closes = dt.datetime(2030, 3, 1, 11, 0, tzinfo=dt.UTC)  # 12:00 in Stockholm
    round = judged_round(closes_at=closes, name_en="Screening")
    judge = UserFactory()
    done = assign(round=round, judge=judge, title="Turn UP")
    assign(round=round, judge=judge, title="Second idea")
    ReviewFactory(assignment=done, status=ReviewStatus.SUBMITTED)
    client.force_login(judge)

    response = client.get(URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert [b.assigned for b in response.context["rounds"]] == [2]
    assert [b.done for b in response.context["rounds"]] == [1]
    assert "1 of 2 submitted" in body
    assert "Deadline: 1 March 2030, 12:00 (Stockholm time)" in body
    assert "Turn UP" in body and "Second idea" in body


def test_dashboard_shows_only_own_assignments_and_leaves_out_conflicts(client):
    round = judged_round()
    judge = UserFactory()
    assign(round=round, judge=UserFactory(), title="Someone else's")
    conflicted = assign(round=round, judge=judge, title="Conflicted idea")
    conflict(judge=judge, entry=conflicted.entry)
    mine = assign(round=round, judge=judge, title="Mine")
    client.force_login(judge)

    response = client.get(URL)

    assert [a.pk for b in response.context["rounds"] for a in b.assignments] == [mine.pk]
    assert "Conflicted idea" not in response.content.decode()


def test_dashboard_anonymous_redirects_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_lists_rounds_the_user_chairs(client):
    round = judged_round(name_en="Finals")
    chair = JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user
    client.force_login(chair)

    response = client.get(URL)

    assert response.context["chaired"] == [round]
    assert reverse("judging:round-progress", kwargs={"round_id": round.pk}) in (
        response.content.decode()
    )


def test_navbar_offers_jury_from_sign_in_on_and_not_to_others(client):
    judge = assign(round=judged_round()).judge
    client.force_login(judge)
    judge_home = client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    entrant_home = client.get(reverse("home")).content.decode()

    assert f'href="{URL}"' in judge_home
    assert f'href="{URL}"' not in entrant_home


def test_dashboard_runs_constant_queries_whatever_the_number_of_assignments(client):
    judge = UserFactory()
    rounds = [judged_round(), judged_round(closes_at=timezone.now() + dt.timedelta(days=3))]
    for round in rounds:
        ReviewFactory(assignment=assign(round=round, judge=judge))
    client.force_login(judge)
    client.get(URL)  # the session remembers the jury link

    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for round in rounds:
        for _ in range(6):
            ReviewFactory(assignment=assign(round=round, judge=judge))
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL)

    assert sum(b.assigned for b in response.context["rounds"]) == 14
    assert len(small) == len(large)


def test_dashboard_in_swedish(client):
    judge = assign(round=judged_round()).judge
    client.force_login(judge)

    response = client.get("/sv/jury/")

    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()
