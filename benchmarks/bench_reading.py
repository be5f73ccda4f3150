"""Benchmark of reading a scores file: time and peak memory, 150,000 rows and a large file.

Writes seeded CSV files (entry,judge,criterion,score; the rows of ``bench_results.generate``)
in a temporary folder - 150,000 rows (about 3.5 MB) and 2,450,000 rows (about 55 MB) in UTF-8,
and the 150,000 rows as a Swedish Excel export (BOM, semicolons, decimal commas) - and reads each
with ``judging.results.csvio.read_score_columns`` in a fresh process, printing the best wall
time of ``--repeats`` runs and the peak resident memory of the process over its baseline
(``resource.getrusage``; target: below ten times the file's size).  No Django needed:

    .venv/bin/python benchmarks/bench_reading.py
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CRITERIA = ("originality", "craft", "impact", "clarity", "ambition", "fit")

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from judging.results.csvio import read_score_columns
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times = []
for _ in range({repeats}):
    start = time.perf_counter()
    read = read_score_columns({path!r})
    times.append(time.perf_counter() - start)
    rows = len(read.columns)
    del read
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"best": min(times), "rows": rows, "peak_kb": peak - base,
                  "format": read_score_columns({path!r}).format.describe()}}))
"""


def write_csv(path: Path, rows: int, *, swedish: bool = False, seed: int = 2024) -> None:
    rng = np.random.default_rng(seed)
    reviews = rows // len(CRITERIA)
    entries = max(reviews // 5, 1)
    entry = np.repeat(np.arange(entries), 5)[:reviews]
    judge = (entry * 7 + np.tile(np.arange(5), entries)[:reviews] * 11) % 50
    sep, header = (";", "\ufeffentry;judge;criterion;score\n") if swedish else (",", None)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(header or "entry,judge,criterion,score\n")
        for start in range(0, reviews, 50_000):
            e = entry[start : start + 50_000]
            j = judge[start : start + 50_000]
            lines = []
            for k, criterion in enumerate(CRITERIA):
                scores = np.clip(np.round(rng.normal(6, 1.5, len(e)) * 2) / 2, 1, 10)
                for ee, jj, s in zip(e.tolist(), j.tolist(), scores.tolist(), strict=True):
                    text = f"{s:g}".replace(".", ",") if swedish else f"{s:g}"
                    lines.append(f"E{ee + 1}{sep}J{jj + 1}{sep}{criterion}{sep}{text}\n")
                del k
            out.write("".join(lines))


def measure(path: Path, repeats: int) -> dict:
    code = CHILD.format(root=str(ROOT), repeats=repeats, path=str(path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large-rows", type=int, default=2_450_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = [
            ("150,000 rows, UTF-8", Path(folder) / "scores.csv", 150_000, False, 0.3),
            ("150,000 rows, Swedish Excel", Path(folder) / "svenska.csv", 150_000, True, 0.3),
            (
                f"{args.large_rows:,} rows, UTF-8",
                Path(folder) / "large.csv",
                args.large_rows,
                False,
                None,
            ),
        ]
        columns = f"{'MB':>7} {'rows':>10} {'best s':>8} {'peak MB':>8} {'x size':>7}"
        print(f"{'file':<32} {columns}  format")
        for label, path, rows, swedish, target in cases:
            write_csv(path, rows, swedish=swedish)
            size = path.stat().st_size / 1e6
            got = measure(path, args.repeats if rows <= 200_000 else 1)
            peak = got["peak_kb"] / 1024
            ok = "" if target is None else ("  ok" if got["best"] < target else "  SLOW")
            print(
                f"{label:<32} {size:7.1f} {got['rows']:>10,} {got['best']:8.3f} {peak:8.1f} "
                f"{peak / size:7.1f}  {got['format']}{ok}"
            )


if __name__ == "__main__":
    main()
