"""The chair's assignment pages and services: preview, confirm, manual changes, access."""

import itertools

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from judging.enums import ConflictStatus, DecisionOutcome, JuryRole, ReviewStatus
from judging.models import Assignment, Conflict, Decision, RoundEntry
from judging.services.assignments import assignment_plan, assignment_plan_apply
from judging.services.rounds_population import round_entries_populate
from submissions.enums import Eligibility, EntryStatus
from tests.factories import (
    AssignmentFactory,
    AwardOrganiserFactory,
    CategoryFactory,
    ConflictFactory,
    EntryFactory,
    JuryMemberFactory,
    ReviewFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ENTRANTS = itertools.count()


def submitted(category, n, **kwargs):
    entries = []
    for _ in range(n):
        # Entrants on webmail and in another organisation: no affiliation flag with the judges.
        entrant = {
            "owner": UserFactory(email=f"entrant{next(ENTRANTS)}@gmail.com", organisation=""),
            "organisation": "Entrant Lab",
        }
        entry = EntryFactory(
            category=category, status=EntryStatus.SUBMITTED, **{**entrant, **kwargs}
        )
        entry.number = entry.pk
        entry.reference = f"FSA-2026-IDEA-{entry.pk:04d}"
        entry.save(update_fields=["number", "reference"])
        entries.append(entry)
    return entries


@pytest.fixture
def jury():
    """A round wanting 2 reviews per entry, 3 judges, a chair and 4 submitted entries."""
    category = CategoryFactory()
    round = RoundFactory(category=category, reviews_per_entry=2)
    judges = [JuryMemberFactory(category=category).user for _ in range(3)]
    chair = JuryMemberFactory(category=category, role=JuryRole.CHAIR).user
    entries = submitted(category, 4)
    return {
        "category": category,
        "round": round,
        "judges": judges,
        "chair": chair,
        "entries": entries,
    }


def test_assignment_propose_shows_the_plan_without_writing(client, jury):
    client.force_login(jury["chair"])

    response = client.get(reverse("judging:assignment-propose", args=[jury["round"].pk]))

    assert response.status_code == 200
    assert len(response.context["plan"].new_pairs) == 8
    assert "Confirm and assign" in response.content.decode()
    assert Assignment.objects.count() == 0


def test_assignment_confirm_assigns_k_balanced_notifies_and_audits(client, jury):
    client.force_login(jury["chair"])
    preview = client.get(reverse("judging:assignment-propose", args=[jury["round"].pk]))

    response = client.post(
        reverse("judging:assignment-confirm", args=[jury["round"].pk]),
        {"digest": preview.context["plan"].digest},
    )

    assert response.status_code == 302
    per_entry = sorted(Assignment.objects.filter(entry=entry).count() for entry in jury["entries"])
    loads = sorted(Assignment.objects.filter(judge=judge).count() for judge in jury["judges"])
    assert (per_entry, loads) == ([2, 2, 2, 2], [2, 3, 3])
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        judge.email for judge in jury["judges"]
    )
    assert Assignment.objects.filter(notified_at__isnull=True).count() == 0
    assert RoundEntry.objects.filter(round=jury["round"]).count() == 4
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert (actions.count("assignment.create"), actions.count("assignment.auto")) == (8, 1)


def test_assignment_confirm_refuses_a_stale_preview(client, jury):
    client.force_login(jury["chair"])
    digest = assignment_plan(round=jury["round"]).digest
    ConflictFactory(entry=jury["entries"][0], judge=jury["judges"][0])

    response = client.post(
        reverse("judging:assignment-confirm", args=[jury["round"].pk]), {"digest": digest}
    )

    assert response.status_code == 302
    assert response.url == reverse("judging:assignment-propose", args=[jury["round"].pk])
    assert Assignment.objects.count() == 0


def test_assignment_propose_infeasible_says_which_entries_and_why(client, jury):
    jury["round"].reviews_per_entry = 3
    jury["round"].save()
    ConflictFactory(entry=jury["entries"][1], judge=jury["judges"][0])
    JuryMemberFactory(category=jury["category"], active=False)
    client.force_login(jury["chair"])

    response = client.get(reverse("judging:assignment-propose", args=[jury["round"].pk]))

    assert [(entry.pk, reason) for entry, reason in response.context["plan"].shortfalls] == [
        (
            jury["entries"][1].pk,
            "needs 3 more judges; only 2 eligible judges (1 conflicted, 1 inactive)",
        )
    ]
    assert "Confirm and assign" not in response.content.decode()


def test_assignment_plan_treats_a_flag_as_a_conflict(jury):
    ConflictFactory(
        entry=jury["entries"][0], judge=jury["judges"][0], status=ConflictStatus.FLAGGED
    )

    plan = assignment_plan(round=jury["round"])

    assert (jury["entries"][0], jury["judges"][0]) not in plan.new_pairs
    assert len(plan.new_pairs) == 8


def test_assignment_rerun_after_a_judge_drops_out_reassigns_only_their_work(jury):
    chair, round = jury["chair"], jury["round"]
    assignment_plan_apply(round=round, digest=assignment_plan(round=round).digest, actor=chair)
    before = set(Assignment.objects.values_list("entry_id", "judge_id"))
    leaver = jury["judges"][0]
    reviewed = Assignment.objects.filter(judge=leaver).first()
    ReviewFactory(assignment=reviewed, status=ReviewStatus.SUBMITTED)
    leaver.jury_memberships.update(active=False)

    plan = assignment_plan_apply(
        round=round, digest=assignment_plan(round=round).digest, actor=chair
    )

    after = set(Assignment.objects.values_list("entry_id", "judge_id"))
    lost = {pair for pair in before if pair[1] == leaver.pk} - {(reviewed.entry_id, leaver.pk)}
    assert {(a.entry_id, a.judge_id) for a in plan.dropped} == lost
    assert after - before == {(entry.pk, judge.pk) for entry, judge in plan.new_pairs}
    assert sorted(entry for entry, _ in after - before) == sorted(entry for entry, _ in lost)
    assert (reviewed.entry_id, leaver.pk) in after


def test_assignment_pages_are_404_for_judges_and_other_chairs(client, jury):
    other_chair = JuryMemberFactory(role=JuryRole.CHAIR).user
    assignment = AssignmentFactory(
        round=jury["round"], entry=jury["entries"][0], judge=jury["judges"][0]
    )
    round_id = jury["round"].pk
    urls = [
        ("get", reverse("judging:assignment-list", args=[round_id])),
        ("get", reverse("judging:assignment-propose", args=[round_id])),
        ("post", reverse("judging:assignment-confirm", args=[round_id])),
        ("post", reverse("judging:assignment-add", args=[round_id])),
        ("post", reverse("judging:assignment-remove", args=[assignment.pk])),
        ("post", reverse("judging:round-entries-update", args=[round_id])),
    ]

    statuses = []
    for user in (jury["judges"][1], other_chair):
        client.force_login(user)
        statuses += [getattr(client, method)(url).status_code for method, url in urls]

    assert statuses == [404] * 12
    assert Assignment.objects.count() == 1


def test_assignment_list_sends_anonymous_visitors_to_sign_in(client, jury):
    response = client.get(reverse("judging:assignment-list", args=[jury["round"].pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_assignment_list_opens_for_an_organiser_with_permission(client, jury, settings):
    from django.contrib.auth.models import Permission

    settings.LAUREL_REQUIRE_STAFF_MFA = False
    organiser = UserFactory(is_staff=True)
    organiser.user_permissions.add(Permission.objects.get(codename="change_round"))
    AwardOrganiserFactory(award=jury["round"].category.edition.award, user=organiser)
    client.force_login(organiser)

    response = client.get(reverse("judging:assignment-list", args=[jury["round"].pk]))

    assert response.status_code == 200


def test_assignment_list_is_404_for_staff_without_permission(client, jury, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("judging:assignment-list", args=[jury["round"].pk]))

    assert response.status_code == 404


def test_assignment_add_assigns_and_tells_the_judge(client, jury):
    round_entries_populate(round=jury["round"])
    client.force_login(jury["chair"])

    response = client.post(
        reverse("judging:assignment-add", args=[jury["round"].pk]),
        {"entry": jury["entries"][0].pk, "judge": jury["judges"][0].pk},
    )

    assert response.status_code == 302
    assert list(Assignment.objects.values_list("entry_id", "judge_id")) == [
        (jury["entries"][0].pk, jury["judges"][0].pk)
    ]
    assert [message.to for message in mail.outbox] == [[jury["judges"][0].email]]
    assert AuditEvent.objects.filter(action="assignment.create").count() == 1


def test_assignment_add_refuses_a_conflicted_pair(client, jury):
    round_entries_populate(round=jury["round"])
    ConflictFactory(entry=jury["entries"][0], judge=jury["judges"][0])
    client.force_login(jury["chair"])

    response = client.post(
        reverse("judging:assignment-add", args=[jury["round"].pk]),
        {"entry": jury["entries"][0].pk, "judge": jury["judges"][0].pk},
        follow=True,
    )

    assert Assignment.objects.count() == 0
    assert "conflict of interest" in response.content.decode()


def test_assignment_add_refuses_an_entry_of_another_category(client, jury):
    round_entries_populate(round=jury["round"])
    foreign = submitted(CategoryFactory(), 1)[0]
    client.force_login(jury["chair"])

    client.post(
        reverse("judging:assignment-add", args=[jury["round"].pk]),
        {"entry": foreign.pk, "judge": jury["judges"][0].pk},
    )

    assert Assignment.objects.count() == 0


def test_assignment_remove_takes_it_away(client, jury):
    assignment = AssignmentFactory(
        round=jury["round"], entry=jury["entries"][0], judge=jury["judges"][0]
    )
    client.force_login(jury["chair"])

    response = client.post(reverse("judging:assignment-remove", args=[assignment.pk]))

    assert response.status_code == 302
    assert Assignment.objects.count() == 0
    assert AuditEvent.objects.filter(action="assignment.remove").count() == 1


def test_assignment_remove_keeps_a_submitted_review(client, jury):
    assignment = AssignmentFactory(
        round=jury["round"], entry=jury["entries"][0], judge=jury["judges"][0]
    )
    ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED)
    client.force_login(jury["chair"])

    client.post(reverse("judging:assignment-remove", args=[assignment.pk]))

    assert Assignment.objects.count() == 1


def test_assignment_pages_hide_a_conflicted_chairs_entry(client, jury):
    round_entries_populate(round=jury["round"])
    secret = jury["entries"][0]
    secret.title = "Secret idea"
    secret.save()
    ConflictFactory(entry=secret, judge=jury["chair"])
    assignment = AssignmentFactory(round=jury["round"], entry=secret, judge=jury["judges"][0])
    client.force_login(jury["chair"])

    listing = client.get(reverse("judging:assignment-list", args=[jury["round"].pk]))
    preview = client.get(reverse("judging:assignment-propose", args=[jury["round"].pk]))
    removal = client.post(reverse("judging:assignment-remove", args=[assignment.pk]))

    assert "Secret idea" not in listing.content.decode()
    assert "Secret idea" not in preview.content.decode()
    assert removal.status_code == 404


def _list_queries(client, round):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("judging:assignment-list", args=[round.pk]))
    assert response.status_code == 200
    return len(queries)


def test_assignment_list_query_count_does_not_grow_with_entries(client, jury):
    round = jury["round"]
    client.force_login(jury["chair"])
    assignment_plan_apply(round=round, digest=assignment_plan(round=round).digest, actor=None)
    small = _list_queries(client, round)
    submitted(jury["category"], 8)
    JuryMemberFactory(category=jury["category"])
    assignment_plan_apply(round=round, digest=assignment_plan(round=round).digest, actor=None)

    large = _list_queries(client, round)

    assert RoundEntry.objects.filter(round=round).count() == 12
    assert large == small


def test_round_entries_populate_first_round_takes_eligible_submitted_entries(jury):
    category = jury["category"]
    EntryFactory(category=category, status=EntryStatus.DRAFT)
    submitted(category, 1, eligibility=Eligibility.INELIGIBLE)
    withdrawn = submitted(category, 1)[0]
    withdrawn.status = EntryStatus.WITHDRAWN
    withdrawn.save()

    added, removed = round_entries_populate(round=jury["round"])

    assert (added, removed) == (4, 0)
    assert set(RoundEntry.objects.values_list("entry_id", flat=True)) == {
        entry.pk for entry in jury["entries"]
    }


def test_round_entries_populate_later_round_takes_advanced_entries(jury):
    final = RoundFactory(category=jury["category"], position=2, name_en="Final")
    first, second, *_ = jury["entries"]
    Decision.objects.create(
        round=jury["round"], entry=first, outcome=DecisionOutcome.ADVANCE, reason="Strong"
    )
    Decision.objects.create(
        round=jury["round"], entry=second, outcome=DecisionOutcome.ELIMINATE, reason="Weak"
    )

    round_entries_populate(round=final)

    assert list(RoundEntry.objects.filter(round=final).values_list("entry_id", flat=True)) == [
        first.pk
    ]


def test_round_entries_update_brings_entries_into_the_round(client, jury):
    client.force_login(jury["chair"])

    response = client.post(reverse("judging:round-entries-update", args=[jury["round"].pk]))

    assert response.status_code == 302
    assert RoundEntry.objects.filter(round=jury["round"]).count() == 4
    assert AuditEvent.objects.filter(action="round.entries_populate").count() == 1


def test_admin_category_page_shows_jury_and_rounds(client, jury, settings):
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    category_page = client.get(reverse("admin:awards_category_change", args=[jury["category"].pk]))
    round_page = client.get(reverse("admin:judging_round_change", args=[jury["round"].pk]))

    assert (category_page.status_code, round_page.status_code) == (200, 200)
    assert "jury-TOTAL_FORMS" in category_page.content.decode()
    assert "rounds-TOTAL_FORMS" in category_page.content.decode()
    assert "criteria-TOTAL_FORMS" in round_page.content.decode()


def test_assignment_confirm_flags_new_affiliations_before_assigning(client, jury):
    # The factory's jury all work at "Example University"; so does this new entrant.
    new = submitted(jury["category"], 1, organisation="Example University")[0]
    client.force_login(jury["chair"])
    digest = assignment_plan(round=jury["round"]).digest

    response = client.post(
        reverse("judging:assignment-confirm", args=[jury["round"].pk]), {"digest": digest}
    )

    assert response.url == reverse("judging:assignment-propose", args=[jury["round"].pk])
    assert Assignment.objects.count() == 0
    assert sorted(Conflict.objects.values_list("judge_id", "entry_id", "status")) == sorted(
        (judge.pk, new.pk, ConflictStatus.FLAGGED) for judge in [*jury["judges"], jury["chair"]]
    )
