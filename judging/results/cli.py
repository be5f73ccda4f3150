"""Command-line front end shared by ``manage.py analyse_scores`` and ``python -m judging.results``.

``analyse_scores SCORES [--weights WEIGHTS] [--method mean|zscore|offset|shrunk] [--top N]
[--format json|csv|table] [--bootstrap N] [--seed N] [--confidence P] [--without-judge J]...``.
SCORES and WEIGHTS may be CSV (UTF-8 or Windows-1252; comma, semicolon or tab; decimal point or
comma) or XLSX.  :func:`check_options` validates the options, :func:`run` does the work; every
bad option or file raises :class:`BadInput` (a :class:`~.csvio.ScoresFileError` is one), which
:func:`main` and the Django command turn into a message and exit status 2 - never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from .analysis import DEFAULT_TOP_N, analyse
from .csvio import ScoresFileError, load_files
from .methods import DEFAULT_METHOD, RANKING_METHODS
from .records import InputError
from .report import FORMATS, render

EXIT_BAD_INPUT = 2
MAX_BOOTSTRAP = 100_000


class BadInput(Exception):
    """A bad option or file: the message for the user, exit status 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments (also usable from a Django ``add_arguments``)."""
    parser.add_argument("scores", help="CSV or XLSX file with columns entry,judge,criterion,score")
    parser.add_argument(
        "--weights", help="CSV or XLSX file with columns criterion,weight[,min,max]"
    )
    parser.add_argument(
        "--method", choices=RANKING_METHODS, default=DEFAULT_METHOD, help="score that ranks"
    )
    parser.add_argument(
        "--top", type=int, default=DEFAULT_TOP_N, help="N for the probability of a top-N place"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", dest="format")
    parser.add_argument(
        "--bootstrap", type=int, default=1000, help="bootstrap resamples (0 to skip)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap generator")
    parser.add_argument(
        "--confidence", type=float, default=0.95, help="level of every interval (default 0.95)"
    )
    parser.add_argument(
        "--without-judge",
        action="append",
        default=[],
        dest="without_judge",
        metavar="JUDGE",
        help="what-if: leave this judge's scores out (repeatable; the files are not changed)",
    )


def check_options(*, top: int, bootstrap: int, confidence: float) -> None:
    if top < 1:
        raise BadInput("--top must be at least 1")
    if not 0 <= bootstrap <= MAX_BOOTSTRAP:
        raise BadInput(f"--bootstrap must be between 0 and {MAX_BOOTSTRAP:,}")
    if not 0 < confidence < 1:
        raise BadInput("--confidence must be between 0 and 1 (e.g. 0.95)")


def run(
    *,
    scores: str,
    weights: str | None = None,
    method: str = DEFAULT_METHOD,
    top: int = DEFAULT_TOP_N,
    fmt: str = "table",
    bootstrap: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    without_judges: Sequence[str] = (),
    stdout: TextIO,
    stderr: TextIO | None = None,
) -> None:
    """Read the files, analyse, write the report.  Raises :class:`BadInput` on bad input."""
    check_options(top=top, bootstrap=bootstrap, confidence=confidence)
    try:
        columns, criteria, formats = load_files(scores, weights)
        result = analyse(
            reviews=columns,
            criteria=criteria,
            method=method,
            top_n=top,
            bootstrap=bootstrap,
            seed=seed,
            confidence=confidence,
            exclude_judges=list(without_judges),
        )
    except ScoresFileError as error:
        raise BadInput(str(error)) from error
    except (InputError, ValueError) as error:
        raise BadInput(f"{scores}: {error}") from error
    result["input"] = {key: f.as_dict() for key, f in formats.items()}
    if stderr is not None:
        for key, f in formats.items():
            if not f.is_plain():
                name = scores if key == "scores" else weights
                stderr.write(f"note: {name}: {f.describe()}\n")
    stdout.write(render(result, fmt=fmt))


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = argparse.ArgumentParser(prog="analyse_scores", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)  # argparse itself exits with status 2 on a bad option
    try:
        run(
            scores=args.scores,
            weights=args.weights,
            method=args.method,
            top=args.top,
            fmt=args.format,
            bootstrap=args.bootstrap,
            seed=args.seed,
            confidence=args.confidence,
            without_judges=args.without_judge,
            stdout=stdout,
            stderr=stderr,
        )
    except BadInput as error:
        stderr.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    return 0
