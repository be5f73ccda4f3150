"""Bradley-Terry fit of pairwise comparisons ("which of these two is better?").

Model
    ``P(i beats j) = 1 / (1 + exp(-(a_i - a_j)))`` with ``a`` the entries' abilities
    (log-strengths), identified by ``sum(a) = 0``.

Ties
    A tie ("equal") counts as half a win for each side (the "half-win" rule; not Davidson's
    tie parameter): it adds the same information as one win each way of a half comparison, so
    an entry's ``wins`` may end in ``.5``.

Fit
    Maximum likelihood by Newton's method on the log-likelihood, with step halving; the Hessian
    is the comparison-graph Laplacian, singular along ``(1, ..., 1)``, so its Moore-Penrose
    pseudo-inverse gives both the Newton step and - at the optimum - the covariance of the
    abilities under the sum-zero constraint (the observed Fisher information with the
    constraint; ``ability_sd`` is the square root of its diagonal).  This reproduces
    ``BTm`` of the R package BradleyTerry2 with sum-to-zero contrasts (see the tests).

When the maximum-likelihood estimate does not exist
    If some group of entries never loses to the rest (an entry that won every comparison, or
    comparisons falling into separate groups), the likelihood has no maximum: the abilities run
    off to infinity (Hunter 2004, condition A).  Small juries hit this often, so the fit then
    adds a weak normal prior on each ability (``penalty`` = 1 / variance, default 0.1, i.e. a
    prior SD of about 3.2 on the log scale) and says so (``regularised``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .records import InputError, Label, label_key, sorted_labels

DEFAULT_PENALTY = 0.1
_MAX_ITERATIONS = 200
_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class Comparison:
    """One judgement: ``winner`` was preferred to ``loser`` (or, with ``tie``, they were equal)."""

    winner: Label
    loser: Label
    tie: bool = False
    judge: Label | None = None


@dataclass(frozen=True, slots=True)
class EntryStrength:
    entry: Label
    ability: float
    ability_sd: float
    rank: int
    wins: float
    comparisons: int

    def interval(self, z: float = 1.959963984540054) -> tuple[float, float]:
        """A normal-approximation interval for the ability (95 % by default)."""
        return (self.ability - z * self.ability_sd, self.ability + z * self.ability_sd)


@dataclass(frozen=True, slots=True)
class BradleyTerryResult:
    entries: list[EntryStrength]
    """Best first (by ability; equal abilities share a rank, listed in label order)."""
    regularised: bool
    iterations: int

    def order(self) -> list[Label]:
        return [e.entry for e in self.entries]


def bradley_terry(
    *,
    comparisons: Iterable[Comparison | tuple],
    entries: Iterable[Label] | None = None,
    penalty: float = DEFAULT_PENALTY,
) -> BradleyTerryResult:
    """Fit the Bradley-Terry model (see the module docstring)."""
    items = [c if isinstance(c, Comparison) else Comparison(*c) for c in comparisons]
    for c in items:
        if c.winner == c.loser:
            raise InputError(f"entry {c.winner!r} is compared with itself")
    mentioned = [c.winner for c in items] + [c.loser for c in items]
    names = list(sorted_labels(mentioned)) if entries is None else list(entries)
    index = {name: i for i, name in enumerate(names)}
    unknown = [m for m in mentioned if m not in index]
    if unknown:
        raise InputError(f"comparison names unknown entry {unknown[0]!r}")
    n = len(names)
    wins = np.zeros((n, n))  # wins[i, j]: times i beat j (a tie: half each way)
    for c in items:
        i, j = index[c.winner], index[c.loser]
        if c.tie:
            wins[i, j] += 0.5
            wins[j, i] += 0.5
        else:
            wins[i, j] += 1.0
    counts = wins + wins.T
    regularised = n > 1 and not _mle_exists(wins)
    ability, cov, iterations = _fit(wins, counts, penalty if regularised else 0.0)
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    total_wins = wins.sum(axis=1)
    played = np.zeros(n, dtype=int)
    for c in items:
        played[index[c.winner]] += 1
        played[index[c.loser]] += 1
    order = sorted(range(n), key=lambda k: (-ability[k], label_key(names[k])))
    out: list[EntryStrength] = []
    for position, k in enumerate(order):
        previous = out[-1] if out else None
        same = previous is not None and math.isclose(
            previous.ability, float(ability[k]), rel_tol=1e-9, abs_tol=1e-9
        )
        out.append(
            EntryStrength(
                entry=names[k],
                ability=float(ability[k]),
                ability_sd=float(sd[k]),
                rank=previous.rank if same else position + 1,
                wins=float(total_wins[k]),
                comparisons=int(played[k]),
            )
        )
    return BradleyTerryResult(entries=out, regularised=regularised, iterations=iterations)


def _mle_exists(wins: np.ndarray) -> bool:
    """Hunter's condition A: the "beat" graph is strongly connected."""
    from scipy.sparse.csgraph import connected_components

    count, _ = connected_components(wins > 0, directed=True, connection="strong")
    return count == 1


def _log_likelihood(a: np.ndarray, wins: np.ndarray, penalty: float) -> float:
    diff = a[:, None] - a[None, :]
    # log P(i beats j) = -log(1 + exp(-(a_i - a_j))), computed stably.
    return float(-(wins * np.logaddexp(0.0, -diff)).sum() - penalty * (a @ a) / 2)


def _fit(
    wins: np.ndarray, counts: np.ndarray, penalty: float
) -> tuple[np.ndarray, np.ndarray, int]:
    n = len(wins)
    a = np.zeros(n)
    if n < 2:
        return a, np.zeros((n, n)), 0
    current = _log_likelihood(a, wins, penalty)
    iterations = 0
    while iterations < _MAX_ITERATIONS:
        iterations += 1
        p = 1.0 / (1.0 + np.exp(-(a[:, None] - a[None, :])))
        gradient = wins.sum(axis=1) - (counts * p).sum(axis=1) - penalty * a
        information = _information(counts, p, penalty)
        step = np.linalg.pinv(information, hermitian=True) @ gradient
        scale = 1.0
        while True:
            candidate = a + scale * step
            candidate -= candidate.mean()
            value = _log_likelihood(candidate, wins, penalty)
            if value >= current - 1e-12 or scale < 1e-8:
                break
            scale /= 2
        a, previous, current = candidate, current, value
        if np.abs(scale * step).max() < 1e-10 or abs(current - previous) < _TOLERANCE:
            break
    p = 1.0 / (1.0 + np.exp(-(a[:, None] - a[None, :])))
    information = _information(counts, p, penalty)
    # The pseudo-inverse is the covariance in the sum-zero subspace (project it there, as a
    # penalised information is invertible but its inverse is not yet centred).
    centre = np.eye(n) - np.full((n, n), 1.0 / n)
    cov = centre @ np.linalg.pinv(information, hermitian=True) @ centre
    return a, cov, iterations


def _information(counts: np.ndarray, p: np.ndarray, penalty: float) -> np.ndarray:
    weight = counts * p * (1.0 - p)
    information = np.diag(weight.sum(axis=1)) - weight
    return information + penalty * np.eye(len(counts))


def comparisons_per_entry(comparisons: Sequence[Comparison]) -> dict[Label, int]:
    out: dict[Label, int] = {}
    for c in comparisons:
        out[c.winner] = out.get(c.winner, 0) + 1
        out[c.loser] = out.get(c.loser, 0) + 1
    return out


def leave_one_judge_out(*, comparisons: Sequence[Comparison]) -> dict:
    """The fit recomputed without each judge's comparisons in turn: who would come first then.

    ``{"winner": [...], "same": n, "variants": m, "changes": [{"judge", "winner"}]}`` like the
    rankings' check (:func:`.ballot_ranking.leave_one_judge_out`); entries tied first are all
    winners.
    """

    def first(items: Sequence[Comparison]) -> list[Label]:
        if not items:
            return []
        fit = bradley_terry(comparisons=items)
        return [e.entry for e in fit.entries if e.rank == 1]

    full = first(comparisons)
    judges = sorted({c.judge for c in comparisons if c.judge is not None}, key=label_key)
    judges = judges if len(judges) > 1 else []
    changes = []
    for judge in judges:
        found = first([c for c in comparisons if c.judge != judge])
        if found != full:
            changes.append({"judge": judge, "winner": found})
    return {
        "winner": full,
        "same": len(judges) - len(changes),
        "variants": len(judges),
        "changes": changes,
    }
