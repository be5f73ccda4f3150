"""Which ranking method recovers the truth best: a simulation over jury designs.

For every design of the grid - judges (10, 30, 100) x reviews per judge (2, 5, 15, 60) x judge
bias (none / SD 0.7 of the quality SD) x pools (every judge sees a random sample of entries /
panels see pools of different quality) - it simulates ``--replications`` rounds with fixed
seeds, ranks the entries by every method of ``judging.results`` and prints, per method, the mean
Spearman correlation with the simulated true quality and the RMSE (centred, in rubric points),
plus each calibrated method's paired difference from raw means with two standard errors.  A
method is "worse than raw means beyond noise" in a design when its mean difference in Spearman
is below ``-2 SE``.

The simulated round: true quality ``q ~ N(pool shift, 1)``, judge bias ``b ~ N(0, bias)``, noise
``N(0, 1)``, score ``clip(round(5.5 + 1.5 (q + b + noise)), 1, 10)``; 4 reviews per entry
(``entries = judges x reviews per judge / 4``), assigned to the least-loaded judges.  With
pools, judges form panels (2 for 10 judges, else 5); a panel's pool has mean quality from -1 to
+1 and each entry gets 3 reviews from its panel and 1 from another (so the design connects).

    .venv/bin/python benchmarks/sim_calibration.py [--replications 200]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judging.results.methods import RANKING_METHODS, Calibrations  # noqa: E402
from judging.results.table import ReviewTable  # noqa: E402

JUDGES = (10, 30, 100)
REVIEWS_PER_JUDGE = (2, 5, 15, 60)
BIAS = (0.0, 0.7)
POOLS = ("same", "differ")
PER_ENTRY = 4


def simulate(
    rng: np.random.Generator, *, judges: int, per_judge: int, bias: float, pools: str
) -> tuple[ReviewTable, np.ndarray]:
    entries = max(judges * per_judge // PER_ENTRY, 4)
    panels = 1 if pools == "same" else (2 if judges < 30 else 5)
    panel_of_judge = np.arange(judges) % panels
    pool_of_entry = np.arange(entries) % panels
    shifts = np.linspace(-1.0, 1.0, panels) if panels > 1 else np.zeros(1)
    quality = rng.normal(0.0, 1.0, entries) + shifts[pool_of_entry]
    leniency = rng.normal(0.0, bias, judges) if bias else np.zeros(judges)
    load = np.zeros(judges)
    e_list, j_list = [], []
    for e in range(entries):
        tiebreak = rng.random(judges)
        if panels == 1:
            chosen = np.lexsort((tiebreak, load))[:PER_ENTRY]
        else:
            own = panel_of_judge == pool_of_entry[e]
            inside = np.flatnonzero(own)[np.lexsort((tiebreak[own], load[own]))][: PER_ENTRY - 1]
            outside = np.flatnonzero(~own)[np.lexsort((tiebreak[~own], load[~own]))][:1]
            chosen = np.concatenate((inside, outside))
        load[chosen] += 1
        e_list.extend([e] * len(chosen))
        j_list.extend(chosen.tolist())
    e_idx = np.array(e_list)
    j_idx = np.array(j_list)
    raw = quality[e_idx] + leniency[j_idx] + rng.normal(0.0, 1.0, len(e_idx))
    scores = np.clip(np.rint(5.5 + 1.5 * raw), 1, 10)
    table = ReviewTable.from_codes(
        entries=list(range(entries)),
        judges=list(range(judges)),
        entry_codes=e_idx,
        judge_codes=j_idx,
        scores=scores,
    )
    return table, 5.5 + 1.5 * quality


def evaluate(table: ReviewTable, truth: np.ndarray) -> dict[str, tuple[float, float]]:
    calibrations = Calibrations(table=table, standard_errors=False)
    out = {}
    for method in RANKING_METHODS:
        scores = calibrations.scores(method)
        values = np.array([scores[label] for label in table.entries])
        true = truth[np.asarray(table.entries)]
        rho = float(spearmanr(values, true).statistic)
        rmse = float(np.sqrt(np.mean(((values - values.mean()) - (true - true.mean())) ** 2)))
        out[method] = (rho, rmse)
    return out


def progress(done: int, total: int, started: float) -> None:
    width = 30
    filled = int(width * done / total)
    elapsed = time.perf_counter() - started
    eta = elapsed / done * (total - done) if done else 0.0
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done}/{total} designs, {elapsed:.0f} s, ~{eta:.0f} s left ")
    sys.stderr.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    designs = list(itertools.product(JUDGES, REVIEWS_PER_JUDGE, BIAS, POOLS))
    others = [m for m in RANKING_METHODS if m != "mean"]
    header = (
        f"{'judges':>6} {'rev/j':>5} {'bias':>4} {'pools':>6} {'entries':>7}  "
        + "  ".join(f"{m:>6}" for m in RANKING_METHODS)
        + "  "
        + "  ".join(f"{'d(' + m + ')':>15}" for m in others)
        + "  "
        + "  ".join(f"{'rmse ' + m:>11}" for m in RANKING_METHODS)
    )
    lines = [header, "-" * len(header)]
    worse = dict.fromkeys(others, 0)
    started = time.perf_counter()
    for number, (judges, per_judge, bias, pools) in enumerate(designs):
        progress(number, len(designs), started)
        rng = np.random.default_rng([args.seed, judges, per_judge, int(bias * 10), len(pools)])
        rho = {m: [] for m in RANKING_METHODS}
        rmse = {m: [] for m in RANKING_METHODS}
        entries = 0
        for _ in range(args.replications):
            table, truth = simulate(rng, judges=judges, per_judge=per_judge, bias=bias, pools=pools)
            entries = table.n_entries
            for method, (r, e) in evaluate(table, truth).items():
                rho[method].append(r)
                rmse[method].append(e)
        base = np.array(rho["mean"])
        cells = []
        for method in others:
            diff = np.array(rho[method]) - base
            mean, se = float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(len(diff)))
            flag = "!" if mean < -2 * se else " "
            worse[method] += flag == "!"
            cells.append(f"{mean:+.3f}+-{2 * se:.3f}{flag}")
        lines.append(
            f"{judges:>6} {per_judge:>5} {bias:>4.1f} {pools:>6} {entries:>7}  "
            + "  ".join(f"{np.mean(rho[m]):6.3f}" for m in RANKING_METHODS)
            + "  "
            + "  ".join(f"{c:>15}" for c in cells)
            + "  "
            + "  ".join(f"{np.mean(rmse[m]):11.3f}" for m in RANKING_METHODS)
        )
    progress(len(designs), len(designs), started)
    sys.stderr.write("\n")
    print(f"Spearman with the true quality, mean of {args.replications} replications per design")
    print("d(method): method minus raw means, paired, +- 2 SE; '!' = worse beyond noise")
    print("\n".join(lines))
    print()
    for method in others:
        print(f"{method}: worse than raw means beyond noise in {worse[method]} of {len(designs)}")


if __name__ == "__main__":
    main()
