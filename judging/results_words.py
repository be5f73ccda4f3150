"""The analysis's codes put into words for the results page, in the active language.

`judging.results` returns machine-readable records (``{"code", "params"}``) with English in
`judging.results.sentences` for the command line; this module builds the same sentences with
gettext, with judges' names instead of their ids and numbers in the page's format (decimal
commas on Swedish pages). Every function takes plain data and returns strings.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# The method names as a sentence uses them (the select on the page has longer labels).
METHOD_NAMES = {
    "mean": gettext_lazy("raw means"),
    "zscore": gettext_lazy("z-scores"),
    "offset": gettext_lazy("judge offsets"),
    "shrunk": gettext_lazy("shrunk judge offsets"),
}
BANDS = {
    "poor": gettext_lazy("poor"),
    "moderate": gettext_lazy("moderate"),
    "good": gettext_lazy("good"),
    "excellent": gettext_lazy("excellent"),
}
REASONS = {
    "few_reviews_per_judge": gettext_lazy("most judges reviewed fewer than 10 entries"),
    "pools_differ": gettext_lazy("judges saw pools of entries of different quality"),
    "judges_do_not_differ": gettext_lazy(
        "the judges do not differ in leniency beyond what chance gives"
    ),
    "judges_differ": gettext_lazy(
        "the judges differ in leniency and not everyone scored every entry"
    ),
}
Names = Mapping[Any, str]


def number(value, digits: int = 2) -> str:
    return floatformat(value, digits)


def percent(share: float) -> str:
    return _("%(value)s%%") % {"value": number(100 * min(max(share, 0.0), 1.0), 0)}


def interval(low, high, digits: int = 2) -> str:
    """ "2.81–5.19" (an en dash between the bounds), "" when a bound is missing."""
    if low is None or high is None:
        return ""
    return f"{number(low, digits)}–{number(high, digits)}"


def _and(parts: Sequence[str]) -> str:
    parts = [str(p) for p in parts]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def _or(parts: Sequence[str]) -> str:
    parts = [str(p) for p in parts]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s or %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def reliability_sentence(reading: Mapping[str, Any] | None) -> str:
    """What the reliability figure means for this round, in plain words."""
    if not reading or reading["code"] == "reliability_unknown":
        return _("Too few entries have two or more reviews to say how reliable the scores are.")
    p = reading["params"]
    values = {
        "k": number(p["k"], 1),
        "share": percent(p["value"]),
        "band": BANDS.get(p["band"], p["band"]),
    }
    if p.get("low") is not None and p.get("high") is not None:
        values["low"], values["high"] = percent(p["low"]), percent(p["high"])
        if p["figure"] == "ICC_Ak":
            text = _(
                "With %(k)s reviews per entry, %(share)s (95%% interval %(low)s to %(high)s) of "
                "the differences between the entries' raw means reflect the entries rather than "
                "noise and the luck of which judges scored them: %(band)s reliability."
            )
        else:
            text = _(
                "With %(k)s reviews per entry, %(share)s (95%% interval %(low)s to %(high)s) of "
                "the differences between the entries' calibrated scores reflect the entries "
                "rather than noise and the luck of which judges scored them: %(band)s "
                "reliability."
            )
    elif p["figure"] == "ICC_Ak":
        text = _(
            "With %(k)s reviews per entry, %(share)s of the differences between the entries' "
            "raw means reflect the entries rather than noise and the luck of which judges "
            "scored them: %(band)s reliability."
        )
    else:
        text = _(
            "With %(k)s reviews per entry, %(share)s of the differences between the entries' "
            "calibrated scores reflect the entries rather than noise and the luck of which "
            "judges scored them: %(band)s reliability."
        )
    return text % values


def reliability_advice(reading: Mapping[str, Any] | None) -> str:
    """What the chair should make of it."""
    band = ((reading or {}).get("params") or {}).get("band")
    if band in ("good", "excellent"):
        return _("Differences of rank can be trusted, except between entries marked as close.")
    if band == "moderate":
        return _(
            "Small differences of rank mean little: read the intervals and the verdict below "
            "before deciding between close entries."
        )
    if band == "poor":
        return _(
            "The scores say little about the order of the entries: treat close ranks as ties "
            "and consider more reviews per entry."
        )
    return ""


def warning_text(warning: Mapping[str, Any], *, names: Names) -> str:
    p = warning["params"]
    code = warning["code"]
    if code == "method_unsafe":
        why = _and([REASONS.get(r, r) for r in p["reasons"]])
        name = METHOD_NAMES.get(p["method"], p["method"])
        if p["reasons"] == ["judges_differ"]:
            return _("Ranked by %(method)s although %(why)s; %(safe)s correct for it.") % {
                "method": name,
                "why": why,
                "safe": METHOD_NAMES["shrunk"],
            }
        return _(
            "Ranking by %(method)s can be worse than raw means in this round (%(why)s); "
            "%(safe)s are safe in rounds like this."
        ) % {"method": name, "why": why, "safe": METHOD_NAMES[p["suggested"]]}
    if code == "disconnected_design":
        return _(
            "The judges and entries fall into %(groups)s groups that share no review: "
            "calibrated scores compare well only within a group."
        ) % {"groups": p["groups"]}
    if code == "judge_few_reviews":
        return ngettext(
            "%(judge)s reviewed only %(reviews)s entry: too few to measure their leniency; "
            "shrunk judge offsets correct about %(share)s of it.",
            "%(judge)s reviewed only %(reviews)s entries: too few to measure their leniency; "
            "shrunk judge offsets correct about %(share)s of it.",
            p["reviews"],
        ) % {
            "judge": names.get(p["judge"], p["judge"]),
            "reviews": p["reviews"],
            "share": percent(p.get("corrected_share") or 0.0),
        }
    if code == "single_review_entries":
        return ngettext(
            "%(count)s entry has a single review: its score is the least certain.",
            "%(count)s entries have a single review: their scores are the least certain.",
            p["count"],
        ) % {"count": p["count"]}
    if code == "incomplete_reviews":
        return ngettext(
            "%(count)s review lacks a score on some criterion and is left out.",
            "%(count)s reviews lack a score on some criterion and are left out.",
            p["count"],
        ) % {"count": p["count"]}
    if code == "no_intervals":
        return _("No entry has an interval: every entry has a single review.")
    return str(code)


def flag_text(flag: Mapping[str, Any]) -> str:
    """Why a judge stands out, with its basis (shared entries and the interval)."""
    p = flag["params"]
    basis = {"shared": p.get("shared"), "interval": interval(p.get("low"), p.get("high"), 1)}
    if flag["code"] in ("judge_lenient", "judge_severe"):
        if flag["code"] == "judge_lenient":
            text = _("Scores much higher than colleagues on the same entries: %(sd)s SD")
        else:
            text = _("Scores much lower than colleagues on the same entries: %(sd)s SD")
        text = text % {"sd": number(abs(flag["value"]), 1)}
    else:
        text = _(
            "Orders entries differently from the others: correlation %(r)s, the jury's typical "
            "%(reference)s"
        ) % {"r": number(flag["value"]), "reference": number(flag["threshold"])}
        basis["interval"] = interval(p.get("low"), p.get("high"))
    if basis["interval"]:
        return (
            text
            + " "
            + ngettext(
                "(95%% interval %(interval)s, over %(shared)s shared entry).",
                "(95%% interval %(interval)s, over %(shared)s shared entries).",
                basis["shared"] or 0,
            )
            % basis
        )
    return (
        text
        + " "
        + ngettext(
            "(over %(shared)s shared entry).",
            "(over %(shared)s shared entries).",
            basis["shared"] or 0,
        )
        % basis
    )


def _variant(variant: Mapping[str, Any], names: Names) -> str:
    if variant["kind"] == "method":
        return _("ranked by %(method)s") % {
            "method": METHOD_NAMES.get(variant["method"], variant["method"])
        }
    return _("%(judge)s's scores are left out") % {
        "judge": names.get(variant["judge"], variant["judge"])
    }


def robustness_lines(robustness: Mapping[str, Any] | None, *, names: Names, top_n: int):
    """The verdict: the winner over the variants, who else would win, which neighbours swap,
    and which places in the top group are settled."""
    if not robustness or robustness["code"] == "no_ranking":
        return []
    lines = [
        ngettext(
            "The winner (%(winner)s) is the same in %(same)s of %(count)s variant (each judge "
            "left out, each other ranking method).",
            "The winner (%(winner)s) is the same in %(same)s of %(count)s variants (each judge "
            "left out, each other ranking method).",
            robustness["variants"],
        )
        % {
            "winner": _and(robustness["winner"]),
            "same": robustness["winner_same"],
            "count": robustness["variants"],
        }
    ]
    for change in robustness["changes"][:5]:
        winners = [str(w) for w in change["winner"]]
        values = {"entry": _and(winners), "when": _variant(change, names)}
        if len(winners) == 1:
            lines.append(_("%(entry)s wins instead if %(when)s.") % values)
        else:
            lines.append(_("%(entry)s share the top place if %(when)s.") % values)
    for swap in robustness["swaps"][:10]:
        whens = [_variant(v, names) for v in swap["variants"][:3]]
        more = len(swap["variants"]) - 3
        text = _("%(entry)s and %(next)s swap places if %(when)s.") % {
            "entry": swap["entry"],
            "next": swap["next_entry"],
            "when": _or(whens),
        }
        if more > 0:
            text += " " + ngettext(
                "(And in %(more)s more variant.)", "(And in %(more)s more variants.)", more
            ) % {"more": more}
        lines.append(text)
    return lines


def settled_places(
    robustness: Mapping[str, Any] | None, *, top_n: int, by_entry: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The top group's places: which hold in every variant and which do not. `by_entry` is the
    verdict's entries by label when the caller has it already."""
    if not robustness or robustness["code"] == "no_ranking":
        return {}
    inside = [e for e in robustness["entries"] if e["rank"] is not None and e["rank"] <= top_n]
    settled = [str(e["entry"]) for e in inside if e["place_settled"]]
    unsettled = [str(e["entry"]) for e in inside if not e["place_settled"]]
    return {
        "summary": _("Top %(n)s: %(settled)s of %(inside)s places are the same in every variant.")
        % {"n": top_n, "settled": len(settled), "inside": len(inside)},
        "settled": settled,
        "unsettled": unsettled,
        "by_entry": by_entry
        if by_entry is not None
        else {str(e["entry"]): e for e in robustness["entries"]},
    }
