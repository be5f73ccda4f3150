"""Command-line front end shared by ``manage.py analyse_scores`` and ``python -m judging.results``.

``analyse_scores SCORES.csv [--weights WEIGHTS.csv] [--method mean|zscore|offset] [--top N]
[--format json|csv|table]``.  :func:`run` does the work and raises
:class:`~.csvio.ScoresFileError` for bad input; :func:`main` turns that into exit status 2 with
the message on stderr, so a thin Django command can either call :func:`main` or call
:func:`run` and map the exception itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from .analysis import DEFAULT_TOP_N, METHODS, analyse
from .csvio import ScoresFileError, load
from .report import FORMATS, render

EXIT_BAD_INPUT = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments (also usable from a Django ``add_arguments``)."""
    parser.add_argument("scores", help="CSV file with columns entry,judge,criterion,score")
    parser.add_argument("--weights", help="CSV file with columns criterion,weight[,min,max]")
    parser.add_argument("--method", choices=METHODS, default="mean", help="score that ranks")
    parser.add_argument(
        "--top", type=int, default=DEFAULT_TOP_N, help="N for the probability of a top-N place"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", dest="format")
    parser.add_argument(
        "--bootstrap", type=int, default=1000, help="bootstrap resamples (0 to skip)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the bootstrap generator")


def run(
    *,
    scores: str,
    weights: str | None = None,
    method: str = "mean",
    top: int = DEFAULT_TOP_N,
    fmt: str = "table",
    bootstrap: int = 1000,
    seed: int = 0,
    stdout: TextIO,
) -> None:
    """Read the files, analyse, write the report.  Raises ScoresFileError on bad input."""
    rows, criteria = load(scores, weights)
    result = analyse(
        reviews=rows,
        criteria=criteria,
        method=method,
        top_n=top,
        bootstrap=bootstrap,
        seed=seed,
    )
    stdout.write(render(result, fmt=fmt))


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = argparse.ArgumentParser(prog="analyse_scores", description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.top < 1:
        parser.error("--top must be at least 1")
    if args.bootstrap < 0:
        parser.error("--bootstrap must be 0 or more")
    try:
        run(
            scores=args.scores,
            weights=args.weights,
            method=args.method,
            top=args.top,
            fmt=args.format,
            bootstrap=args.bootstrap,
            seed=args.seed,
            stdout=stdout,
        )
    except ScoresFileError as error:
        stderr.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    return 0
