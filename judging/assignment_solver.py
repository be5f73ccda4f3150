"""Automatic assignment of judges to entries, as a min-cost flow. Pure: plain ids in, pairs out.

The network: source -> entry (capacity: reviews still wanted), entry -> judge (capacity 1, absent
for conflicted and already assigned pairs), judge -> sink by one unit edge per extra review, the
one that brings the judge to load L costing L. Those increasing marginal costs make the cost
convex in each judge's load, so the cheapest flow spreads the work as evenly as the conflicts
allow (for such networks the minimum of a symmetric convex cost is also the most balanced load
vector: the largest load as small, and the smallest as large, as possible).

Feasibility comes first: an entry with fewer eligible judges than it needs makes the answer
`Infeasible`, saying for each such entry how many judges are eligible and why not more; then a
max flow finds the lowest ceiling on anyone's load that still serves every entry.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx

Pair = tuple[Hashable, Hashable]  # (entry, judge)

_SOURCE = ("source",)
_SINK = ("sink",)


@dataclass(frozen=True)
class Shortfall:
    """An entry that cannot get the judges it needs, with the counts that explain why."""

    entry: Hashable
    needed: int  # judges still wanted on top of those kept
    eligible: int  # active judges neither conflicted nor already assigned
    conflicted: int  # active judges with a confirmed conflict
    inactive: int  # jury members who dropped out


@dataclass(frozen=True)
class Infeasible:
    shortfalls: tuple[Shortfall, ...]


@dataclass(frozen=True)
class Proposal:
    new_pairs: tuple[Pair, ...]  # sorted
    loads: dict[Hashable, int] = field(default_factory=dict)  # judge -> total load afterwards


def assignment_solve(
    *,
    entries: Iterable[Hashable],
    judges: Iterable[Hashable],
    k: int,
    conflicts: Iterable[Pair] = (),
    existing: Iterable[Pair] = (),
    loads: dict[Hashable, int] | None = None,
    inactive_judges: Iterable[Hashable] = (),
) -> Proposal | Infeasible:
    """Give every entry `k` judges counting the `existing` pairs, never a conflicted pair.

    `judges` are the active judges who may receive work; `existing` pairs (kept assignments,
    including completed reviews by judges who have since left) count towards `k` and are never
    proposed again; `loads` is each judge's current load (default: their existing pairs);
    `inactive_judges` only feed the explanation of a shortfall.
    """
    # Kept whole: building the flow network and reading the pairs back out share its node naming;
    # apart, each half would have to restate the other's conventions.
    entries = list(dict.fromkeys(entries))
    judges = list(dict.fromkeys(judges))
    conflicts = set(conflicts)
    existing = set(existing)
    inactive = set(inactive_judges) - set(judges)
    if loads is None:
        loads = Counter(judge for _, judge in existing)
    loads = {judge: loads.get(judge, 0) for judge in judges}

    kept = Counter(entry for entry, _ in existing)
    needed = {entry: max(0, k - kept[entry]) for entry in entries}
    candidates = {
        entry: [
            judge
            for judge in judges
            if (entry, judge) not in conflicts and (entry, judge) not in existing
        ]
        for entry in entries
    }

    # With judges uncapped, entries do not compete for them, so the maximum flow falls short
    # exactly where an entry has fewer candidates than it needs: counting finds those entries
    # (and explains them) without building the network.
    shortfalls = tuple(
        Shortfall(
            entry=entry,
            needed=needed[entry],
            eligible=len(candidates[entry]),
            conflicted=sum((entry, judge) in conflicts for judge in judges),
            inactive=sum((entry, judge) not in existing for judge in inactive),
        )
        for entry in entries
        if len(candidates[entry]) < needed[entry]
    )
    if shortfalls:
        return Infeasible(shortfalls)
    total = sum(needed.values())
    if total == 0:
        return Proposal(new_pairs=(), loads=dict(loads))

    capacity = _lowest_ceiling(entries, needed, candidates, loads=loads, total=total)
    new_pairs = _cheapest_pairs(entries, needed, candidates, capacity=capacity, loads=loads)
    after = Counter(dict(loads))
    after.update(judge for _, judge in new_pairs)
    return Proposal(new_pairs=tuple(new_pairs), loads={judge: after[judge] for judge in judges})


def _lowest_ceiling(entries, needed, candidates, *, loads, total) -> dict[Hashable, int]:
    """Each judge's room under the lowest ceiling on anyone's load that still serves every entry.

    Found by max flow. The balanced optimum never goes above it (it minimises the largest load),
    and unit nodes above it would only slow the solver down.
    """
    judges = list(loads)
    ceiling = math.ceil((sum(loads.values()) + total) / len(judges))
    while True:
        capacity = {judge: max(0, ceiling - loads[judge]) for judge in judges}
        graph = _network(entries, needed, candidates, judge_capacity=capacity)
        if nx.maximum_flow_value(graph, _SOURCE, _SINK) == total:
            return capacity
        ceiling += 1


def _cheapest_pairs(entries, needed, candidates, *, capacity, loads) -> list[Pair]:
    """The new (entry, judge) pairs of the min-cost flow: the most even loads within `capacity`."""
    total = sum(needed.values())
    graph = _network(entries, needed, candidates, judge_capacity=capacity, loads=loads)
    graph.nodes[_SOURCE]["demand"] = -total
    graph.nodes[_SINK]["demand"] = total
    flow = nx.min_cost_flow(graph)
    return sorted(
        (entry, judge)
        for entry in entries
        for (_, judge), units in flow.get(("entry", entry), {}).items()
        if units[0]
    )


def _network(entries, needed, candidates, *, judge_capacity, loads=None) -> nx.DiGraph:
    """Without `loads`, a plain network for max flow: each judge drains into the sink up to
    their capacity. With `loads`, the cost network: a judge reaches the sink through one parallel
    unit edge per extra review, costing the load it brings them to (a multigraph, which the
    network simplex handles faster than one node per unit)."""
    graph = nx.DiGraph() if loads is None else nx.MultiDiGraph()
    graph.add_node(_SOURCE)
    graph.add_node(_SINK)
    for entry in entries:
        if needed[entry]:
            graph.add_edge(_SOURCE, ("entry", entry), capacity=needed[entry], weight=0)
            for judge in candidates[entry]:
                graph.add_edge(("entry", entry), ("judge", judge), capacity=1, weight=0)
    for judge, capacity in judge_capacity.items():
        if not capacity:
            continue
        if loads is None:
            graph.add_edge(("judge", judge), _SINK, capacity=capacity, weight=0)
            continue
        for unit in range(1, capacity + 1):
            graph.add_edge(("judge", judge), _SINK, capacity=1, weight=loads[judge] + unit)
    return graph
