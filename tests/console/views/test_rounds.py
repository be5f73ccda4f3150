"""Rounds and the rubric builder: criteria in both languages with the judge's score form
previewed; a scored criterion keeps its scale."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from finals.models import PitchDay
from judging.enums import ReviewStatus, Visibility
from judging.models import Criterion, Round
from tests.factories import (
    AssignmentFactory,
    AwardOrganiserFactory,
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    ReviewFactory,
    RoundFactory,
    ScoreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def category(award):
    return CategoryFactory(edition=EditionFactory(award=award), name_en="Idea")


@pytest.fixture
def round_(category):
    return RoundFactory(category=category, name_en="Shortlist")


MODE_DEFAULTS = {
    "mode": "rubric",
    "ranking_method": "borda",
    "screening_threshold": "0.50",
    "comparisons_per_entry": 4,
}


def _round_data(**fields):
    data = {
        "name_en": "Final",
        "name_sv": "Final",
        "position": 2,
        "opens_at": "2026-09-01T09:00",
        "closes_at": "2026-09-20T17:00",
        "reviews_per_entry": 3,
        "visibility": Visibility.AFTER_OWN_REVIEW,
        "reminder_days_before": 3,
        **MODE_DEFAULTS,
    }
    return data | fields


def test_organiser_sets_the_way_of_judging_and_how_many_advance(client, organiser, category):
    client.force_login(organiser)

    client.post(
        reverse("console:round-create", args=[category.pk]),
        _round_data(mode="ranking", ranking_method="schulze", ranking_limit=10, advance_count=5),
    )

    round_ = Round.objects.get(category=category)
    assert (round_.mode, round_.ranking_method, round_.ranking_limit) == ("ranking", "schulze", 10)
    assert round_.advance_count == 5


def test_the_way_of_judging_stays_once_judges_have_started(client, organiser, round_):
    ReviewFactory(assignment=AssignmentFactory(round=round_))
    client.force_login(organiser)

    response = client.post(
        reverse("console:round-edit", args=[round_.pk]),
        _round_data(name_en=round_.name_en, position=round_.position, mode="pairwise"),
    )

    round_.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["mode"][0].startswith("Judges have started")
    assert round_.mode == "rubric"


def _criterion_data(**fields):
    data = {
        "name_en": "Originality",
        "name_sv": "Originalitet",
        "weight": "2",
        "scale_min": 1,
        "scale_max": 5,
        "descriptors_en": "Weak\nFair\nGood\nStrong\nOutstanding",
        "descriptors_sv": "Svag\nGodtagbar\nBra\nStark\nEnastående",
        "required": "on",
        "save": "1",
    }
    return data | fields


def test_organiser_creates_a_round_in_stockholm_time(client, organiser, category):
    client.force_login(organiser)

    response = client.post(
        reverse("console:round-create", args=[category.pk]),
        {
            "name_en": "Shortlist",
            "name_sv": "Kortlista",
            "position": 1,
            "opens_at": "2026-06-01T09:00",
            "closes_at": "2026-06-20T17:00",
            "reviews_per_entry": 3,
            "blind": "on",
            "visibility": Visibility.NEVER,
            "reminder_days_before": 3,
            **MODE_DEFAULTS,
        },
    )

    round_ = Round.objects.get(category=category)
    assert response.url == reverse("console:rubric", args=[round_.pk])
    assert round_.closes_at == dt.datetime(2026, 6, 20, 17, 0, tzinfo=STOCKHOLM)
    assert (round_.blind, round_.visibility) == (True, Visibility.NEVER)
    assert AuditEvent.objects.filter(action="round.create").count() == 1


def test_organiser_adds_a_criterion_and_sees_the_judges_form(client, organiser, round_):
    client.force_login(organiser)

    response = client.post(reverse("console:criterion-create", args=[round_.pk]), _criterion_data())
    page = client.get(reverse("console:rubric", args=[round_.pk]))

    assert response.status_code == 302
    criterion = Criterion.objects.get(round=round_)
    html = page.content.decode()
    assert "Preview: the score form as judges see it" in html
    assert f'name="score_{criterion.pk}"' in html
    assert "<strong>5</strong> – Outstanding" in html


def test_the_preview_button_shows_the_criterion_without_saving_it(client, organiser, round_):
    client.force_login(organiser)

    response = client.post(
        reverse("console:criterion-create", args=[round_.pk]), _criterion_data(preview="1")
    )

    assert response.status_code == 200
    assert "<strong>1</strong> – Weak" in response.content.decode()
    assert Criterion.objects.count() == 0


def test_a_scored_criterion_keeps_its_scale_and_says_why(client, organiser, round_):
    criterion = CriterionFactory(round=round_, scale_min=1, scale_max=5)
    review = ReviewFactory(
        assignment=AssignmentFactory(round=round_), status=ReviewStatus.SUBMITTED
    )
    ScoreFactory(review=review, criterion=criterion, value=4)
    client.force_login(organiser)

    response = client.post(
        reverse("console:criterion-edit", args=[criterion.pk]), _criterion_data(scale_max=10)
    )
    deletion = client.post(reverse("console:criterion-delete", args=[criterion.pk]))

    criterion.refresh_from_db()
    assert (response.status_code, deletion.status_code) == (400, 400)
    assert criterion.scale_max == 5
    assert "Judges have already scored this criterion from 1 to 5" in response.content.decode()


def test_a_criterion_with_a_scale_upside_down_is_refused_beside_the_field(
    client, organiser, round_
):
    client.force_login(organiser)

    response = client.post(
        reverse("console:criterion-create", args=[round_.pk]),
        _criterion_data(scale_min=5, scale_max=1),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "scale_max": ["The highest score must be above the lowest."]
    }


def test_rubric_pages_are_404_for_another_awards_organiser(client, organiser):
    criterion = CriterionFactory()
    client.force_login(organiser)

    statuses = [
        client.get(reverse("console:rubric", args=[criterion.round_id])).status_code,
        client.get(reverse("console:round-edit", args=[criterion.round_id])).status_code,
        client.get(reverse("console:round-create", args=[criterion.round.category_id])).status_code,
        client.get(reverse("console:criterion-edit", args=[criterion.pk])).status_code,
        client.post(reverse("console:criterion-delete", args=[criterion.pk])).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404]


def test_organiser_sets_up_the_final_rounds_pitch_day(client, organiser, category):
    written = RoundFactory(category=category, position=1, name_en="Written")
    final = RoundFactory(category=category, position=2, name_en="Final")
    client.force_login(organiser)

    response = client.post(
        reverse("console:pitch-day-edit", args=[final.pk]),
        {
            "starts_at": "2027-05-03T09:00",
            "place": "Campus Flemingsberg, Alfred Nobels allé 8",
            "slot_minutes": 15,
            "gap_minutes": 5,
            "break_after": 4,
            "break_minutes": 30,
            "earlier_round": written.pk,
            "pitch_weight": 60,
            "save": "1",
        },
    )

    day = PitchDay.objects.get(round=final)
    assert response.url == reverse("finals:pitch-day-detail", kwargs={"pk": day.pk})
    assert day.starts_at == dt.datetime(2027, 5, 3, 9, 0, tzinfo=STOCKHOLM)
    assert (day.earlier_round, day.pitch_weight) == (written, 60)
    assert AuditEvent.objects.filter(action="pitch_day.set").count() == 1


def test_pitch_day_setup_offers_only_earlier_rounds_of_the_category(client, organiser, category):
    first = RoundFactory(category=category, position=1)
    final = RoundFactory(category=category, position=2)
    RoundFactory(position=1)  # another category's round
    client.force_login(organiser)

    response = client.get(reverse("console:pitch-day-edit", args=[final.pk]))

    assert list(response.context["form"].fields["earlier_round"].queryset) == [first]


def test_pitch_day_setup_is_404_for_another_awards_organiser(client, organiser):
    round_ = RoundFactory()
    client.force_login(organiser)

    assert client.get(reverse("console:pitch-day-edit", args=[round_.pk])).status_code == 404


def test_pitch_day_setup_needs_the_right_to_change_rounds(
    client, award, category, organiser, settings
):
    """An organiser of the award whose role may not change rounds: neither the link nor the
    page, as on the pitch day's own page, instead of a form whose save is refused."""
    settings.LAUREL_REQUIRE_STAFF_MFA = False
    final = RoundFactory(category=category, position=1, name_en="Final")
    reader = UserFactory(is_staff=True, email="reader@example.org")
    AwardOrganiserFactory(award=award, user=reader)
    client.force_login(reader)

    page = client.get(reverse("console:pitch-day-edit", args=[final.pk]))
    posted = client.post(reverse("console:pitch-day-edit", args=[final.pk]), {"save": "1"})
    season = client.get(reverse("console:dashboard")).content.decode()

    client.force_login(organiser)
    organisers_season = client.get(reverse("console:dashboard")).content.decode()

    link = reverse("console:pitch-day-edit", args=[final.pk])
    assert (page.status_code, posted.status_code) == (404, 404)
    assert link not in season and link in organisers_season
    assert PitchDay.objects.count() == 0


def test_criteria_move_up_and_down_and_scores_keep_their_meaning(client, organiser, category):
    round_ = RoundFactory(category=category)
    first = CriterionFactory(round=round_, position=0, name_en="Idea")
    second = CriterionFactory(round=round_, position=0, name_en="Team")  # a tie from an old edit
    third = CriterionFactory(round=round_, position=2, name_en="Market")
    score = ScoreFactory(criterion=second, review__assignment__round=round_)
    client.force_login(organiser)

    client.post(reverse("console:criterion-move", args=[third.pk]), {"direction": "up"})
    response = client.post(
        reverse("console:criterion-move", args=[first.pk]), {"direction": "down"}
    )
    page = client.get(reverse("console:rubric", args=[round_.pk])).content.decode()

    assert response.url.endswith(f"#criterion-row-{first.pk}")
    order = list(round_.criteria.order_by("position").values_list("name_en", "position"))
    assert order == [("Market", 0), ("Idea", 1), ("Team", 2)]
    rows = [page.index(f'id="criterion-row-{c.pk}"') for c in (third, first, second)]
    assert rows == sorted(rows)
    score.refresh_from_db()
    assert score.criterion_id == second.pk
    assert AuditEvent.objects.filter(action="criterion.move").count() == 2


def test_criterion_at_the_top_stays_there_and_moves_need_a_post(client, organiser, category):
    round_ = RoundFactory(category=category)
    top = CriterionFactory(round=round_, position=0, name_en="Idea")
    CriterionFactory(round=round_, position=1, name_en="Team")
    client.force_login(organiser)

    client.post(reverse("console:criterion-move", args=[top.pk]), {"direction": "up"})
    fetched = client.get(reverse("console:criterion-move", args=[top.pk]))

    top.refresh_from_db()
    assert top.position == 0
    assert fetched.status_code == 405
    assert not AuditEvent.objects.filter(action="criterion.move").exists()


def test_criteria_of_another_award_do_not_move(client, organiser):
    criterion = CriterionFactory(position=1)
    CriterionFactory(round=criterion.round, position=0)
    client.force_login(organiser)

    response = client.post(
        reverse("console:criterion-move", args=[criterion.pk]), {"direction": "up"}
    )

    criterion.refresh_from_db()
    assert (response.status_code, criterion.position) == (404, 1)
