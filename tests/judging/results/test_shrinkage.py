import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from judging.results.calibration import fit_additive
from judging.results.shrinkage import fit_shrunk
from judging.results.table import ReviewTable


def _round(*, entries=30, judges=12, per_entry=4, bias=0.6, seed=3):
    rng = np.random.default_rng(seed)
    quality = rng.normal(0, 1, entries)
    leniency = rng.normal(0, bias, judges)
    rows = []
    for e in range(entries):
        for j in rng.choice(judges, per_entry, replace=False):
            rows.append((f"E{e}", f"J{j}", quality[e] + leniency[j] + rng.normal(0, 1)))
    return rows


def test_shrunk_fit_matches_statsmodels_mixedlm_reml():
    # Reference: statsmodels MixedLM, entries as fixed effects, a random intercept per judge,
    # REML.  (Its default L-BFGS stops at the boundary here; Powell finds the optimum.)
    rows = _round()
    fit = fit_shrunk(ReviewTable.from_reviews(rows), test_level=None)
    frame = pd.DataFrame(rows, columns=["entry", "judge", "score"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = smf.mixedlm("score ~ 0 + C(entry)", frame, groups=frame["judge"])
        reference = model.fit(reml=True, method="powell")
    assert fit.residual_variance == pytest.approx(reference.scale, rel=1e-4)
    assert fit.judge_variance == pytest.approx(float(reference.cov_re.iloc[0, 0]), rel=1e-3)
    qualities = {k.split("[")[1].rstrip("]"): v for k, v in reference.fe_params.items()}
    assert fit.fit.qualities == pytest.approx(qualities, abs=1e-3)
    blups = {k: float(v.iloc[0]) for k, v in reference.random_effects.items()}
    assert fit.fit.offsets == pytest.approx(blups, abs=1e-3)


def test_shrunk_equals_raw_means_when_judges_do_not_differ():
    rows = _round(bias=0.0, seed=11)
    table = ReviewTable.from_reviews(rows)
    fit = fit_shrunk(table)
    assert fit.p_value > 0.01 and fit.variance_ratio == 0.0
    means = {}
    for entry, _, score in rows:
        means.setdefault(entry, []).append(score)
    assert fit.fit.qualities == pytest.approx({e: np.mean(v) for e, v in means.items()}, abs=1e-12)


def test_shrunk_approaches_the_offset_model_with_many_reviews_and_real_bias():
    rows = _round(entries=400, judges=10, per_entry=5, bias=1.5, seed=5)
    table = ReviewTable.from_reviews(rows)
    shrunk = fit_shrunk(table)
    offset = fit_additive(reviews=table, ridge=0.0)
    assert shrunk.p_value < 1e-6
    assert shrunk.fit.offsets == pytest.approx(offset.offsets, abs=0.01)
    # 200 reviews per judge: about 99.5% of each judge's leniency is corrected.
    assert min(shrunk.corrected_share.values()) > 0.99


def test_shrunk_barely_adjusts_a_judge_with_two_reviews():
    # Modest real bias (SD 0.4 against noise 1): a judge with 80 reviews is corrected by far
    # more than one with two, whose two scores say little about their leniency.
    rows = _round(entries=400, judges=20, per_entry=4, bias=0.4, seed=8)
    rows += [("E0", "J99", 0.0), ("E1", "J99", 0.0)]  # scores on the simulated scale
    fit = fit_shrunk(ReviewTable.from_reviews(rows))
    share = fit.corrected_share
    assert fit.p_value < 0.01
    assert share["J99"] < 0.5 < min(v for k, v in share.items() if k != "J99")
