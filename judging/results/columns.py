"""Score rows in columnar form: :class:`ScoreColumns`.

A list of 150,000 :class:`~.records.ScoreRow` objects costs a fifth of a second to build and
over 30 MB to hold; the file readers (:mod:`.csvio`) therefore hand over label tables plus
integer codes and a float array, and :func:`~.weighting.weighted_reviews` works on those
directly.  ``ScoreColumns`` also accepts the row forms (:func:`as_score_columns`), so callers
with a few hundred rows from the database keep passing plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .records import InputError, Label, ScoreRow, as_score_rows


@dataclass(frozen=True, eq=False)
class ScoreColumns:
    """``(entry, judge, criterion, score)`` observations as codes into label tables.

    ``entries``/``judges``/``criteria`` hold each distinct label once, in first-seen order;
    ``*_codes`` index into them; ``lines`` (or ``None``) gives each row's source line.
    """

    entries: tuple[Label, ...]
    judges: tuple[Label, ...]
    criteria: tuple[str, ...]
    entry_codes: np.ndarray
    judge_codes: np.ndarray
    criterion_codes: np.ndarray
    scores: np.ndarray
    lines: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    def line(self, row: int) -> int | None:
        return None if self.lines is None else int(self.lines[row])

    def row(self, row: int) -> ScoreRow:
        return ScoreRow(
            entry=self.entries[self.entry_codes[row]],
            judge=self.judges[self.judge_codes[row]],
            criterion=self.criteria[self.criterion_codes[row]],
            score=float(self.scores[row]),
            line=self.line(row),
        )

    def rows(self) -> list[ScoreRow]:
        """The rows as :class:`~.records.ScoreRow` records (slow for large files)."""
        entries = [self.entries[i] for i in self.entry_codes.tolist()]
        judges = [self.judges[i] for i in self.judge_codes.tolist()]
        criteria = [self.criteria[i] for i in self.criterion_codes.tolist()]
        lines = [None] * len(self) if self.lines is None else self.lines.tolist()
        return [
            ScoreRow(e, j, c, s, line)
            for e, j, c, s, line in zip(
                entries, judges, criteria, self.scores.tolist(), lines, strict=True
            )
        ]

    def without_judges(self, judges: Iterable[Label]) -> ScoreColumns:
        """The same observations minus every row of the given judges (labels kept)."""
        drop = set(judges)
        codes = [i for i, label in enumerate(self.judges) if label in drop]
        keep = ~np.isin(self.judge_codes, np.asarray(codes, dtype=np.int64))
        return ScoreColumns(
            entries=self.entries,
            judges=self.judges,
            criteria=self.criteria,
            entry_codes=self.entry_codes[keep],
            judge_codes=self.judge_codes[keep],
            criterion_codes=self.criterion_codes[keep],
            scores=self.scores[keep],
            lines=None if self.lines is None else self.lines[keep],
        )


def as_score_columns(
    scores: ScoreColumns | Iterable[ScoreRow | Sequence[Any] | Mapping[str, Any]],
) -> ScoreColumns:
    """Accept ready columns, or rows as :class:`ScoreRow`, 4-tuples or mappings.

    Raises :class:`~.records.InputError` (with the row's line) for a score that is not a number.
    """
    if isinstance(scores, ScoreColumns):
        return scores
    rows = as_score_rows(scores)
    codes: tuple[dict[Any, int], dict[Any, int], dict[str, int]] = ({}, {}, {})
    e = np.fromiter((codes[0].setdefault(r.entry, len(codes[0])) for r in rows), np.int64)
    j = np.fromiter((codes[1].setdefault(r.judge, len(codes[1])) for r in rows), np.int64)
    c = np.fromiter((codes[2].setdefault(str(r.criterion), len(codes[2])) for r in rows), np.int64)
    values = []
    for r in rows:
        try:
            values.append(float(r.score))
        except (TypeError, ValueError):
            raise InputError(f"score {r.score!r} is not a number", line=r.line) from None
    lines = [r.line for r in rows]
    return ScoreColumns(
        entries=tuple(codes[0]),
        judges=tuple(codes[1]),
        criteria=tuple(codes[2]),
        entry_codes=e,
        judge_codes=j,
        criterion_codes=c,
        scores=np.asarray(values, dtype=float),
        lines=None if any(line is None for line in lines) else np.asarray(lines, np.int64),
    )
