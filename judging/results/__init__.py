"""Pure computation of award results from judges' scores (no Django in here).

Modules: :mod:`.records`, :mod:`.columns`, :mod:`.table`, :mod:`.weighting` (inputs, validation,
weighted scores; :mod:`.inputs` keeps the old names), :mod:`.aggregate` (per-entry statistics),
:mod:`.calibration` (z-scores, additive judge-offset model), :mod:`.shrinkage` (random-effects
offsets, REML), :mod:`.methods` (the ranking methods), :mod:`.ranking` (tie-break rules, Borda,
Schulze), :mod:`.icc`, :mod:`.components`, :mod:`.alpha`, :mod:`.kendall`,
:mod:`.judge_agreement`, :mod:`.reliability_intervals` (reliability; :mod:`.reliability` keeps
the old names), :mod:`.entry_intervals`, :mod:`.stability` (bootstrap), :mod:`.robustness`
(verdict), :mod:`.advice` (warnings as codes), :mod:`.sentences` (their English),
:mod:`.analysis` (``analyse``), :mod:`.file_formats`, :mod:`.score_reader`, :mod:`.csvio`
(CSV and XLSX files), :mod:`.report` (JSON / CSV / table output), :mod:`.cli`.
"""

from .analysis import METHODS, analyse
from .csvio import ScoresFileError, load, load_files, read_score_columns, read_scores, read_weights
from .inputs import Criterion, InputError, Review, ScoreRow
from .methods import DEFAULT_METHOD, RANKING_METHODS
from .ranking import DEFAULT_TIE_BREAK, TIE_BREAK_RULES, tie_break_rules
from .report import format_table, to_json_dict, write_csv

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_TIE_BREAK",
    "METHODS",
    "RANKING_METHODS",
    "TIE_BREAK_RULES",
    "Criterion",
    "InputError",
    "Review",
    "ScoreRow",
    "ScoresFileError",
    "analyse",
    "format_table",
    "load",
    "load_files",
    "read_score_columns",
    "read_scores",
    "read_weights",
    "tie_break_rules",
    "to_json_dict",
    "write_csv",
]
