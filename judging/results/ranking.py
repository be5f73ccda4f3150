"""Ordering entries: ranking by score with tie-break rules, Borda count, Schulze method.

Tie-break rules
    Entries whose primary scores are equal are separated by the rules of :data:`TIE_BREAK_RULES`
    applied in the configured order (default :data:`DEFAULT_TIE_BREAK`: higher median, then
    more reviews, then the chair's decision).  ``"chair"`` stops the cascade: whatever is still
    tied is reported as an unresolved tie, shares one rank, and is listed in label order - the
    input or database order never decides anything.  Rules are plain data
    (:func:`tie_break_rules`) so the app can offer and store them.

    Two scores count as equal when they differ by at most ``1e-9`` relative (``1e-12``
    absolute): a mean of 1/3s and a mean of equal scores must tie even if floating-point
    rounding differs in the last bit.  Equal-score groups are formed by chaining sorted
    neighbours, which is order-independent.

    Ranks are "competition" ranks: a tie for 2nd gives ``1, 2, 2, 4``.

Ballots (Borda, Schulze)
    A ballot is a sequence of *tiers*, best first; a tier is a label or a collection of labels
    ranked equal, e.g. ``["A", ("B", "C"), "D"]``.  Candidates missing from a ballot count as
    tied below every candidate it lists.  ``counts`` gives how many voters cast each ballot.

Borda count
    With ``n`` candidates a position ``p`` (0-based) is worth ``n - 1 - p`` points; candidates
    in a tier share the average of the points of the positions the tier occupies (the
    "averaged" rule), so every ballot hands out ``n(n-1)/2`` points and a candidate's score
    equals its pairwise wins with ties counting one half.

Schulze method
    ``d[a, b]`` is the number of voters ranking ``a`` strictly above ``b``.  A link ``a -> b``
    has strength ``d[a, b]`` when ``d[a, b] > d[b, a]`` (winning votes); ``p[a, b]`` is the
    strength of the strongest path (widest path, Floyd-Warshall).  ``a`` beats ``b`` when
    ``p[a, b] > p[b, a]``; this relation is transitive (Schulze 2011), and the ordering is built
    by repeatedly taking every remaining candidate that no remaining candidate beats - a tier of
    several candidates is a tie.  Runs in ``O(n^3)``: meant for short final lists.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .inputs import Label, label_key, sorted_labels

SCORE_REL_TOL = 1e-9
SCORE_ABS_TOL = 1e-12


@dataclass(frozen=True, slots=True)
class TieBreakRule:
    name: str
    label: str
    description: str
    field: str | None
    """Key of the statistic in the tie data; ``None`` for the chair's decision."""
    higher_is_better: bool = True


TIE_BREAK_RULES: dict[str, TieBreakRule] = {
    rule.name: rule
    for rule in (
        TieBreakRule(
            "median", "Higher median", "The entry with the higher median score.", "median"
        ),
        TieBreakRule("reviews", "More reviews", "The entry reviewed by more judges.", "reviews"),
        TieBreakRule("mean", "Higher mean", "The entry with the higher mean score.", "mean"),
        TieBreakRule(
            "trimmed_mean",
            "Higher trimmed mean",
            "The entry with the higher 20% trimmed mean (entries with fewer than 5 reviews "
            "have none and come after those that have one).",
            "trimmed_mean",
        ),
        TieBreakRule(
            "minimum", "Higher lowest score", "The entry whose lowest score is higher.", "minimum"
        ),
        TieBreakRule(
            "sd",
            "More consistent scores",
            "The entry whose scores have the smaller standard deviation.",
            "sd",
            higher_is_better=False,
        ),
        TieBreakRule(
            "chair",
            "Chair's decision",
            "Stop here: the entries stay tied and the tie is reported as unresolved.",
            None,
        ),
    )
}

DEFAULT_TIE_BREAK: tuple[str, ...] = ("median", "reviews", "chair")


def tie_break_rules() -> list[dict[str, Any]]:
    """The available rules as plain dicts (for forms, settings, API)."""
    return [asdict(rule) for rule in TIE_BREAK_RULES.values()]


def validate_tie_break(rules: Sequence[str]) -> tuple[str, ...]:
    unknown = [r for r in rules if r not in TIE_BREAK_RULES]
    if unknown:
        raise ValueError(
            f"unknown tie-break rule {unknown[0]!r}; choose from {', '.join(TIE_BREAK_RULES)}"
        )
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class RankedItem:
    item: Label
    rank: int
    score: float
    tied_with: tuple[Label, ...]
    """Other items sharing this rank (an unresolved tie)."""
    decided_by: str | None
    """What put this rank below the one above: "score", a tie-break rule name, or None (top)."""


def rank_by_score(
    *,
    scores: Mapping[Label, float],
    tie_data: Mapping[Label, Mapping[str, float | int | None]] | None = None,
    rules: Sequence[str] = DEFAULT_TIE_BREAK,
) -> list[RankedItem]:
    """Order items by descending score, breaking ties by ``rules`` (see module docstring)."""
    rules = validate_tie_break(rules)
    tie_data = tie_data or {}
    if any(not math.isfinite(float(s)) for s in scores.values()):
        raise ValueError("scores must be finite numbers")
    items = sorted(scores, key=lambda k: (-float(scores[k]), label_key(k)))
    out: list[RankedItem] = []
    for g, group in enumerate(_chain_groups(items, lambda k: float(scores[k]))):
        for p, (tier, how) in enumerate(_break(group, tie_data, rules)):
            if p == 0:
                how = "score" if g > 0 else None
            rank = len(out) + 1
            members = sorted(tier, key=label_key)
            for item in members:
                out.append(
                    RankedItem(
                        item=item,
                        rank=rank,
                        score=float(scores[item]),
                        tied_with=tuple(o for o in members if o != item),
                        decided_by=how,
                    )
                )
    return out


def _break(
    group: list[Label], tie_data: Mapping[Label, Mapping[str, Any]], rules: tuple[str, ...]
) -> list[tuple[list[Label], str | None]]:
    """Split an equal-score group into ordered tiers using the rules in turn.

    Each tier comes with the name of the rule that separated it from the tier above (None for
    the first tier of the group).
    """
    if len(group) == 1 or not rules:
        return [(group, None)]
    rule = TIE_BREAK_RULES[rules[0]]
    if rule.field is None:  # the chair decides: stop, the group stays tied
        return [(group, None)]
    sign = -1.0 if rule.higher_is_better else 1.0

    def key(item: Label) -> tuple[int, float, Any]:
        value = _value(tie_data, item, rule)
        # Missing values (e.g. no trimmed mean) sort after every present value.
        return (1, 0.0, label_key(item)) if value is None else (0, sign * value, label_key(item))

    ordered = sorted(group, key=key)
    subgroups = _chain_groups(ordered, lambda k: _value(tie_data, k, rule))
    out: list[tuple[list[Label], str | None]] = []
    for position, sub in enumerate(subgroups):
        parts = _break(sub, tie_data, rules[1:])
        if position > 0:  # this rule is what put the sub-group below the previous one
            parts[0] = (parts[0][0], rule.name)
        out.extend(parts)
    return out


def _value(
    tie_data: Mapping[Label, Mapping[str, Any]], item: Label, rule: TieBreakRule
) -> float | None:
    value = tie_data.get(item, {}).get(rule.field) if rule.field else None
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def _equal(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=SCORE_REL_TOL, abs_tol=SCORE_ABS_TOL)


def _chain_groups(ordered: list[Label], value: Any) -> list[list[Label]]:
    groups: list[list[Label]] = []
    previous: float | None = None
    for item in ordered:
        current = value(item)
        if groups and _equal(previous, current):
            groups[-1].append(item)
        else:
            groups.append([item])
        previous = current
    return groups


# --------------------------------------------------------------------------- ballots

Ballot = Sequence[Label | Collection[Label]]


@dataclass(frozen=True, slots=True)
class BordaResult:
    points: dict[Label, float]
    order: list[list[Label]]
    """Tiers, best first; a tier of several candidates is a tie on points."""


@dataclass(frozen=True, slots=True)
class SchulzeResult:
    candidates: list[Label]
    pairwise: list[list[float]]
    """``pairwise[a][b]``: voters ranking candidate ``a`` strictly above ``b``."""
    strongest_paths: list[list[float]]
    order: list[list[Label]]
    winners: list[Label]


def borda(
    *,
    ballots: Sequence[Ballot],
    candidates: Iterable[Label] | None = None,
    counts: Sequence[float] | None = None,
) -> BordaResult:
    """Borda count with the averaged rule for ties (see module docstring)."""
    names, tiers_list, weights = _prepare_ballots(ballots, candidates, counts)
    n = len(names)
    points = np.zeros(n)
    for tiers, weight in zip(tiers_list, weights, strict=True):
        position = 0
        for tier in tiers:
            size = len(tier)
            # Positions position..position+size-1 share their points: mean of n-1-p.
            share = n - 1 - (position + (size - 1) / 2.0)
            points[tier] += weight * share
            position += size
    result = {name: float(points[i]) for i, name in enumerate(names)}
    ordered = sorted(names, key=lambda k: (-result[k], label_key(k)))
    return BordaResult(points=result, order=_chain_groups(ordered, lambda k: result[k]))


def schulze(
    *,
    ballots: Sequence[Ballot],
    candidates: Iterable[Label] | None = None,
    counts: Sequence[float] | None = None,
) -> SchulzeResult:
    """Schulze (beatpath) method with full ordering and both matrices (see module docstring)."""
    names, tiers_list, weights = _prepare_ballots(ballots, candidates, counts)
    n = len(names)
    d = np.zeros((n, n))
    for tiers, weight in zip(tiers_list, weights, strict=True):
        level = np.empty(n, dtype=np.int64)
        for t, tier in enumerate(tiers):
            level[tier] = t
        d += weight * (level[:, None] < level[None, :])
    p = np.where(d > d.T, d, 0.0)
    for k in range(n):
        p = np.maximum(p, np.minimum(p[:, k : k + 1], p[k : k + 1, :]))
    np.fill_diagonal(p, 0.0)
    beats = p > p.T
    remaining = list(range(n))
    order: list[list[Label]] = []
    while remaining:
        idx = np.array(remaining)
        unbeaten = [i for i in remaining if not beats[idx, i].any()]
        order.append(sorted((names[i] for i in unbeaten), key=label_key))
        remaining = [i for i in remaining if i not in unbeaten]
    return SchulzeResult(
        candidates=list(names),
        pairwise=_plain(d),
        strongest_paths=_plain(p),
        order=order,
        winners=list(order[0]) if order else [],
    )


def _prepare_ballots(
    ballots: Sequence[Ballot],
    candidates: Iterable[Label] | None,
    counts: Sequence[float] | None,
) -> tuple[list[Label], list[list[list[int]]], list[float]]:
    if counts is not None and len(counts) != len(ballots):
        raise ValueError("counts must give one number per ballot")
    weights = [1.0] * len(ballots) if counts is None else [float(c) for c in counts]
    if any(not math.isfinite(w) or w < 0 for w in weights):
        raise ValueError("ballot counts must be non-negative numbers")
    parsed = [[_tier(t) for t in ballot] for ballot in ballots]
    mentioned = {name for ballot in parsed for tier in ballot for name in tier}
    names = list(sorted_labels(mentioned)) if candidates is None else list(candidates)
    if len(set(names)) != len(names):
        raise ValueError("candidates must be distinct")
    index = {name: i for i, name in enumerate(names)}
    unknown = mentioned - set(index)
    if unknown:
        raise ValueError(f"ballot names unknown candidate {sorted(unknown, key=label_key)[0]!r}")
    tiers_list = []
    for ballot in parsed:
        tiers: list[list[int]] = []
        used: set[int] = set()
        for tier in ballot:
            codes = [index[name] for name in tier]
            if used.intersection(codes) or len(set(codes)) != len(codes):
                raise ValueError("a ballot ranks the same candidate twice")
            used.update(codes)
            if codes:
                tiers.append(codes)
        rest = [i for i in range(len(names)) if i not in used]
        if rest:  # unranked candidates tie below everything ranked
            tiers.append(rest)
        tiers_list.append(tiers)
    return names, tiers_list, weights


def _tier(tier: Label | Collection[Label]) -> list[Label]:
    if isinstance(tier, (str, int)):
        return [tier]
    return list(tier)


def _plain(matrix: np.ndarray) -> list[list[float]]:
    return [[_num(v) for v in row] for row in matrix.tolist()]


def _num(value: float) -> float:
    # Whole vote counts read better as ints (20 rather than 20.0); JSON treats both alike.
    return int(value) if float(value).is_integer() else float(value)
