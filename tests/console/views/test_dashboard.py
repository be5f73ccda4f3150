"""The season dashboard: figures per edition, links to every organiser page, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from judging.enums import ConflictStatus, JuryRole, ReviewStatus
from submissions.enums import EntryStatus
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    EntryFactory,
    JuryMemberFactory,
    QuestionFactory,
    ReviewFactory,
    RoundFactory,
    UserFactory,
)
from tests.judging.builders import assign, conflict, submitted

pytestmark = pytest.mark.django_db

URL = reverse("console:dashboard")


def season(*, award, size: int, edition=None):
    """An edition with `size` drafts, submitted entries, judges, assignments and reviews."""
    edition = edition or EditionFactory(award=award, year=2026)
    category = CategoryFactory(edition=edition, code="IDEA", name_en="Idea")
    QuestionFactory(category=category)
    round_ = RoundFactory(category=category, name_en="First round")
    grow(category=category, round_=round_, size=size)
    return edition, category, round_


def grow(*, category, round_, size: int) -> None:
    for _ in range(size):
        EntryFactory(category=category, status=EntryStatus.DRAFT)
        judge = UserFactory()
        JuryMemberFactory(category=category, user=judge)
        assignment = assign(round=round_, judge=judge, entry=submitted(category))
        ReviewFactory(assignment=assignment, status=ReviewStatus.SUBMITTED)
        conflict(judge=judge, entry=submitted(category), status=ConflictStatus.FLAGGED)


def test_dashboard_shows_an_editions_figures_and_links(client, organiser, award):
    edition, category, round_ = season(award=award, size=2)
    JuryMemberFactory(category=category, user=None, accepted_at=None, email="new@example.org")
    JuryMemberFactory(category=category, role=JuryRole.CHAIR)
    client.force_login(organiser)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    summary = response.context["awards"][0].editions[0]
    assert (summary.drafted, summary.submitted, summary.unchecked, summary.flagged) == (2, 4, 4, 2)
    category_summary = summary.categories[0]
    assert (category_summary.jury.accepted, category_summary.jury.invited) == (3, 1)
    assert category_summary.jury.chairs == 1
    round_summary = category_summary.rounds[0]
    assert (round_summary.entries, round_summary.assignments, round_summary.submitted) == (2, 2, 2)
    assert summary.next_action.label == "Check eligibility (4)"
    for url in (
        reverse("submissions:organiser-entry-list", kwargs={"edition_pk": edition.pk}),
        reverse("submissions:organiser-audit-list", kwargs={"edition_pk": edition.pk}),
        reverse("judging:jury-list", kwargs={"category_id": category.pk}),
        reverse("judging:conflict-list", kwargs={"category_id": category.pk}),
        reverse("judging:assignment-list", kwargs={"round_id": round_.pk}),
        reverse("judging:round-progress", kwargs={"round_id": round_.pk}),
        reverse("judging:round-results", kwargs={"round_id": round_.pk}),
    ):
        assert f'href="{url}' in html
    assert 'data-publication="unpublished"' in html
    assert "(Stockholm time)" in html
    assert "<svg" in html


def test_dashboard_says_when_results_are_published(client, organiser, award):
    edition = EditionFactory(
        award=award,
        call_opens_at=timezone.now() - dt.timedelta(days=60),
        call_closes_at=timezone.now() - dt.timedelta(days=30),
        results_publish_at=timezone.now() - dt.timedelta(days=1),
    )
    CategoryFactory(edition=edition)
    client.force_login(organiser)

    html = client.get(URL).content.decode()

    assert 'data-publication="published"' in html
    assert "See the public page" in html


def test_dashboard_is_not_for_entrants_or_judges(client):
    judge = UserFactory()
    client.force_login(judge)

    assert client.get(URL).status_code == 404


def test_dashboard_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_runs_the_same_queries_for_a_small_and_a_large_season(client, organiser, award):
    client.force_login(organiser)
    _, category, round_ = season(award=award, size=1)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    grow(category=category, round_=round_, size=8)

    with CaptureQueriesContext(connection) as large:
        client.get(URL)

    assert len(large) == len(small)


def test_dashboard_shows_only_the_awards_one_organises(client, organiser, award):
    season(award=award, size=1)
    other_edition = EditionFactory(year=2031)
    CategoryFactory(edition=other_edition, name_en="Secret category")
    client.force_login(organiser)

    response = client.get(URL)

    assert [a.award for a in response.context["awards"]] == [award]
    assert "Secret category" not in response.content.decode()
