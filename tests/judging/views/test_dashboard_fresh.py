"""The judge's dashboard is cached, never stale: each change to what it shows, made after the
dashboard was cached, shows on the next view (`judging.selectors.dashboard`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from judging.enums import ReviewStatus
from judging.models import JuryMember, Review, Round
from tests.factories import ReviewFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round
from tests.queries import caches_cleared, session_queries

pytestmark = pytest.mark.django_db

URL = reverse("judging:dashboard")


def rows(response) -> list[int]:
    return [row.pk for row in response.context["board"].rows]


@pytest.fixture
def judge_with_work():
    round = judged_round()
    judge = UserFactory()
    return judge, round, [assign(round=round, judge=judge) for _ in range(3)]


def test_a_review_submitted_after_caching_shows_even_when_written_in_bulk(client, judge_with_work):
    judge, _, (first, *_) = judge_with_work
    review = ReviewFactory(assignment=first, status=ReviewStatus.DRAFT)
    client.force_login(judge)
    client.get(URL)

    Review.objects.filter(pk=review.pk).update(status=ReviewStatus.SUBMITTED)
    response = client.get(URL)

    assert [(b.done, b.assigned) for b in response.context["rounds"]] == [(1, 3)]
    assert "1 of 3 submitted" in response.content.decode()


def test_an_entry_conflicted_after_caching_leaves_the_dashboard(client, judge_with_work):
    judge, _, (first, second, third) = judge_with_work
    client.force_login(judge)
    client.get(URL)

    conflict(judge=judge, entry=second.entry)
    response = client.get(URL)

    assert sorted(rows(response)) == sorted([first.pk, third.pk])


def test_a_new_assignment_after_caching_shows(client, judge_with_work):
    judge, round, assignments = judge_with_work
    client.force_login(judge)
    client.get(URL)

    added = assign(round=round, judge=judge)
    response = client.get(URL)

    assert sorted(rows(response)) == sorted([a.pk for a in [*assignments, added]])


def test_a_seat_ended_after_caching_takes_the_round_away(client, judge_with_work):
    judge, _, _ = judge_with_work
    client.force_login(judge)
    client.get(URL)

    JuryMember.objects.filter(user=judge).update(active=False)
    response = client.get(URL)

    assert (response.context["rounds"], rows(response)) == ([], [])


def test_a_round_renamed_after_caching_shows_its_new_name(client, judge_with_work):
    judge, round, _ = judge_with_work
    client.force_login(judge)
    client.get(URL)

    Round.objects.filter(pk=round.pk).update(name_en="Final round")
    body = client.get(URL).content.decode()

    assert "Final round" in body


def test_a_warm_dashboard_reads_no_assignment(client, judge_with_work):
    judge, _, _ = judge_with_work
    client.force_login(judge)
    client.get(URL)
    caches_cleared(client)

    with CaptureQueriesContext(connection) as cold:
        client.get(URL)
    with CaptureQueriesContext(connection) as warm:
        client.get(URL)

    # Warm: user, the rounds with their revisions, the discussion panel's fingerprint. Cold
    # adds the counts per round and state and the page's rows (and the session, when the
    # sessions live in the database).
    assert (len(cold), len(warm)) == (5 + session_queries(), 3 + session_queries())


def test_judges_do_not_share_cached_dashboards(client, judge_with_work):
    judge, round, assignments = judge_with_work
    other = UserFactory()
    theirs = assign(round=round, judge=other)
    client.force_login(judge)
    client.get(URL)

    client.force_login(other)
    response = client.get(URL)

    assert rows(response) == [theirs.pk]
