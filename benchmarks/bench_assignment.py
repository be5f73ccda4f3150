"""Benchmark of automatic assignment (judging.assignment_solver) at award sizes.

Seeded random instances: entries x judges, k reviews per entry, a share of conflicted pairs and,
for the "re-run" rows, the assignment of one judge who dropped out redone on top of the rest.
Prints one row per case: time, pairs proposed and the spread of loads (max - min). The target is
300 entries x 30 judges in well under a few seconds. No Django needed:

    .venv/bin/python benchmarks/bench_assignment.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judging.assignment_solver import Infeasible, assignment_solve  # noqa: E402

CASES = [
    # entries, judges, k, conflict share
    (50, 8, 3, 0.05),
    (100, 10, 3, 0.05),
    (300, 30, 3, 0.05),
    (300, 30, 5, 0.10),
]


def instance(entries: int, judges: int, share: float, seed: int):
    rng = random.Random(seed)
    entry_ids = list(range(entries))
    judge_ids = list(range(10_000, 10_000 + judges))
    conflicts = {(e, j) for e in entry_ids for j in judge_ids if rng.random() < share}
    return entry_ids, judge_ids, conflicts


def timed(**kwargs):
    """Wall-clock and CPU seconds: on a busy machine the CPU figure is the one to compare."""
    start, cpu = time.perf_counter(), time.process_time()
    result = assignment_solve(**kwargs)
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (median shown)")
    args = parser.parse_args()

    header = (
        f"{'case':<26} {'k':>2} {'median s':>9} {'max s':>7} {'cpu s':>7} {'pairs':>6} "
        f"{'spread':>6}"
    )
    print(header)
    print("-" * len(header))
    for entries, judges, k, share in CASES:
        entry_ids, judge_ids, conflicts = instance(entries, judges, share, seed=entries * judges)
        times, cpus, result = [], [], None
        for _ in range(args.repeat):
            seconds, cpu, result = timed(
                entries=entry_ids, judges=judge_ids, k=k, conflicts=conflicts
            )
            times.append(seconds)
            cpus.append(cpu)
        if isinstance(result, Infeasible):
            print(f"{entries} entries x {judges} judges".ljust(26), "infeasible")
            continue
        spread = max(result.loads.values()) - min(result.loads.values())
        label = f"{entries} entries x {judges} judges"
        print(
            f"{label:<26} {k:>2} {statistics.median(times):>9.3f} {max(times):>7.3f} "
            f"{statistics.median(cpus):>7.3f} {len(result.new_pairs):>6} {spread:>6}"
        )

        # A judge drops out: their pairs go, everything else is kept and counted.
        gone = judge_ids[0]
        kept = {pair for pair in result.new_pairs if pair[1] != gone}
        seconds, cpu, rerun = timed(
            entries=entry_ids,
            judges=judge_ids[1:],
            k=k,
            conflicts=conflicts,
            existing=kept,
            loads=Counter(judge for _, judge in kept),
            inactive_judges=[gone],
        )
        spread = max(rerun.loads.values()) - min(rerun.loads.values())
        label = "  re-run, 1 judge left"
        print(
            f"{label:<26} {k:>2} {seconds:>9.3f} {seconds:>7.3f} {cpu:>7.3f} "
            f"{len(rerun.new_pairs):>6} {spread:>6}"
        )


if __name__ == "__main__":
    main()
