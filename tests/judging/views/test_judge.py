import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from judging.enums import ConflictStatus, JuryRole, ReviewStatus
from judging.models import Review
from tests.factories import CriterionFactory, JuryMemberFactory, ReviewFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round
from tests.queries import caches_cleared, session_queries

pytestmark = pytest.mark.django_db


def post_data(round, *values, version=0, comment="Strong idea.", feedback=""):
    data = {f"score_{c.pk}": str(v) for c, v in zip(round.criteria.all(), values, strict=True)}
    return {**data, "version": str(version), "comment": comment, "feedback": feedback}


@pytest.fixture
def assignment():
    return assign(round=judged_round())


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

    assert [r.pk for r in response.context["board"].rows] == [mine.pk]
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
    caches_cleared(client)  # both counts read from the database, not from the cache

    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for round in rounds:
        for _ in range(6):
            ReviewFactory(assignment=assign(round=round, judge=judge))
    caches_cleared(client)
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


def test_review_page_shows_entry_and_scoring_form(client, assignment):
    client.force_login(assignment.judge)

    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Turn UP</h1>" in body
    assert "Local music events for everyone." in body
    assert 'name="score_' in body
    assert 'id="review-version" value="0"' in body
    assert Review.objects.filter(assignment=assignment).count() == 1


def test_review_page_of_another_judges_assignment_is_404(client, assignment):
    client.force_login(UserFactory())

    response = client.get(reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk}))

    assert response.status_code == 404


def test_review_page_anonymous_redirects_to_sign_in(client, assignment):
    url = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_review_autosave_answers_saved_time_and_new_version(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 4, ""))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Draft saved at" in body
    assert 'id="review-version" value="1" hx-swap-oob="true"' in body


def test_review_autosave_with_stale_version_answers_409_with_message(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk})
    client.post(url, post_data(assignment.round, 4, "", version=0))

    response = client.post(url, post_data(assignment.round, 1, "", version=0))

    assert response.status_code == 409
    assert "saved in another tab or window" in response.content.decode()
    assert Review.objects.get(assignment=assignment).scores.get().value == Decimal(4)


def test_review_autosave_signed_out_answers_401_not_a_redirect(client, assignment):
    url = reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 4, ""))

    assert response.status_code == 401
    assert "You are signed out" in response.content.decode()


def test_review_autosave_of_another_judges_assignment_is_404(client, assignment):
    client.force_login(UserFactory())
    url = reverse("judging:review-autosave", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 4, ""))

    assert response.status_code == 404
    assert not Review.objects.filter(assignment=assignment).exists()


def test_review_save_draft_without_javascript_redirects_with_message(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-edit", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 2, 3), follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert "Draft saved." in response.content.decode()


def test_review_submit_view_locks_the_review(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 4, 5), follow=True)

    body = response.content.decode()
    assert "Review submitted. Thank you." in body
    assert 'id="review-form"' not in body
    assert Review.objects.get(assignment=assignment).status == ReviewStatus.SUBMITTED


def test_review_submit_view_shows_error_next_to_field_and_keeps_input(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})
    second = assignment.round.criteria.last()

    response = client.post(url, post_data(assignment.round, 4, "", comment="Keep me"))

    body = response.content.decode()
    assert response.status_code == 422
    assert f'id="score_{second.pk}-error">Criterion 2: a score is required.</div>' in body
    assert "Keep me</textarea>" in body
    assert "checked" in body
    assert Review.objects.get(assignment=assignment).status == ReviewStatus.DRAFT


def test_review_submit_twice_tells_it_is_already_submitted(client, assignment):
    client.force_login(assignment.judge)
    url = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})
    client.post(url, post_data(assignment.round, 4, 5))

    response = client.post(url, post_data(assignment.round, 4, 5), follow=True)

    assert "This review is already submitted." in response.content.decode()
    assert AuditEvent.objects.filter(action="review.submit").count() == 1


def test_review_submit_ignores_scores_for_another_rounds_criteria(client, assignment):
    other_round_criterion = CriterionFactory(name_en="Elsewhere")
    client.force_login(assignment.judge)
    url = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})
    data = {**post_data(assignment.round, 4, 5), f"score_{other_round_criterion.pk}": "1"}

    client.post(url, data)

    review = Review.objects.get(assignment=assignment)
    assert sorted(review.scores.values_list("criterion__round", flat=True)) == [
        assignment.round_id,
        assignment.round_id,
    ]


def test_review_page_runs_constant_queries_whatever_the_number_of_assignments(client):
    round = judged_round(criteria=3)
    judge = UserFactory()
    first = assign(round=round, judge=judge)
    client.force_login(judge)
    url = reverse("judging:review-edit", kwargs={"assignment_id": first.pk})
    client.get(url)  # creates the review

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(8):
        assign(round=round, judge=judge)
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(small) == len(large)


def test_review_submit_view_copes_with_a_percent_sign_in_a_criterion_name(client, assignment):
    criterion = assignment.round.criteria.last()
    criterion.name_en = "Impact (50%)"
    criterion.save()
    client.force_login(assignment.judge)
    url = reverse("judging:review-submit", kwargs={"assignment_id": assignment.pk})

    response = client.post(url, post_data(assignment.round, 4, ""))

    assert response.status_code == 422
    assert "Impact (50%): a score is required." in response.content.decode()


def test_dashboard_links_to_the_conflict_page(client):
    judge = assign(round=judged_round()).judge
    client.force_login(judge)

    page = client.get(URL).content.decode()

    assert f'href="{reverse("judging:conflict-declare")}"' in page


def _board_world():
    """A judge with one submitted, one drafted and one untouched assignment (in that order of
    creation), and the entries' titles as the jury reads them."""
    round = judged_round()
    judge = UserFactory()
    done = assign(round=round, judge=judge, title="Done idea")
    ReviewFactory(assignment=done, status=ReviewStatus.SUBMITTED)
    drafted = assign(round=round, judge=judge, title="Drafted idea")
    ReviewFactory(assignment=drafted)
    untouched = assign(round=round, judge=judge, title="Untouched idea")
    return judge, done, drafted, untouched


def test_dashboard_lists_work_in_progress_first_then_not_started_then_done(client):
    judge, done, drafted, untouched = _board_world()
    client.force_login(judge)

    response = client.get(URL)

    board = response.context["board"]
    assert [r.pk for r in board.rows] == [drafted.pk, untouched.pk, done.pk]
    assert [r.state for r in board.rows] == ["draft", "new", "submitted"]
    assert board.counts == {"draft": 1, "new": 1, "submitted": 1}


def test_dashboard_filters_by_state_with_a_count_per_state(client):
    judge, done, drafted, untouched = _board_world()
    client.force_login(judge)

    response = client.get(URL, {"state": "new"})

    body = response.content.decode()
    assert [r.pk for r in response.context["board"].rows] == [untouched.pk]
    assert "Untouched idea" in body and "Drafted idea" not in body
    badge = '<span class="badge text-bg-light border">1</span>'
    assert f'href="?state=draft">In progress {badge}' in body


def test_dashboard_row_links_are_the_review_pages(client):
    judge, done, drafted, untouched = _board_world()
    client.force_login(judge)

    body = client.get(URL).content.decode()

    for assignment in (done, drafted, untouched):
        assert f'href="{reverse("judging:review-edit", args=[assignment.pk])}"' in body


def test_dashboard_pages_by_fifty(client):
    round = judged_round()
    judge = UserFactory()
    assignments = [assign(round=round, judge=judge) for _ in range(51)]
    client.force_login(judge)

    first = client.get(URL)
    second = client.get(URL, {"page": "2"})
    beyond = client.get(URL, {"page": "9"})

    assert len(first.context["board"].rows) == 50
    assert [r.pk for r in second.context["board"].rows] == [
        a.pk for a in sorted(assignments, key=lambda a: (a.entry.reference, a.entry_id))
    ][50:]
    assert "Page 2 of 2" in second.content.decode()
    assert beyond.context["board"].page == 2


def test_dashboard_second_page_runs_as_many_queries_as_the_first(client):
    round = judged_round()
    judge = UserFactory()
    for _ in range(51):
        assign(round=round, judge=judge)
    client.force_login(judge)
    client.get(URL)
    caches_cleared(client)  # both pages read from the database, not from the cache

    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        client.get(URL, {"page": "2", "state": "new"})

    # Session, user, the rounds with their revisions, counts per round and state, the page's
    # rows, the discussion panel's fingerprint (nothing more when no discussion has started).
    expected = 5 + session_queries()
    assert (len(first), len(second)) == (expected, expected)


def test_dashboard_keeps_an_entry_another_judge_is_conflicted_on(client):
    round = judged_round()
    judge, other = UserFactory(), UserFactory()
    mine = assign(round=round, judge=judge, title="Shared idea")
    assign(round=round, judge=other, entry=mine.entry)
    conflict(judge=other, entry=mine.entry)
    conflict(judge=judge, entry=mine.entry, status=ConflictStatus.DISMISSED)
    client.force_login(judge)

    response = client.get(URL)

    assert [r.pk for r in response.context["board"].rows] == [mine.pk]
