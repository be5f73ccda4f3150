from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from judging.models import Score
from judging.selectors.results import (
    round_results_revision,
    round_scores_load,
    snapshot_parameters,
)
from judging.selectors.results_state import round_results_state, snapshots_changed_at
from tests.judging.selectors.test_results import small_round

pytestmark = pytest.mark.django_db


def state(round, **options):
    return round_results_state(
        round=round, hidden=options.pop("hidden", frozenset()), method="mean", top_n=3, **options
    )


def test_round_results_state_is_read_from_the_cache_until_the_revision_moves_on():
    round, _judges, entries = small_round()
    first = state(round)

    with CaptureQueriesContext(connection) as queries:
        again = state(round)
    Score.objects.filter(review__assignment__entry=entries["Second"]).update(value=Decimal(5))
    changed = state(round)

    assert again is first
    assert len(queries) == 1  # the revision, nothing else
    assert changed.revision > first.revision
    assert changed.result["entries"][0]["entry_id"] == entries["Second"].pk


def test_round_results_state_leaves_out_hidden_entries_and_keeps_only_real_judges_out():
    round, judges, entries = small_round()

    hidden = state(round, hidden=frozenset({entries["First"].pk}), without=(judges[0].pk, 999999))

    assert [row["entry_id"] for row in hidden.result["entries"]] == [
        entries["Third"].pk,
        entries["Second"].pk,
    ]
    assert hidden.without == (judges[0].pk,)
    assert hidden.entry_ids == frozenset({entries["Third"].pk, entries["Second"].pk})
    assert sorted(hidden.distributions) == sorted(j.pk for j in judges)


def test_round_results_state_will_not_leave_every_judge_out():
    round, judges, _entries = small_round()

    everyone = state(round, without=tuple(j.pk for j in judges))

    assert everyone.without == ()
    assert everyone.result["excluded_judges"] == []


def test_snapshots_changed_at_compares_with_each_snapshots_own_exclusions():
    round, _judges, entries = small_round()
    scores = round_scores_load(round=round)
    hidden = {entries["Second"].pk}

    class Snapshot:
        def __init__(self, pk, inputs_hash, hidden_entries=()):
            self.pk = pk
            self.inputs_hash = inputs_hash
            self.parameters = snapshot_parameters(top_n=3, hidden_entry_ids=hidden_entries)

    snapshots = [
        Snapshot(1, scores.without(hidden).inputs_hash, hidden),
        Snapshot(2, scores.inputs_hash),
        Snapshot(3, "0" * 64),
    ]
    revision = round_results_revision(round=round)

    assert snapshots_changed_at(round=round, revision=revision, snapshots=snapshots) == {3}
    Score.objects.filter(review__assignment__entry=entries["First"]).update(value=Decimal(1))
    revision = round_results_revision(round=round)
    assert snapshots_changed_at(round=round, revision=revision, snapshots=snapshots) == {1, 2, 3}


def test_round_results_state_held_by_the_process_goes_with_the_shared_cache():
    from django.core.cache import cache

    round, _judges, _entries = small_round()
    first = state(round)

    cache.clear()

    assert state(round) is not first
