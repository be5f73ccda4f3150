"""The results page's parts added for issues 11, 14 and 17: what it shows and how it reads."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from judging.enums import JuryRole
from judging.models import Decision, Score
from tests.factories import CriterionFactory, JuryMemberFactory, RoundFactory, UserFactory
from tests.judging.builders import assign
from tests.judging.selectors.test_results import review
from tests.judging.views.test_results import chair, close, results_url, scored  # noqa: F401

pytestmark = pytest.mark.django_db


def test_round_results_decision_form_preselects_no_outcome(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    close(round)
    client.force_login(chair)

    content = client.get(results_url(round)).content.decode()

    assert '<option value="">Choose…</option>' in content
    assert " selected>" not in content.split('name="outcome"')[1].split("</select>")[0]


def test_round_results_scroll_regions_are_named_and_focusable(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    content = client.get(results_url(round)).content.decode()

    assert content.count('tabindex="0" role="region" aria-label="') == 4
    assert 'class="alert-link" href="' in content


def test_round_results_ranks_by_shrunk_offsets_by_default_with_intervals(client, scored, chair):  # noqa: F811
    round, _judges, entries = scored
    client.force_login(chair)

    response = client.get(results_url(round))

    assert response.context["method"] == "shrunk"
    first = response.context["view"].rows[0]
    assert first["reference"] == entries["First"].reference
    assert first["calibrated"] == first["shrunk"]
    assert first["score_low"] < first["score"] < first["score_high"]
    content = response.content.decode()
    assert '<option value="shrunk" selected>' in content
    assert f"{first['score_low']:.2f}–{first['score_high']:.2f}" in content


def test_round_results_offers_every_method_and_switches(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    methods = [key for key, _label in client.get(results_url(round)).context["methods"]]
    response = client.get(results_url(round, method="offset"))

    assert methods == ["shrunk", "mean", "zscore", "offset"]
    assert response.context["view"].result["method"] == "offset"
    assert all(row["calibrated"] == row["offset"] for row in response.context["view"].rows)


def test_round_results_says_what_reliability_means_and_gives_the_verdict(client, scored, chair):  # noqa: F811
    round, _judges, entries = scored
    client.force_login(chair)

    response = client.get(results_url(round))

    sentence = response.context["reliability_sentence"]
    assert sentence.startswith("With 3.0 reviews per entry, ")
    assert "reliability." in sentence
    verdict = response.context["verdict"]
    assert verdict[0] == (
        f"The winner ({entries['First'].reference}) is the same in 6 of 6 variants "
        "(each judge left out, each other ranking method)."
    )
    assert response.context["places"]["summary"] == (
        "Top 10: 3 of 3 places are the same in every variant."
    )
    assert "Place settled" in response.content.decode()


def test_round_results_in_swedish_uses_decimal_commas_and_swedish_words(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    response = client.get("/sv" + results_url(round))

    sentence = response.context["reliability_sentence"]
    assert sentence.startswith("Med 3,0 bedömningar per bidrag speglar ")
    assert response.context["verdict"][0].startswith("Vinnaren (")
    first = response.context["view"].rows[0]
    assert f"{first['score_low']:.2f}".replace(".", ",") in response.content.decode()


def test_round_results_what_if_leaves_a_judge_out_and_the_snapshot_records_it(
    client,
    scored,  # noqa: F811
    chair,  # noqa: F811
):
    round, judges, entries = scored
    close(round)
    client.force_login(chair)
    ada = judges[0]

    response = client.get(results_url(round, without=ada.pk))

    assert response.context["view"].result["excluded_judges"] == [ada.pk]
    assert [j["judge"] for j in response.context["view"].judges] == [judges[1].pk, judges[2].pk]
    assert all(row["reviews"] == 2 for row in response.context["view"].rows)
    assert "the ranking as if Ada had not taken part" in response.content.decode()

    posted = client.post(
        results_url(round, without=ada.pk),
        {"entries": [entries["First"].pk], "outcome": "advance", "reason": "Without Ada too."},
    )

    assert posted.status_code == 302
    assert posted.url == results_url(round, method="shrunk", top=10, without=ada.pk)
    snapshot = Decision.objects.get().snapshot
    assert snapshot.parameters["without_judges"] == [ada.pk]
    assert snapshot.table["excluded_judges"] == [ada.pk]
    page = client.get(
        reverse("judging:results-snapshot-detail", kwargs={"round_id": round.pk, "pk": snapshot.pk})
    )
    assert page.context["without_names"] == ["Ada"]


def test_round_results_what_if_ignores_people_who_are_not_judges_of_the_round(
    client,
    scored,  # noqa: F811
    chair,  # noqa: F811
):
    round, _judges, _entries = scored
    client.force_login(chair)

    response = client.get(results_url(round, without=chair.pk))

    assert response.context["without"] == ()
    assert response.context["view"].result["excluded_judges"] == []


def test_round_results_steers_from_unsafe_zscores_to_the_safe_method(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    response = client.get(results_url(round, method="zscore"))

    unsafe = [w for w in response.context["view"].warnings if w["code"] == "method_unsafe"]
    assert unsafe[0]["text"] == (
        "Ranking by z-scores can be worse than raw means in this round (most judges reviewed "
        "fewer than 10 entries); shrunk judge offsets are safe in rounds like this."
    )
    assert 'href="?method=shrunk&amp;top=10">Rank by shrunk judge offsets</a>' in (
        response.content.decode()
    )


def test_round_results_judges_table_shows_the_few_reviews_warning(client, scored, chair):  # noqa: F811
    round, _judges, _entries = scored
    client.force_login(chair)

    judges = client.get(results_url(round)).context["view"].judges

    assert judges[0]["flags"] == ["Too few reviews to measure this judge's leniency (3 of 5)."]
    # Three shared entries are too few for an interval of the agreement (four at least).
    assert judges[0]["agreement_low"] is None


def round_of(count, *, chair):  # noqa: F811
    round = RoundFactory(reviews_per_entry=1)
    JuryMemberFactory(category=round.category, role=JuryRole.CHAIR, user=chair)
    CriterionFactory(round=round, position=0)
    judge = UserFactory()
    for n in range(count):
        review(assign(round=round, judge=judge, title=f"Idea {n}"), (1 + n % 5,))
    return round


def test_round_results_pages_the_ranking_and_shows_all_of_a_small_round(client):
    person = UserFactory()
    round = round_of(52, chair=person)
    client.force_login(person)

    first = client.get(results_url(round))
    second = client.get(results_url(round, page=2))
    everything = client.get(results_url(round, page="all"))

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 2
    assert len(everything.context["page"].object_list) == 52
    assert "Show all 52 entries" in first.content.decode()
    assert 'name="page" id="id_page"' in first.content.decode()
    # Only the ticked entries' checkboxes are on the page: those of the page shown.
    assert first.content.decode().count('name="entries"') == 0  # the round is open


def test_round_results_warm_page_reads_no_score_and_keeps_its_query_count(client):
    person = UserFactory()
    small, large = round_of(3, chair=person), round_of(60, chair=person)
    client.force_login(person)

    counts, score_reads = [], []
    for round in (small, large):
        client.get(results_url(round))  # the first view analyses and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(results_url(round)).status_code == 200
        counts.append(len(queries))
        score_reads.append(sum('"judging_score"' in q["sql"] for q in queries.captured_queries))

    assert counts[0] == counts[1]
    assert score_reads == [0, 0]


def test_round_results_after_a_score_change_shows_the_new_analysis(client, scored, chair):  # noqa: F811
    round, _judges, entries = scored
    client.force_login(chair)
    before = client.get(results_url(round, method="mean")).context["view"].rows[0]

    Score.objects.filter(review__assignment__entry=entries["First"]).update(value=Decimal(1))
    after = client.get(results_url(round, method="mean")).context["view"]

    assert before["reference"] == entries["First"].reference
    assert [row["reference"] for row in after.rows][-1] == entries["First"].reference
    assert after.rows[2]["mean"] == 1.0


def test_round_results_draws_the_cut_where_the_round_says_unless_the_chair_picks(
    client,
    scored,  # noqa: F811
    chair,  # noqa: F811
):
    round, _judges, _entries = scored
    round.advance_count = 2
    round.save(update_fields=["advance_count"])
    close(round)
    client.force_login(chair)

    default = client.get(results_url(round))
    chosen = client.get(results_url(round), {"top": "1"})

    assert (default.context["top_n"], chosen.context["top_n"]) == (2, 1)
