"""The records that enter the results computation, and how labels are ordered.

* :class:`ScoreRow` - one ``(entry, judge, criterion, score)`` observation, as read from a file
  or from the database, optionally carrying the source line number for error messages;
* :class:`Criterion` - a rubric criterion with its weight and scale ``minimum..maximum``;
* :class:`Review` - one judge's weighted score for one entry;
* :class:`InputError` - what every validation raises.

Canonical order.  Entries and judges are sorted by :func:`label_key` (a "natural" sort, so
``J2`` comes before ``J10``).  Every computation downstream works on that order, so results never
depend on the order in which rows were given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

Label: TypeAlias = str | int
"""An entry or judge identifier: a string (CSV) or an integer (database primary key)."""


class InputError(ValueError):
    """Invalid input data.  ``line`` is the source line of the offending row, when known."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line is not None else reason)


@dataclass(frozen=True, slots=True)
class Criterion:
    """A rubric criterion.

    ``minimum``/``maximum`` may be left as ``None``; they are then taken from the smallest and
    largest score observed in the data (see :func:`resolve_criteria`).
    """

    name: str
    weight: float = 1.0
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise InputError("criterion name is empty")
        if not _is_finite_number(self.weight) or self.weight <= 0:
            raise InputError(
                f"weight {self.weight!r} of criterion {self.name!r} must be a positive number"
            )
        for bound in (self.minimum, self.maximum):
            if bound is not None and not _is_finite_number(bound):
                raise InputError(f"scale bound {bound!r} of criterion {self.name!r} is not finite")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InputError(
                f"criterion {self.name!r} has minimum {_fmt(self.minimum)} "
                f"above its maximum {_fmt(self.maximum)}"
            )


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One score given by ``judge`` to ``entry`` on ``criterion``; ``line`` is for messages."""

    entry: Label
    judge: Label
    criterion: str
    score: float
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """One judge's weighted score for one entry (on the rubric's scale)."""

    entry: Label
    judge: Label
    score: float


@dataclass(frozen=True, slots=True)
class IncompleteReview:
    """A review lacking some criteria; it is excluded from every aggregate."""

    entry: Label
    judge: Label
    missing: tuple[str, ...]


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def label_key(label: Label) -> tuple[Any, ...]:
    """Sort key giving a natural order of labels (``E2`` < ``E10``), total and deterministic.

    The raw text and the type name are appended so that distinct labels never compare equal
    (``"E01"`` and ``"E1"``, or ``1`` and ``"1"``).
    """
    text = str(label)
    # re.split with a capturing group alternates text / digit run, so odd positions are ASCII
    # digit runs (str.isdigit would also accept "²", which int() rejects).
    parts = tuple(
        (0, int(part), "") if pos % 2 else (1, 0, part)
        for pos, part in enumerate(_DIGIT_RUNS.split(text))
        if part
    )
    return (parts, text, type(label).__name__)


def sorted_labels(labels: Iterable[Label]) -> tuple[Label, ...]:
    """The distinct labels in canonical (natural) order."""
    return tuple(sorted(set(labels), key=label_key))


def as_score_rows(rows: Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]]) -> list[ScoreRow]:
    """Normalise rows given as :class:`ScoreRow`, 4-tuples or mappings with the four keys."""
    out: list[ScoreRow] = []
    for row in rows:
        if isinstance(row, ScoreRow):
            out.append(row)
        elif isinstance(row, Mapping):
            out.append(
                ScoreRow(
                    entry=row["entry"],
                    judge=row["judge"],
                    criterion=row["criterion"],
                    score=row["score"],
                    line=row.get("line"),
                )
            )
        else:
            entry, judge, criterion, score = row
            out.append(ScoreRow(entry=entry, judge=judge, criterion=criterion, score=score))
    return out


def as_criteria(
    criteria: Sequence[Criterion] | Mapping[str, float | Criterion] | None,
) -> list[Criterion] | None:
    """Accept criteria as a sequence of :class:`Criterion` or a mapping name -> weight."""
    if criteria is None:
        return None
    if isinstance(criteria, Mapping):
        return [
            value if isinstance(value, Criterion) else Criterion(name=name, weight=float(value))
            for name, value in criteria.items()
        ]
    return list(criteria)


def _is_finite_number(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _fmt(value: float) -> str:
    """Format a number for messages: ``7`` rather than ``7.0``, full precision otherwise."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
