"""The automatic assignment solver, on plain ids: no database."""

import random
from collections import Counter

from judging.assignment_solver import Infeasible, Proposal, Shortfall, assignment_solve


def _loads(proposal, judges, existing=()):
    counts = Counter(judge for _, judge in [*existing, *proposal.new_pairs])
    return [counts[judge] for judge in judges]


def test_assignment_solve_gives_every_entry_k_distinct_judges():
    entries, judges = list(range(10)), ["a", "b", "c", "d", "e"]

    proposal = assignment_solve(entries=entries, judges=judges, k=3)

    per_entry = Counter(entry for entry, _ in proposal.new_pairs)
    assert isinstance(proposal, Proposal)
    assert per_entry == dict.fromkeys(entries, 3)
    assert len(set(proposal.new_pairs)) == 30


def test_assignment_solve_balances_load_to_within_one():
    entries, judges = list(range(7)), ["a", "b", "c"]

    proposal = assignment_solve(entries=entries, judges=judges, k=2)

    assert sorted(_loads(proposal, judges)) == [4, 5, 5]
    assert proposal.loads == dict(zip(judges, _loads(proposal, judges), strict=True))


def test_assignment_solve_never_proposes_a_conflicted_pair():
    entries, judges = list(range(6)), ["a", "b", "c", "d"]
    conflicts = {(0, "a"), (0, "b"), (1, "a"), (2, "c"), (5, "d")}

    proposal = assignment_solve(entries=entries, judges=judges, k=2, conflicts=conflicts)

    assert set(proposal.new_pairs) & conflicts == set()
    assert Counter(entry for entry, _ in proposal.new_pairs) == dict.fromkeys(entries, 2)
    assert max(proposal.loads.values()) - min(proposal.loads.values()) <= 1


def test_assignment_solve_keeps_existing_pairs_and_tops_up():
    existing = {(0, "a"), (0, "b"), (1, "a")}

    proposal = assignment_solve(entries=[0, 1], judges=["a", "b", "c"], k=2, existing=existing)

    assert proposal.new_pairs == ((1, "b"),) or proposal.new_pairs == ((1, "c"),)
    assert set(proposal.new_pairs).isdisjoint(existing)


def test_assignment_solve_counts_existing_load_when_balancing():
    # "a" already carries 4 reviews elsewhere: the new work goes to "b" and "c".
    proposal = assignment_solve(
        entries=[0, 1, 2], judges=["a", "b", "c"], k=1, loads={"a": 4, "b": 0, "c": 0}
    )

    assert proposal.loads == {"a": 4, "b": 2, "c": 1} or proposal.loads == {
        "a": 4,
        "b": 1,
        "c": 2,
    }


def test_assignment_solve_after_a_judge_drops_out_reassigns_only_their_work():
    entries, judges = list(range(6)), ["a", "b", "c", "d"]
    first = assignment_solve(entries=entries, judges=judges, k=2)
    kept = {pair for pair in first.new_pairs if pair[1] != "d"}

    second = assignment_solve(
        entries=entries, judges=["a", "b", "c"], k=2, existing=kept, inactive_judges=["d"]
    )

    dropped = [pair for pair in first.new_pairs if pair[1] == "d"]
    assert len(second.new_pairs) == len(dropped)
    assert sorted(entry for entry, _ in second.new_pairs) == sorted(e for e, _ in dropped)
    assert all(judge != "d" for _, judge in second.new_pairs)


def test_assignment_solve_infeasible_names_entries_and_reasons():
    entries, judges = [0, 1, 2], ["a", "b", "c", "d"]
    conflicts = {(1, "a"), (1, "b"), (1, "c")}

    result = assignment_solve(
        entries=entries, judges=judges, k=2, conflicts=conflicts, inactive_judges=["e"]
    )

    assert result == Infeasible(
        (Shortfall(entry=1, needed=2, eligible=1, conflicted=3, inactive=1),)
    )


def test_assignment_solve_infeasible_when_jury_smaller_than_k():
    result = assignment_solve(entries=[0, 1], judges=["a"], k=2)

    assert result == Infeasible(
        (
            Shortfall(entry=0, needed=2, eligible=1, conflicted=0, inactive=0),
            Shortfall(entry=1, needed=2, eligible=1, conflicted=0, inactive=0),
        )
    )


def test_assignment_solve_nothing_needed_proposes_nothing():
    result = assignment_solve(entries=[0], judges=["a", "b"], k=1, existing={(0, "a")})

    assert result == Proposal(new_pairs=(), loads={"a": 1, "b": 0})


def test_assignment_solve_random_instances_respect_every_rule():
    rng = random.Random(2026)
    for _ in range(25):
        entries = list(range(rng.randint(5, 40)))
        judges = [f"j{n}" for n in range(rng.randint(4, 12))]
        k = rng.randint(1, 3)
        conflicts = {(e, j) for e in entries for j in judges if rng.random() < 0.1}
        existing = {
            (e, j)
            for e in entries
            for j in judges
            if (e, j) not in conflicts and rng.random() < 0.03
        }

        result = assignment_solve(
            entries=entries, judges=judges, k=k, conflicts=conflicts, existing=existing
        )

        if isinstance(result, Infeasible):
            for shortfall in result.shortfalls:
                assert shortfall.eligible < shortfall.needed
            continue
        pairs = set(result.new_pairs)
        kept = Counter(e for e, _ in existing)
        added = Counter(e for e, _ in pairs)
        assert pairs.isdisjoint(conflicts) and pairs.isdisjoint(existing)
        assert [added[e] for e in entries] == [max(0, k - kept[e]) for e in entries]


def test_assignment_solve_without_conflicts_is_balanced_within_one():
    rng = random.Random(7)
    for _ in range(10):
        entries = list(range(rng.randint(10, 60)))
        judges = [f"j{n}" for n in range(rng.randint(3, 15))]

        result = assignment_solve(entries=entries, judges=judges, k=min(3, len(judges)))

        assert max(result.loads.values()) - min(result.loads.values()) <= 1
