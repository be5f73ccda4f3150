import pytest
from django.utils import timezone

from finals.models import PitchDay
from finals.results import combined_results, round_standing
from judging.enums import ReviewStatus, RoundMode
from judging.models import Review, RoundEntry, Score, ScreeningVote
from tests.factories import UserFactory
from tests.judging.builders import assign, judged_round

pytestmark = pytest.mark.django_db


def _scored(round, entry, judge, value):
    assignment = assign(round=round, judge=judge, entry=entry)
    review = Review.objects.create(assignment=assignment, status=ReviewStatus.SUBMITTED)
    for criterion in round.criteria.all():
        Score.objects.create(review=review, criterion=criterion, value=value)


def test_pitch_and_written_round_combine_60_40_on_a_common_scale():
    written = judged_round(criteria=1, mode=RoundMode.SCREENING, position=1)
    pitch = judged_round(criteria=2, category=written.category, position=2)  # scale 1-5
    judge = UserFactory()
    first = assign(round=written, judge=judge, title="Alpha")
    second = assign(round=written, judge=judge, title="Beta")
    for a, answer in ((first, "yes"), (second, "no")):
        ScreeningVote.objects.create(assignment=a, answer=answer)
        Review.objects.create(assignment=a, status=ReviewStatus.SUBMITTED)
    for entry in (first.entry, second.entry):
        RoundEntry.objects.create(round=pitch, entry=entry)
    _scored(pitch, first.entry, judge, 2)  # (2 - 1) / 4 = 0.25
    _scored(pitch, second.entry, judge, 5)  # 1.0
    day = PitchDay.objects.create(
        round=pitch, starts_at=timezone.now(), earlier_round=written, pitch_weight=60
    )

    assert round_standing(round=pitch) == {first.entry_id: 0.25, second.entry_id: 1.0}
    rows = combined_results(pitch_day=day)

    assert [(r["title"], r["rank"], round(r["combined"], 6)) for r in rows] == [
        ("Beta", 1, 0.6),  # 0.6 * 1.0 + 0.4 * 0
        ("Alpha", 2, 0.55),  # 0.6 * 0.25 + 0.4 * 1
    ]
