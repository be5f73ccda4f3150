"""Pure computation of award results from judges' scores (no Django in here).

Modules: :mod:`.inputs` (records, validation, weighted scores), :mod:`.aggregate` (per-entry
statistics), :mod:`.calibration` (z-scores, additive judge-offset model), :mod:`.ranking`
(tie-break rules, Borda, Schulze), :mod:`.reliability` (ICC, Krippendorff's alpha, Kendall's W,
judge agreement and flags), :mod:`.stability` (bootstrap), :mod:`.analysis` (``analyse``),
:mod:`.csvio` (CSV files), :mod:`.report` (JSON / CSV / table output), :mod:`.cli`.
"""

from .analysis import METHODS, analyse
from .csvio import ScoresFileError, load, read_scores, read_weights
from .inputs import Criterion, InputError, Review, ScoreRow
from .ranking import DEFAULT_TIE_BREAK, TIE_BREAK_RULES, tie_break_rules
from .report import format_table, to_json_dict, write_csv

__all__ = [
    "DEFAULT_TIE_BREAK",
    "METHODS",
    "TIE_BREAK_RULES",
    "Criterion",
    "InputError",
    "Review",
    "ScoreRow",
    "ScoresFileError",
    "analyse",
    "format_table",
    "load",
    "read_scores",
    "read_weights",
    "tie_break_rules",
    "to_json_dict",
    "write_csv",
]
