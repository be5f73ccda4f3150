"""English sentences for the codes of :mod:`.advice` and :mod:`.robustness` (command line, JSON).

The analysis itself returns codes and parameters only; this module is the one place that
turns them into English, so the results page can ignore it and build the same sentences with
gettext from the same ``code`` and ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

METHOD_NAMES = {
    "mean": "raw means",
    "zscore": "z-scores",
    "offset": "judge offsets",
    "shrunk": "shrunk judge offsets",
}
REASONS = {
    "few_reviews_per_judge": "most judges reviewed fewer than 10 entries",
    "pools_differ": "judges saw pools of entries of different quality",
    "judges_do_not_differ": "the judges do not differ in leniency beyond noise",
    "judges_differ": "the judges differ in leniency and not everyone scored every entry",
}


def warning_text(warning: Mapping[str, Any]) -> str:
    p = warning["params"]
    code = warning["code"]
    if code == "method_unsafe":
        why = "; ".join(REASONS.get(r, r) for r in p["reasons"])
        name = METHOD_NAMES.get(p["method"], p["method"])
        if p["reasons"] == ["judges_differ"]:
            return f"Ranking by {name} although {why}; {METHOD_NAMES['shrunk']} correct for it."
        return (
            f"Ranking by {name} can be worse than raw means here ({why}); "
            f"{METHOD_NAMES[p['suggested']]} are safe in rounds like this."
        )
    if code == "disconnected_design":
        return (
            f"The judges and entries fall into {p['groups']} groups that share no reviews; "
            "calibrated scores are comparable only within a group."
        )
    if code == "judge_few_reviews":
        return (
            f"Judge {p['judge']} reviewed only {p['reviews']} entries: too few to estimate their "
            f"leniency; shrunk offsets correct about {100 * p['corrected_share']:.0f}% of it."
        )
    if code == "single_review_entries":
        return f"{p['count']} entries have a single review: their scores are the least certain."
    if code == "incomplete_reviews":
        return f"{p['count']} incomplete reviews were left out."
    if code == "no_intervals":
        return "No entry has an interval: every entry has a single review."
    return code


def flag_text(flag: Mapping[str, Any]) -> str:
    return f"Judge {flag['judge']} {flag['message']}."


def reliability_text(reading: Mapping[str, Any]) -> str:
    p = reading["params"]
    if reading["code"] == "reliability_unknown":
        return "Too few entries with two or more reviews to say how reliable the scores are."
    interval = ""
    if p.get("low") is not None:
        # An F bound of an ANOVA ICC can fall below 0 (even below -1); as a share of variance
        # the figure means "none", so the sentence clips it.
        low, high = (min(max(v, 0.0), 1.0) for v in (p["low"], p["high"]))
        interval = f" (95% interval {100 * low:.0f}-{100 * high:.0f}%)"
    final = "raw means" if p["figure"] == "ICC_Ak" else "calibrated scores"
    return (
        f"With {p['k']:.1f} reviews per entry, {100 * p['value']:.0f}%{interval} of the "
        f"differences between the entries' {final} reflect the entries rather than noise and "
        f"the luck of which judges scored them: {p['band']} reliability (Koo & Li 2016)."
    )


def variant_text(variant: Mapping[str, Any]) -> str:
    if variant["kind"] == "method":
        return f"ranked by {METHOD_NAMES.get(variant['method'], variant['method'])}"
    return f"{variant['judge']}'s scores are left out"


def robustness_text(robustness: Mapping[str, Any], *, top_n: int) -> list[str]:
    """The verdict as sentences: winner, swaps in the top N, settled and unsettled places."""
    if robustness["code"] == "no_ranking":
        return []
    winner = " and ".join(str(w) for w in robustness["winner"])
    lines = [
        f"The winner ({winner}) is the same in {robustness['winner_same']} of "
        f"{robustness['variants']} variants (each judge left out, each other method)."
    ]
    for change in robustness["changes"][:5]:
        winners = [str(w) for w in change["winner"]]
        if len(winners) == 1:
            lines.append(f"{winners[0]} wins instead if {variant_text(change)}.")
        else:
            names = ", ".join(winners[:-1]) + " and " + winners[-1] if winners else "nobody"
            lines.append(f"{names} share the top place if {variant_text(change)}.")
    for swap in robustness["swaps"][:10]:
        whens = _or(variant_text(v) for v in swap["variants"][:3])
        more = len(swap["variants"]) - 3
        tail = f" (and {more} more variants)" if more > 0 else ""
        lines.append(f"{swap['entry']} and {swap['next_entry']} swap places if {whens}{tail}.")
    settled = robustness["settled"]
    unsettled = robustness["unsettled"]
    inside = [e["entry"] for e in robustness["entries"] if e["rank"] <= top_n]
    sure = [e for e in inside if e in settled]
    lines.append(
        f"Top {top_n}: {len(sure)} of {len(inside)} places settled in every variant"
        + (f"; not settled: {', '.join(str(e) for e in unsettled[:10])}" if unsettled else "")
        + "."
    )
    return lines


def _or(parts: Sequence[str] | Any) -> str:
    parts = list(parts)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
