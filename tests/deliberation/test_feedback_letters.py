import datetime as dt

import pytest
from django.utils import timezone, translation

from deliberation.enums import FeedbackKind
from deliberation.feedback_letters import feedback_letter
from deliberation.services.feedback import feedback_comment_moderate, feedback_policy_set
from tests.deliberation.feedback_builders import scored_round

pytestmark = pytest.mark.django_db


def _publish(entry, *, days=-1):
    edition = entry.category.edition
    edition.results_publish_at = timezone.now() + dt.timedelta(days=days)
    edition.save()


def _letter(entry):
    return [
        (s.round_name, [(c.name, c.text) for c in s.criteria], s.comments)
        for s in feedback_letter(entry=entry)
    ]


def test_bands_and_released_comments_only_after_publication():
    scored = scored_round()
    chair = scored.reviews[0].assignment.judge
    feedback_policy_set(round=scored.round, kind=FeedbackKind.BANDS, by=chair)
    first, second = scored.reviews
    feedback_comment_moderate(review=first, release=True, text="A clear plan.", by=chair)
    feedback_comment_moderate(review=second, release=False, by=chair)

    before = _letter(scored.entry)
    _publish(scored.entry, days=1)
    scheduled = _letter(scored.entry)
    _publish(scored.entry)

    assert (before, scheduled) == ([], [])
    assert _letter(scored.entry) == [
        (
            "Screening",
            [
                ("Criterion 1", "among the top quarter of the category"),
                ("Criterion 2", "in the bottom quarter of the category"),
            ],
            ["A clear plan."],
        )
    ]


def test_scores_in_the_entrants_language():
    scored = scored_round()
    feedback_policy_set(round=scored.round, kind=FeedbackKind.SCORES, by=None)
    _publish(scored.entry)

    with translation.override("sv"):
        letter = _letter(scored.entry)

    assert letter == [
        (
            "Gallring",
            [
                ("Criterion 1", "5,0 på en skala från 1 till 5"),
                ("Criterion 2", "1,0 på en skala från 1 till 5"),
            ],
            [],
        )
    ]


def test_unmoderated_comments_and_rounds_without_feedback_say_nothing():
    scored = scored_round()
    _publish(scored.entry)
    no_policy = _letter(scored.entry)
    feedback_policy_set(round=scored.round, kind=FeedbackKind.COMMENTS, by=None)

    assert no_policy == []
    assert _letter(scored.entry) == []
