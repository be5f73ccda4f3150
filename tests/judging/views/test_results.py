import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from judging.enums import DecisionOutcome, JuryRole, RoundStatus
from judging.models import Decision, Score
from judging.services.decisions import decision_record
from tests.factories import (
    AwardOrganiserFactory,
    CriterionFactory,
    JuryMemberFactory,
    RoundFactory,
    UserFactory,
)
from tests.judging.builders import assign, conflict
from tests.judging.selectors.test_results import review, small_round

pytestmark = pytest.mark.django_db


def results_url(round, **query):
    url = reverse("judging:round-results", kwargs={"round_id": round.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export_url(round, what, fmt):
    return reverse(f"judging:round-{what}-export", kwargs={"round_id": round.pk, "fmt": fmt})


@pytest.fixture
def scored():
    round, judges, entries = small_round()
    RoundFactory(category=round.category, position=round.position + 1, name_en="Final")
    return round, judges, entries


@pytest.fixture
def chair(scored):
    round, _judges, _entries = scored
    return JuryMemberFactory(category=round.category, role=JuryRole.CHAIR).user


def close(round):
    round.status = RoundStatus.CLOSED
    round.save()


def test_round_results_shows_the_ranking_to_the_chair(client, scored, chair):
    round, _judges, entries = scored
    client.force_login(chair)

    response = client.get(results_url(round))

    assert response.status_code == 200
    rows = [
        (row["reference"], row["rank"], row["reviews"]) for row in response.context["view"].rows
    ]
    assert rows == [
        (entries["First"].reference, 1, 3),
        (entries["Third"].reference, 2, 3),
        (entries["Second"].reference, 3, 3),
    ]
    assert response.context["reading"].startswith("Judges ")
    content = response.content.decode()
    assert content.count("<h1>") == 1
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="results-chart" role="img"' in content
    assert "style=" not in content


def test_round_results_method_switch_ranks_by_the_chosen_score(client, scored, chair):
    round, _judges, _entries = scored
    client.force_login(chair)

    response = client.get(results_url(round, method="offset", top=2))

    assert response.context["method"] == "offset"
    assert response.context["view"].result["top_n"] == 2
    assert [row["calibrated"] for row in response.context["view"].rows] == [
        row["offset"] for row in response.context["view"].rows
    ]


def test_round_results_is_404_for_judges_entrants_other_chairs_and_anonymous(
    client, settings, scored
):
    settings.LAUREL_REQUIRE_STAFF_MFA = False  # staff without the permission: 404, not MFA
    round, (ada, _bo, _cy), entries = scored
    JuryMemberFactory(category=round.category, role=JuryRole.JUDGE, user=ada)
    entrant = entries["First"].owner
    other_chair = JuryMemberFactory(role=JuryRole.CHAIR).user

    assert client.get(results_url(round)).status_code == 404
    for user in (ada, entrant, other_chair, UserFactory(is_staff=True)):
        client.force_login(user)
        assert client.get(results_url(round)).status_code == 404
        assert client.get(export_url(round, "scores", "csv")).status_code == 404


def test_round_results_open_to_organisers_with_the_permission(client, settings, scored):
    settings.LAUREL_REQUIRE_STAFF_MFA = False  # MFA has tests of its own
    round, _judges, _entries = scored
    organiser = UserFactory(is_staff=True)
    organiser.user_permissions.add(Permission.objects.get(codename="change_round"))
    AwardOrganiserFactory(award=round.category.edition.award, user=organiser)
    client.force_login(organiser)

    response = client.get(results_url(round))

    assert response.status_code == 200
    assert len(response.context["view"].rows) == 3


def test_round_results_hides_the_chairs_conflicted_entries(client, scored, chair):
    round, _judges, entries = scored
    conflict(judge=chair, entry=entries["First"])
    client.force_login(chair)

    response = client.get(results_url(round))

    assert [row["reference"] for row in response.context["view"].rows] == [
        entries["Third"].reference,
        entries["Second"].reference,
    ]
    content = response.content.decode()
    assert "1 entry hidden because of your conflicts" in content
    assert entries["First"].reference not in content
    assert "First" not in content


def test_round_results_post_records_the_decision_for_ticked_entries(client, scored, chair):
    round, _judges, entries = scored
    close(round)
    client.force_login(chair)

    response = client.post(
        results_url(round, method="zscore", top=2),
        {
            "entries": [entries["First"].pk, entries["Third"].pk],
            "outcome": "advance",
            "reason": "The two strongest.",
        },
    )

    assert response.status_code == 302
    assert response.url == results_url(round, method="zscore", top=2)
    decisions = sorted(Decision.objects.values_list("entry_id", "outcome", "snapshot__method"))
    assert decisions == sorted(
        [
            (entries["First"].pk, "advance", "zscore"),
            (entries["Third"].pk, "advance", "zscore"),
        ]
    )


def test_round_results_post_without_reason_keeps_the_choices_and_says_why(client, scored, chair):
    round, _judges, entries = scored
    close(round)
    client.force_login(chair)

    response = client.post(
        results_url(round), {"entries": [entries["Third"].pk], "outcome": "eliminate"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give a reason for the decision."]}
    content = response.content.decode()
    third = entries["Third"].pk
    assert f'value="{third}" id="pick-{third}" form="decision-form" checked' in content
    assert '<option value="eliminate" selected>' in content
    assert Decision.objects.count() == 0


def test_round_results_post_on_a_hidden_entry_records_nothing(client, scored, chair):
    round, _judges, entries = scored
    close(round)
    conflict(judge=chair, entry=entries["First"])
    client.force_login(chair)

    response = client.post(
        results_url(round),
        {"entries": [entries["First"].pk], "outcome": "advance", "reason": "Mine."},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["entries"]
    assert Decision.objects.count() == 0


def test_round_results_post_while_the_round_is_open_is_refused(client, scored, chair):
    round, _judges, entries = scored
    client.force_login(chair)

    response = client.post(
        results_url(round), {"entries": [entries["First"].pk], "outcome": "advance", "reason": "x"}
    )

    assert response.context["form"].non_field_errors() == [
        "Close the round before recording decisions."
    ]
    assert Decision.objects.count() == 0


def test_round_results_warns_when_scores_changed_after_a_decision(client, scored, chair):
    round, _judges, entries = scored
    close(round)
    decision_record(
        round=round,
        entry=entries["Second"],
        outcome=DecisionOutcome.ELIMINATE,
        reason="Lowest.",
        by=chair,
        method="mean",
        parameters={"top_n": 10},
    )
    client.force_login(chair)
    before = client.get(results_url(round))
    Score.objects.filter(review__assignment__entry=entries["Second"]).update(value=Decimal(5))

    after = client.get(results_url(round))

    assert before.context["view"].stale_count == 0
    assert after.context["view"].stale_count == 1
    stale = [row["reference"] for row in after.context["view"].rows if row["stale"]]
    assert stale == [entries["Second"].reference]
    assert "Scores changed since 1 decision was recorded." in after.content.decode()


def test_round_results_query_count_does_not_grow_with_entries(client, chair):
    def build(count):
        round = RoundFactory(reviews_per_entry=2)
        JuryMemberFactory(category=round.category, role=JuryRole.CHAIR, user=chair)
        CriterionFactory(round=round, position=0)
        judges = [UserFactory() for _ in range(2)]
        for n in range(count):
            entry = None
            for judge in judges:
                assignment = assign(round=round, judge=judge, entry=entry, title=f"Idea {n}")
                entry = assignment.entry
                review(assignment, (1 + (n + judge.pk) % 5,))
        Decision.objects.create(
            round=round, entry=entry, outcome="advance", reason="x", decided_by=chair
        )
        return round

    small, large = build(2), build(6)
    client.force_login(chair)

    counts = []
    for round in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(results_url(round)).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_results_csv_export_neutralises_formulas(client, scored, chair):
    round, _judges, entries = scored
    entry = entries["First"]
    entry.versions.update(content={"title": '=HYPERLINK("http://evil")'})
    client.force_login(chair)

    response = client.get(export_url(round, "results", "csv") + "?method=offset")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('results-offset.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:4] == ["Rank", "Entry", "Title", "Reviews"]
    assert rows[1][:4] == ["1", entry.reference, '\'=HYPERLINK("http://evil")', "3"]
    assert [row[1] for row in rows[1:]] == [
        entries["First"].reference,
        entries["Third"].reference,
        entries["Second"].reference,
    ]


def test_results_xlsx_export_keeps_numbers_as_numbers(client, scored, chair):
    round, _judges, entries = scored
    client.force_login(chair)

    response = client.get(export_url(round, "results", "xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == (1, entries["First"].reference, "First", 3, pytest.approx(13 / 3))


def test_scores_export_leaves_out_conflicted_judges_and_the_chairs_hidden_entries(
    client, scored, chair
):
    round, (ada, _bo, _cy), entries = scored
    conflict(judge=ada, entry=entries["Third"])
    conflict(judge=chair, entry=entries["Second"])
    client.force_login(chair)

    response = client.get(export_url(round, "scores", "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[0] == [
        "Entry",
        "Title",
        "Judge id",
        "Judge",
        "Idea (weight 2)",
        "Team (weight 1)",
        "Weighted score",
    ]
    first, third = entries["First"].reference, entries["Third"].reference
    assert [row[:2] + row[3:] for row in rows[1:]] == [
        [first, "First", "Ada", "5", "5", "5"],
        [first, "First", "Bo", "4", "4", "4"],
        [first, "First", "Cy", "5", "2", "4"],
        [third, "Third", "Bo", "3", "3", "3"],
        [third, "Third", "Cy", "4", "4", "4"],
    ]


def test_scores_xlsx_export_for_the_chair(client, scored, chair):
    round, _judges, _entries = scored
    client.force_login(chair)

    response = client.get(export_url(round, "scores", "xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 9  # one row per review


def snapshot_url(decision):
    return reverse(
        "judging:results-snapshot-detail",
        kwargs={"round_id": decision.round_id, "pk": decision.snapshot_id},
    )


def test_results_snapshot_shows_the_frozen_table_and_says_when_scores_changed(
    client, scored, chair
):
    round, _judges, entries = scored
    close(round)
    decision = decision_record(
        round=round,
        entry=entries["Second"],
        outcome=DecisionOutcome.ELIMINATE,
        reason="Lowest.",
        by=chair,
        method="mean",
        parameters={"top_n": 10},
    )
    Score.objects.filter(review__assignment__entry=entries["Second"]).update(value=Decimal(5))
    client.force_login(chair)

    response = client.get(snapshot_url(decision))

    assert response.status_code == 200
    assert response.context["changed"] is True
    frozen = [(row["reference"], row["rank"]) for row in response.context["rows"]]
    assert frozen == [
        (entries["First"].reference, 1),
        (entries["Third"].reference, 2),
        (entries["Second"].reference, 3),
    ]
    assert "Scores have changed since this snapshot was taken." in response.content.decode()


def test_results_snapshot_is_404_for_judges_and_hides_the_viewers_conflicts(
    client, settings, scored, chair
):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    round, (ada, _bo, _cy), entries = scored
    close(round)
    organiser = UserFactory(is_staff=True)
    organiser.user_permissions.add(Permission.objects.get(codename="change_round"))
    AwardOrganiserFactory(award=round.category.edition.award, user=organiser)
    decision = decision_record(
        round=round,
        entry=entries["First"],
        outcome=DecisionOutcome.ADVANCE,
        reason="Best.",
        by=organiser,
        method="mean",
        parameters={"top_n": 10},
    )
    JuryMemberFactory(category=round.category, role=JuryRole.JUDGE, user=ada)
    conflict(judge=chair, entry=entries["Third"])

    client.force_login(ada)
    judge_response = client.get(snapshot_url(decision))
    client.force_login(chair)
    chair_response = client.get(snapshot_url(decision))

    assert judge_response.status_code == 404
    assert [row["reference"] for row in chair_response.context["rows"]] == [
        entries["First"].reference,
        entries["Second"].reference,
    ]
    assert chair_response.context["hidden_count"] == 1
    assert chair_response.context["changed"] is False


def test_results_export_leaves_out_the_chairs_conflicted_entries(client, scored, chair):
    round, _judges, entries = scored
    conflict(judge=chair, entry=entries["Third"])
    client.force_login(chair)

    response = client.get(export_url(round, "results", "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("1", entries["First"].reference),
        ("2", entries["Second"].reference),
    ]
