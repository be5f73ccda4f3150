"""Input records, their validation and the weighted review score, under one name.

The code lives in modules named for what they hold - :mod:`.records` (``ScoreRow``,
``Criterion``, ``Review``, ``InputError``, label order), :mod:`.columns` (``ScoreColumns``, rows
in columnar form), :mod:`.table` (``ReviewTable``) and :mod:`.weighting` (weighted scores and
validation); this module keeps the names importable from ``judging.results.inputs`` as before.
"""

from .columns import ScoreColumns, as_score_columns
from .records import (
    Criterion,
    IncompleteReview,
    InputError,
    Label,
    Review,
    ScoreRow,
    as_criteria,
    as_score_rows,
    label_key,
    sorted_labels,
)
from .table import ReviewTable, as_table, canonical_ranks
from .weighting import (
    WeightedReviews,
    resolve_criteria,
    rubric_scale,
    validate_scores,
    weighted_reviews,
    weighted_score,
)

__all__ = [
    "Criterion",
    "IncompleteReview",
    "InputError",
    "Label",
    "Review",
    "ReviewTable",
    "ScoreColumns",
    "ScoreRow",
    "WeightedReviews",
    "as_criteria",
    "as_score_columns",
    "as_score_rows",
    "as_table",
    "canonical_ranks",
    "label_key",
    "resolve_criteria",
    "rubric_scale",
    "sorted_labels",
    "validate_scores",
    "weighted_reviews",
    "weighted_score",
]
