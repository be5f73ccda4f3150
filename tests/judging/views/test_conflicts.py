"""Conflicts of interest: detection from affiliations, declarations, the chair's decisions, and
enforcement wherever a judge meets an entry."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from judging.access import assignments_for_judge
from judging.enums import ConflictSource, ConflictStatus, JuryRole
from judging.models import Assignment, Conflict
from tests.factories import (
    AssignmentFactory,
    CategoryFactory,
    ConflictFactory,
    JuryMemberFactory,
    RoundFactory,
    UserFactory,
)
from tests.judging.builders import submitted


@pytest.fixture
def panel(db):
    category = CategoryFactory()
    round = RoundFactory(category=category)
    judge = JuryMemberFactory(category=category).user
    chair = JuryMemberFactory(category=category, role=JuryRole.CHAIR).user
    owner = UserFactory(
        email="sally@gmail.com", display_name="Sally Sow", organisation="Turn UP Research"
    )
    entry = submitted(
        category,
        owner=owner,
        title="Turn UP",
        pitch="Local music events for everyone.",
        organisation="Turn UP Research",
    )
    return {"category": category, "round": round, "judge": judge, "chair": chair, "entry": entry}


def test_conflict_declare_page_shows_title_and_pitch_only(client, panel):
    client.force_login(panel["judge"])

    response = client.get(reverse("judging:conflict-declare"))

    page = response.content.decode()
    assert response.status_code == 200
    assert ("Turn UP" in page, "Local music events for everyone." in page) == (True, True)
    assert ("Sally Sow" in page, "Turn UP Research" in page) == (False, False)


def test_conflict_declare_bars_the_judge_everywhere(client, panel):
    assignment = AssignmentFactory(round=panel["round"], entry=panel["entry"], judge=panel["judge"])
    client.force_login(panel["judge"])

    response = client.post(
        reverse("judging:conflict-declare"),
        {"entry": panel["entry"].pk, f"e{panel['entry'].pk}-kind": "personal"},
    )

    conflict = Conflict.objects.get()
    assert response.status_code == 302
    assert (conflict.status, conflict.source, conflict.kind) == (
        ConflictStatus.CONFIRMED,
        ConflictSource.DECLARED,
        "personal",
    )
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert list(assignments_for_judge(judge=panel["judge"])) == []
    assert client.get(reverse("judging:conflict-declare")).context["groups"] == []
    assert AuditEvent.objects.filter(action="conflict.declare").count() == 1


def test_conflict_declare_shows_errors_next_to_the_field(client, panel):
    client.force_login(panel["judge"])

    response = client.post(
        reverse("judging:conflict-declare"),
        {"entry": panel["entry"].pk, f"e{panel['entry'].pk}-kind": "bribery"},
    )

    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert Conflict.objects.count() == 0


def test_conflict_declare_is_404_outside_the_jury_and_for_other_categories(client, panel):
    foreign = submitted(CategoryFactory())
    client.force_login(UserFactory())
    outsider = client.get(reverse("judging:conflict-declare")).status_code
    client.force_login(panel["judge"])

    response = client.post(
        reverse("judging:conflict-declare"), {"entry": foreign.pk, f"e{foreign.pk}-kind": "other"}
    )

    assert (outsider, response.status_code) == (404, 404)
    assert Conflict.objects.count() == 0


def test_conflict_declare_query_count_does_not_grow_with_entries(client, panel):
    client.force_login(panel["judge"])
    url = reverse("judging:conflict-declare")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(6):
        submitted(panel["category"])

    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(large) == len(small)


def test_conflict_list_shows_flags_to_the_chair(client, panel):
    ConflictFactory(
        entry=panel["entry"],
        judge=panel["judge"],
        status=ConflictStatus.FLAGGED,
        source=ConflictSource.AUTOMATIC,
        note="same organisation: turn up research",
    )
    client.force_login(panel["chair"])

    response = client.get(reverse("judging:conflict-list", args=[panel["category"].pk]))

    assert response.status_code == 200
    assert "same organisation: turn up research" in response.content.decode()
    assert len(response.context["flagged"]) == 1


def test_conflict_list_is_404_for_a_judge(client, panel):
    client.force_login(panel["judge"])

    response = client.get(reverse("judging:conflict-list", args=[panel["category"].pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("decision", "status"), [("confirm", "confirmed"), ("dismiss", "dismissed")]
)
def test_conflict_resolve_by_chair(client, panel, decision, status):
    conflict = ConflictFactory(
        entry=panel["entry"], judge=panel["judge"], status=ConflictStatus.FLAGGED
    )
    AssignmentFactory(round=panel["round"], entry=panel["entry"], judge=panel["judge"])
    client.force_login(panel["chair"])

    client.post(reverse("judging:conflict-resolve", args=[conflict.pk]), {"decision": decision})

    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_by) == (status, panel["chair"])
    assert Assignment.objects.count() == (0 if decision == "confirm" else 1)
    assert AuditEvent.objects.filter(action=f"conflict.{decision}").count() == 1


def test_conflict_resolve_is_404_for_another_categorys_chair(client, panel):
    conflict = ConflictFactory(
        entry=panel["entry"], judge=panel["judge"], status=ConflictStatus.FLAGGED
    )
    client.force_login(JuryMemberFactory(role=JuryRole.CHAIR).user)

    response = client.post(
        reverse("judging:conflict-resolve", args=[conflict.pk]), {"decision": "dismiss"}
    )

    conflict.refresh_from_db()
    assert (response.status_code, conflict.status) == (404, ConflictStatus.FLAGGED)


def test_conflict_add_by_chair(client, panel):
    client.force_login(panel["chair"])

    response = client.post(
        reverse("judging:conflict-list", args=[panel["category"].pk]),
        {"entry": panel["entry"].pk, "judge": panel["judge"].pk, "kind": "financial", "note": ""},
    )

    assert response.status_code == 302
    assert list(Conflict.objects.values_list("source", "status", "kind")) == [
        (ConflictSource.CHAIR, ConflictStatus.CONFIRMED, "financial")
    ]


def test_conflict_check_flags_from_the_chairs_page(client, panel):
    panel["judge"].organisation = "Turn UP Research AB"
    panel["judge"].save()
    client.force_login(panel["chair"])

    client.post(reverse("judging:conflict-check", args=[panel["category"].pk]))

    assert list(Conflict.objects.values_list("judge_id", "status")) == [
        (panel["judge"].pk, ConflictStatus.FLAGGED)
    ]


def test_conflict_list_hides_the_chairs_own_conflicted_entry(client, panel):
    ConflictFactory(entry=panel["entry"], judge=panel["chair"])
    ConflictFactory(entry=panel["entry"], judge=panel["judge"], status=ConflictStatus.FLAGGED)
    client.force_login(panel["chair"])

    response = client.get(reverse("judging:conflict-list", args=[panel["category"].pk]))

    assert "Turn UP" not in response.content.decode()


def test_conflict_check_is_404_for_a_judge(client, panel):
    panel["judge"].organisation = "Turn UP Research"
    panel["judge"].save()
    client.force_login(panel["judge"])

    response = client.post(reverse("judging:conflict-check", args=[panel["category"].pk]))

    assert (response.status_code, Conflict.objects.count()) == (404, 0)


@pytest.mark.django_db
def test_conflict_page_groups_entries_by_award_and_category(client):
    judge = UserFactory()
    idea = CategoryFactory(name_en="IDEA", edition__award__name_en="Flemingsberg Science Award")
    tech = CategoryFactory(name_en="TECH", edition__award__name_en="KTH Innovation Award")
    for category in (idea, tech):
        JuryMemberFactory(category=category, user=judge)
        submitted(category, title=f"Idea in {category.name_en}")
    client.force_login(judge)

    page = client.get(reverse("judging:conflict-declare")).content.decode()

    headings = re.findall(r'<h2 class="h4"[^>]*>([^<]*)</h2>', page)
    assert [h.split(" · ")[1] for h in headings] == ["IDEA", "TECH"]
    assert headings[0].startswith("Flemingsberg Science Award ")
    assert page.index("Idea in IDEA") < page.index(headings[1]) < page.index("Idea in TECH")
