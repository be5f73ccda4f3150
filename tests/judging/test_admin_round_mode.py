import pytest

from judging.admin import RoundAdminForm
from judging.enums import RoundMode
from judging.models import Review
from tests.judging.builders import assign, judged_round

pytestmark = pytest.mark.django_db


def _data(round, mode):
    form = RoundAdminForm(instance=round)
    data = {name: form.initial.get(name) for name in form.fields}
    data.update(mode=mode, opens_at=round.opens_at, closes_at=round.closes_at)
    return {k: v for k, v in data.items() if v is not None}


def test_mode_may_change_before_judging_starts():
    round = judged_round(criteria=0)

    form = RoundAdminForm(_data(round, RoundMode.RANKING), instance=round)

    assert form.is_valid(), form.errors
    assert form.save().mode == RoundMode.RANKING


def test_mode_is_fixed_once_a_judge_has_started():
    round = judged_round(criteria=0)
    Review.objects.create(assignment=assign(round=round))

    form = RoundAdminForm(_data(round, RoundMode.PAIRWISE), instance=round)

    assert not form.is_valid()
    assert form.errors.as_data()["mode"][0].code == "mode_in_use"
