import pytest

from audit.models import AuditEvent
from awards.enums import Placement
from awards.models import Winner
from judging.enums import DecisionOutcome
from publishing.models import WinnerSource
from tests.factories import WinnerPhotoFactory
from tests.publishing.builders import decide, judged_season

pytestmark = pytest.mark.django_db


@pytest.fixture
def season():
    return judged_season()


def test_winner_decision_makes_a_draft_prefilled_from_the_entry(season):
    entry = season["entries"][0]

    decision = decide(season, entry)

    winner = Winner.objects.get(entry=entry)
    assert (
        winner.category,
        winner.placement,
        winner.names,
        winner.organisation,
        winner.idea_title,
        winner.summary_en,
        winner.summary_sv,
        winner.slug,
        winner.publish_at,
    ) == (
        season["category"],
        Placement.WINNER,
        "Sally Sow, Maja Member",
        "Flemingsberg Lab",
        "Turn UP",
        "Local music events for everyone.",
        "",
        "sally-sow-maja-member-turn-up",
        None,
    )
    source = WinnerSource.objects.get(winner=winner)
    assert (source.decision, source.snapshot) == (decision, decision.snapshot)
    assert AuditEvent.objects.filter(action="winner.draft_create").count() == 1


def test_pitch_goes_to_the_summary_in_the_owners_language(season):
    entry = season["entries"][1]
    entry.owner.language = "sv"
    entry.owner.save()

    decide(season, entry, DecisionOutcome.RUNNER_UP)

    winner = Winner.objects.get(entry=entry)
    assert (winner.summary_en, winner.summary_sv, winner.placement, winner.position) == (
        "",
        "Local music events for everyone.",
        Placement.RUNNER_UP,
        1,
    )


def test_changed_decision_updates_the_draft_but_keeps_edited_text(season):
    entry = season["entries"][0]
    decide(season, entry)
    winner = Winner.objects.get(entry=entry)
    winner.idea_title = "Turn UP, the organiser's title"
    winner.save()
    entry.pitch = "A new pitch."
    entry.title = "Renamed"
    entry.save()

    decide(season, entry, DecisionOutcome.HONOURABLE_MENTION)

    winner.refresh_from_db()
    assert (winner.placement, winner.idea_title, winner.summary_en) == (
        Placement.HONOURABLE_MENTION,
        "Turn UP, the organiser's title",
        "A new pitch.",
    )
    assert Winner.objects.filter(entry=entry).count() == 1


def test_eliminated_entry_loses_its_untouched_draft(season):
    entry = season["entries"][0]
    decide(season, entry)

    decide(season, entry, DecisionOutcome.ELIMINATE)

    assert Winner.objects.filter(entry=entry).exists() is False
    assert AuditEvent.objects.filter(action="winner.draft_remove").count() == 1


def test_eliminated_entry_keeps_an_edited_draft_unlinked(season):
    entry = season["entries"][0]
    decide(season, entry)
    winner = Winner.objects.get(entry=entry)
    WinnerPhotoFactory(winner=winner)

    decide(season, entry, DecisionOutcome.ELIMINATE)

    assert WinnerSource.objects.get(winner=winner).decision is None


def test_published_page_keeps_its_text_when_the_entry_changes(season):
    entry = season["entries"][0]
    decide(season, entry)
    Winner.objects.filter(entry=entry).update(publish_at="2020-01-01T00:00:00Z")
    entry.title = "Renamed"
    entry.save()

    decide(season, entry, DecisionOutcome.RUNNER_UP)

    assert Winner.objects.get(entry=entry).idea_title == "Turn UP"


def test_decisions_in_an_earlier_round_make_no_draft(season):
    from tests.factories import RoundFactory

    RoundFactory(category=season["category"], position=2, name_en="Pitch")

    decide(season, season["entries"][0], DecisionOutcome.ADVANCE)

    assert Winner.objects.count() == 0


def test_two_entries_with_the_same_names_get_distinct_slugs(season):
    first, second = season["entries"][:2]
    second.owner.display_name = "Sally Sow"
    second.owner.save()
    second.title = "Turn UP"
    second.save()

    decide(season, first)
    decide(season, second, DecisionOutcome.RUNNER_UP)

    assert sorted(Winner.objects.values_list("slug", flat=True)) == [
        "sally-sow-maja-member-turn-up",
        "sally-sow-turn-up",
    ]
