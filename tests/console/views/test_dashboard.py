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
    AwardFactory,
    AwardOrganiserFactory,
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
from tests.queries import caches_cleared, session_queries

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
    caches_cleared(client)  # both seasons read from the database, not from the cache
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    grow(category=category, round_=round_, size=8)
    caches_cleared(client)

    with CaptureQueriesContext(connection) as large:
        client.get(URL)

    assert len(large) == len(small)


def test_a_warm_dashboard_reads_no_figures(client, organiser, award):
    season(award=award, size=3)
    client.force_login(organiser)
    client.get(URL)

    with CaptureQueriesContext(connection) as warm:
        response = client.get(URL)

    # The user; the awards they run, the figures and the permissions come from the cache.
    assert len(warm) == 1 + session_queries()
    assert response.context["awards"] == []
    assert "Figures as of" in response.content.decode()


def test_an_organisers_change_shows_at_once(client, organiser, award):
    season(award=award, size=1)
    client.force_login(organiser)
    client.get(URL)

    client.post(
        reverse("console:edition-create", args=[award.pk]),
        {"year": 2027, "call_opens_at": "2027-03-01T09:00", "call_closes_at": "2027-05-15T12:00"},
    )
    html = client.get(URL).content.decode()

    assert "Edition 2027" in html


def test_cached_sections_stay_with_their_award(client, organiser, award):
    season(award=award, size=1)
    other_award = AwardFactory(name_en="Other Award")
    CategoryFactory(edition=EditionFactory(award=other_award, year=2031), name_en="Secret category")
    other = UserFactory(is_staff=True)
    AwardOrganiserFactory(award=other_award, user=other)
    everyone = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(organiser)
    client.get(URL)

    client.force_login(other)
    theirs = client.get(URL).content.decode()
    client.force_login(everyone)
    both = client.get(URL).content.decode()

    assert "Secret category" in theirs and "First round" not in theirs
    assert "Secret category" in both and "First round" in both


def test_dashboard_shows_only_the_awards_one_organises(client, organiser, award):
    season(award=award, size=1)
    other_edition = EditionFactory(year=2031)
    CategoryFactory(edition=other_edition, name_en="Secret category")
    client.force_login(organiser)

    response = client.get(URL)

    assert [a.award for a in response.context["awards"]] == [award]
    assert "Secret category" not in response.content.decode()


def test_an_organiser_removed_from_an_award_no_longer_sees_it(client, organiser, award):
    season(award=award, size=1)
    client.force_login(organiser)
    client.get(URL)

    award.organisers.filter(user=organiser).delete()
    html = client.get(URL).content.decode()

    assert "First round" not in html and "You do not organise any award yet." in html


def test_a_renamed_award_shows_its_new_name_at_once(client, organiser, award):
    season(award=award, size=1)
    client.force_login(organiser)
    client.get(URL)

    client.post(
        reverse("console:award-edit", args=[award.pk]),
        {"name_en": "Flemingsberg Innovation Prize", "name_sv": "", "slug": award.slug,
         "code": award.code, "description_en": "", "description_sv": "", "organiser": "",
         "website": ""},
    )  # fmt: skip
    html = client.get(URL).content.decode()

    assert "Flemingsberg Innovation Prize" in html
