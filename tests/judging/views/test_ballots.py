import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from judging.enums import ReviewStatus, RoundMode
from judging.models import PairComparison, RankPlace, Review, ScreeningVote
from tests.factories import JuryMemberFactory, UserFactory
from tests.judging.builders import assign, conflict, judged_round

pytestmark = pytest.mark.django_db


def _round(mode, *, entries=3, **fields):
    round = judged_round(criteria=0, mode=mode, **fields)
    judge = UserFactory()
    assignments = [assign(round=round, judge=judge, title=f"Idea {n}") for n in range(entries)]
    return round, judge, assignments


def _edit(round):
    return reverse("judging:ballot-edit", kwargs={"round_id": round.pk})


def test_dashboard_links_to_the_rounds_own_page(client):
    round, judge, _ = _round(RoundMode.RANKING)
    client.force_login(judge)

    body = client.get(reverse("judging:dashboard")).content.decode()

    assert _edit(round) in body
    assert "Rank your entries" in body


def test_screening_page_lists_every_entry_with_radio_buttons(client, django_assert_max_num_queries):
    round, judge, assignments = _round(RoundMode.SCREENING, entries=5)
    client.force_login(judge)

    with django_assert_max_num_queries(14):
        response = client.get(_edit(round))

    body = response.content.decode()
    assert response.status_code == 200
    for n in range(5):
        assert f"Idea {n}" in body
    assert body.count('type="radio"') == 15
    assert f'name="a{assignments[0].pk}-answer"' in body


def test_screening_page_query_count_does_not_grow_with_entries(
    client, django_assert_max_num_queries
):
    round, judge, _ = _round(RoundMode.SCREENING, entries=20)
    client.force_login(judge)

    with django_assert_max_num_queries(14):
        assert client.get(_edit(round)).status_code == 200


def test_screening_autosave_by_htmx_answers_a_status_fragment(client):
    round, judge, assignments = _round(RoundMode.SCREENING)
    client.force_login(judge)
    url = reverse("judging:screening-answer", kwargs={"assignment_id": assignments[0].pk})
    prefix = f"a{assignments[0].pk}"

    response = client.post(
        url, {f"{prefix}-answer": "maybe", f"{prefix}-reason": "Early"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    vote = ScreeningVote.objects.get()
    assert (vote.answer, vote.reason) == ("maybe", "Early")


def test_screening_answer_without_javascript_redirects_back_and_bad_answer_is_422(client):
    round, judge, assignments = _round(RoundMode.SCREENING)
    client.force_login(judge)
    url = reverse("judging:screening-answer", kwargs={"assignment_id": assignments[1].pk})
    prefix = f"a{assignments[1].pk}"

    response = client.post(url, {f"{prefix}-answer": "yes"})
    assert response.status_code == 302
    assert response.url == f"{_edit(round)}#entry-{assignments[1].pk}"

    response = client.post(url, {f"{prefix}-answer": "perhaps"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422


def test_screening_submit_locks_the_answers(client):
    round, judge, assignments = _round(RoundMode.SCREENING, entries=2)
    client.force_login(judge)
    for a in assignments:
        client.post(
            reverse("judging:screening-answer", kwargs={"assignment_id": a.pk}),
            {f"a{a.pk}-answer": "no"},
        )

    response = client.post(reverse("judging:screening-submit", kwargs={"round_id": round.pk}))

    assert response.status_code == 302
    assert Review.objects.filter(status=ReviewStatus.SUBMITTED).count() == 2
    assert "You have submitted your part" in client.get(_edit(round)).content.decode()


def test_ballot_pages_are_404_for_other_people_and_rubric_rounds(client):
    round, _judge, _ = _round(RoundMode.SCREENING)
    rubric, rubric_judge, _ = _round(RoundMode.RUBRIC)
    chair = JuryMemberFactory(category=round.category, role="chair").user

    client.force_login(UserFactory())
    assert client.get(_edit(round)).status_code == 404
    client.force_login(chair)
    assert client.get(_edit(round)).status_code == 404
    client.force_login(rubric_judge)
    assert client.get(_edit(rubric)).status_code == 404


def test_conflicted_entry_is_left_off_the_page(client):
    round, judge, assignments = _round(RoundMode.SCREENING)
    conflict(judge=judge, entry=assignments[0].entry)
    client.force_login(judge)

    body = client.get(_edit(round)).content.decode()

    assert "Idea 0" not in body and "Idea 1" in body
    url = reverse("judging:screening-answer", kwargs={"assignment_id": assignments[0].pk})
    assert client.post(url, {f"a{assignments[0].pk}-answer": "yes"}).status_code == 404


def test_ranking_page_is_a_numbered_form_that_saves_and_submits(client):
    round, judge, assignments = _round(RoundMode.RANKING)
    client.force_login(judge)
    body = client.get(_edit(round)).content.decode()
    assert body.count('class="form-control rank-input') == 3
    assert "laurel/ranking.js" in body
    url = reverse("judging:ranking-save", kwargs={"round_id": round.pk})
    ranks = {f"rank_{a.pk}": str(r) for a, r in zip(assignments, (2, 1, 2), strict=True)}

    assert client.post(url, ranks).status_code == 302
    assert RankPlace.objects.count() == 3
    assert client.post(url, {**ranks, "submit": ""}).status_code == 302

    assert Review.objects.filter(status=ReviewStatus.SUBMITTED).count() == 3


def test_ranking_over_the_limit_is_shown_with_the_message(client):
    round, judge, assignments = _round(RoundMode.RANKING, ranking_limit=1)
    client.force_login(judge)
    url = reverse("judging:ranking-save", kwargs={"round_id": round.pk})

    response = client.post(
        url, {f"rank_{assignments[0].pk}": "1", f"rank_{assignments[1].pk}": "2"}
    )

    assert response.status_code == 422
    assert "Rank at most 1 entries." in response.content.decode()
    assert RankPlace.objects.count() == 0


def test_pairwise_page_shows_a_pair_and_records_the_answer(client):
    round, judge, _ = _round(RoundMode.PAIRWISE, comparisons_per_entry=1)  # 2 comparisons
    client.force_login(judge)

    body = client.get(_edit(round)).content.decode()
    comparison = PairComparison.objects.get()
    assert "The first is better" in body and "Equal" in body
    assert "0 of 2 comparisons made" in body

    url = reverse("judging:pair-answer", kwargs={"pk": comparison.pk})
    assert client.post(url, {"outcome": "equal"}).status_code == 302
    comparison.refresh_from_db()
    assert comparison.outcome == "equal"
    assert "1 of 2 comparisons made" in client.get(_edit(round)).content.decode()


def test_pair_answer_of_another_judge_is_404(client):
    round, judge, _ = _round(RoundMode.PAIRWISE)
    client.force_login(judge)
    client.get(_edit(round))
    comparison = PairComparison.objects.get()

    client.force_login(UserFactory())
    url = reverse("judging:pair-answer", kwargs={"pk": comparison.pk})
    assert client.post(url, {"outcome": "first"}).status_code == 404
    comparison.refresh_from_db()
    assert comparison.outcome == ""


def test_entry_page_in_a_ballot_round_shows_the_entry_without_a_rubric(client):
    round, judge, assignments = _round(RoundMode.PAIRWISE)
    client.force_login(judge)

    response = client.get(
        reverse("judging:review-edit", kwargs={"assignment_id": assignments[0].pk})
    )

    assert response.status_code == 200
    assert "Back to judging" in response.content.decode()
    assert "Submit review" not in response.content.decode()


def test_chair_results_and_export_of_a_screening_round(client):
    round, judge, assignments = _round(RoundMode.SCREENING, entries=2)
    for a, answer in zip(assignments, ("yes", "no"), strict=True):
        ScreeningVote.objects.create(assignment=a, answer=answer, reason="Because")
        Review.objects.create(assignment=a, status=ReviewStatus.SUBMITTED)
    chair = JuryMemberFactory(category=round.category, role="chair").user
    client.force_login(chair)

    results = client.get(reverse("judging:round-results", kwargs={"round_id": round.pk}))
    assert results.status_code == 302
    response = client.get(results.url)
    assert response.status_code == 200
    assert [r["yes_share"] for r in response.context["result"]["entries"]] == [1.0, 0.0]

    export = client.get(reverse("judging:ballot-export", kwargs={"round_id": round.pk}))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "judge,judge_name,entry,title,answer,reason"
    assert lines[1].endswith(",Idea 0,yes,Because")


def test_ranking_export_reads_back_with_analyse_rankings(client, tmp_path):
    round, judge, assignments = _round(RoundMode.RANKING)
    for a, rank in zip(assignments, (1, 3, 2), strict=True):
        RankPlace.objects.create(assignment=a, rank=rank)
        Review.objects.create(assignment=a, status=ReviewStatus.SUBMITTED)
    client.force_login(JuryMemberFactory(category=round.category, role="chair").user)

    export = client.get(reverse("judging:ballot-export", kwargs={"round_id": round.pk}))
    path = tmp_path / "ballots.csv"
    path.write_bytes(export.content)
    out = io.StringIO()
    call_command("analyse_rankings", str(path), "--method", "borda", "--format", "csv", stdout=out)

    refs = [a.entry.reference for a in assignments]
    assert out.getvalue().splitlines()[1:] == [f"1,{refs[0]},2", f"2,{refs[2]},1", f"3,{refs[1]},0"]


def test_ballot_results_are_404_for_judges_and_in_rubric_rounds(client):
    round, judge, _ = _round(RoundMode.PAIRWISE)
    rubric, _j, _ = _round(RoundMode.RUBRIC)
    client.force_login(judge)
    assert (
        client.get(reverse("judging:ballot-results", kwargs={"round_id": round.pk})).status_code
        == 404
    )
    client.force_login(JuryMemberFactory(category=rubric.category, role="chair").user)
    assert (
        client.get(reverse("judging:ballot-results", kwargs={"round_id": rubric.pk})).status_code
        == 404
    )


def test_chair_records_a_decision_on_a_closed_screening_round_with_a_snapshot(client):
    from judging.models import Decision

    round, judge, assignments = _round(RoundMode.SCREENING, entries=2, status="closed")
    for a, answer in zip(assignments, ("yes", "no"), strict=True):
        ScreeningVote.objects.create(assignment=a, answer=answer)
        Review.objects.create(assignment=a, status=ReviewStatus.SUBMITTED)
    client.force_login(JuryMemberFactory(category=round.category, role="chair").user)
    url = reverse("judging:ballot-results", kwargs={"round_id": round.pk})

    response = client.post(
        url, {"entries": [assignments[0].entry_id], "outcome": "winner", "reason": "Clear yes"}
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.entry_id, decision.outcome) == (assignments[0].entry_id, "winner")
    assert decision.snapshot.method == "screening"
    assert [r["yes_share"] for r in decision.snapshot.table["entries"]] == [1.0, 0.0]
    assert "Winner" in client.get(url).content.decode()


def test_decision_refused_while_the_round_is_open(client):
    round, _judge, assignments = _round(RoundMode.RANKING, entries=1)
    client.force_login(JuryMemberFactory(category=round.category, role="chair").user)
    url = reverse("judging:ballot-results", kwargs={"round_id": round.pk})

    response = client.post(
        url, {"entries": [assignments[0].entry_id], "outcome": "winner", "reason": "x"}
    )

    assert response.status_code == 200
    assert "Decisions can be recorded once the round is closed." in response.content.decode()


@pytest.mark.parametrize("entries", [3, 15])
def test_ranking_page_query_count_is_constant(client, django_assert_max_num_queries, entries):
    round, judge, _ = _round(RoundMode.RANKING, entries=entries)
    client.force_login(judge)

    with django_assert_max_num_queries(14):
        assert client.get(_edit(round)).status_code == 200


@pytest.mark.parametrize("entries", [3, 12])
def test_pairwise_results_query_count_is_constant(client, django_assert_max_num_queries, entries):
    round, judge, assignments = _round(RoundMode.PAIRWISE, entries=entries)
    for a, b in zip(assignments, assignments[1:], strict=False):
        PairComparison.objects.create(
            round=round, judge=judge, first=a.entry, second=b.entry, outcome="first"
        )
    client.force_login(JuryMemberFactory(category=round.category, role="chair").user)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("judging:ballot-results", kwargs={"round_id": round.pk}))

    assert response.status_code == 200
    assert len(response.context["result"]["entries"]) == entries
