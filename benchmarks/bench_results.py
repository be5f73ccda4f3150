"""Benchmark of the results computation (judging.results) on an award-sized data set.

5,000 entries x 5 reviews from 50 judges x 6 criteria = 150,000 scores, generated with a seeded
RNG (entry quality + judge leniency + noise, rounded to whole points on 1..10).  Prints the time
of reading the CSV, of the full analysis without bootstrap (target < 2 s) and with 1,000
bootstrap resamples (target < 10 s).  No Django needed:

    .venv/bin/python benchmarks/bench_results.py
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judging.results.analysis import analyse  # noqa: E402
from judging.results.csvio import read_scores  # noqa: E402
from judging.results.inputs import Criterion, ScoreRow  # noqa: E402

CRITERIA = [
    Criterion(name=name, weight=weight, minimum=1, maximum=10)
    for name, weight in (
        ("originality", 2.0),
        ("craft", 1.5),
        ("impact", 1.0),
        ("clarity", 1.0),
        ("ambition", 0.5),
        ("fit", 1.0),
    )
]


def generate(
    *, entries: int = 5000, judges: int = 50, per_entry: int = 5, seed: int = 2024
) -> list[ScoreRow]:
    rng = np.random.default_rng(seed)
    quality = rng.normal(6.0, 1.2, entries)
    leniency = rng.normal(0.0, 0.7, judges)
    rows = []
    for e in range(entries):
        panel = rng.choice(judges, size=per_entry, replace=False)
        for j in panel:
            noise = rng.normal(0.0, 1.0, len(CRITERIA))
            scores = np.clip(np.rint(quality[e] + leniency[j] + noise), 1, 10)
            for criterion, score in zip(CRITERIA, scores, strict=True):
                rows.append(ScoreRow(f"E{e + 1}", f"J{j + 1}", criterion.name, float(score)))
    return rows


def to_csv(rows: list[ScoreRow]) -> str:
    out = io.StringIO()
    out.write("entry,judge,criterion,score\n")
    for r in rows:
        out.write(f"{r.entry},{r.judge},{r.criterion},{r.score:g}\n")
    return out.getvalue()


def timed(fn, repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    rows = generate()
    text = to_csv(rows)
    print(f"data: {len(rows):,} scores, 5,000 entries, 50 judges, 6 criteria")

    cases = [
        ("read SCORES.csv (with validation)", lambda: read_scores(io.StringIO(text)), None),
        (
            "analyse, mean, no bootstrap",
            lambda: analyse(reviews=rows, criteria=CRITERIA, method="mean", bootstrap=0),
            2.0,
        ),
        (
            "analyse, offset, no bootstrap",
            lambda: analyse(reviews=rows, criteria=CRITERIA, method="offset", bootstrap=0),
            2.0,
        ),
        (
            "analyse, mean, 1,000 bootstrap resamples",
            lambda: analyse(reviews=rows, criteria=CRITERIA, method="mean", bootstrap=1000),
            10.0,
        ),
        (
            "analyse, zscore, 1,000 bootstrap resamples",
            lambda: analyse(reviews=rows, criteria=CRITERIA, method="zscore", bootstrap=1000),
            10.0,
        ),
    ]
    width = max(len(name) for name, _, _ in cases)
    print(f"{'case':<{width}}  {'best s':>8}  {'median s':>8}  {'target s':>8}  ok")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  {'-' * 8}  --")
    for name, fn, target in cases:
        best, median = timed(fn, args.repeats)
        ok = "" if target is None else ("yes" if median < target else "NO")
        shown = "" if target is None else f"{target:.1f}"
        print(f"{name:<{width}}  {best:8.3f}  {median:8.3f}  {shown:>8}  {ok}")


if __name__ == "__main__":
    main()
