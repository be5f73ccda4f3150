"""Output formats for an :func:`~.analysis.analyse` result: JSON, CSV and a text table.

The JSON shape is a contract with the rest of the app and must keep these keys exactly::

    {"method": ...,
     "entries": [{"entry", "reviews", "mean", "median", "zscore", "offset", "rank",
                  "top_probability",
                  "shrunk", "score", "score_low", "score_high"}, ...],   # in rank order
     "judges": [{"judge", "reviews", "offset", "offset_sd",
                 "shrunk_offset", "shrunk_offset_sd", "corrected_share",
                 "agreement", "agreement_low", "agreement_high"}, ...],
     "reliability": {"icc": {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"} or null,
                     "kendall_w": number or null,
                     "alpha": {"nominal", "ordinal", "interval", "ratio"},
                     "icc_intervals": {ICC key: {"low", "high"} or null} or null,
                     "components": {...} or null, "alpha_interval": {"low", "high"} or null,
                     "reading": {"code", "params", "message"}}}

The keys of the first block (up to ``top_probability``, ``offset_sd`` and ``alpha``) are the
original contract and never change; the second block was added for issue 14 (README).  Entry,
judge and reliability objects carry exactly these keys; everything else the analysis produces
(components, ties, flags, robustness, warnings, ...) follows as extra top-level keys.
Non-finite numbers become ``null`` so the output is strict JSON.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from typing import Any, TextIO

import numpy as np

from .reliability import ICC_KEYS, LEVELS

ENTRY_KEYS = (
    "entry",
    "reviews",
    "mean",
    "median",
    "zscore",
    "offset",
    "rank",
    "top_probability",
    "shrunk",
    "score",
    "score_low",
    "score_high",
)
JUDGE_KEYS = (
    "judge",
    "reviews",
    "offset",
    "offset_sd",
    "shrunk_offset",
    "shrunk_offset_sd",
    "corrected_share",
    "agreement",
    "agreement_low",
    "agreement_high",
)
RELIABILITY_EXTRA_KEYS = ("icc_intervals", "components", "alpha_interval", "reading")
FORMATS = ("json", "csv", "table")


def to_json_dict(result: Mapping[str, Any]) -> dict[str, Any]:
    """The result in the documented JSON shape (plain, strict-JSON-safe data)."""
    reliability = result["reliability"]
    icc = reliability.get("icc")
    out: dict[str, Any] = {
        "method": result["method"],
        "entries": [{key: entry.get(key) for key in ENTRY_KEYS} for entry in result["entries"]],
        "judges": [{key: judge.get(key) for key in JUDGE_KEYS} for judge in result["judges"]],
        "reliability": {
            "icc": None if icc is None else {key: icc.get(key) for key in ICC_KEYS},
            "kendall_w": reliability.get("kendall_w"),
            "alpha": {level: reliability.get("alpha", {}).get(level) for level in LEVELS},
        }
        | {key: reliability.get(key) for key in RELIABILITY_EXTRA_KEYS},
    }
    for key, value in result.items():
        out.setdefault(key, value)
    return _clean(out)


def to_json(result: Mapping[str, Any], *, indent: int | None = 2) -> str:
    return json.dumps(to_json_dict(result), indent=indent, allow_nan=False, ensure_ascii=False)


def write_csv(result: Mapping[str, Any], stream: TextIO) -> None:
    """One row per entry, in rank order, with the JSON entry keys as columns."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(ENTRY_KEYS)
    for entry in result["entries"]:
        writer.writerow([_csv_cell(entry.get(key)) for key in ENTRY_KEYS])


def format_table(result: Mapping[str, Any]) -> str:
    """A human-readable report: ranking, judges, reliability and anything needing attention."""
    lines: list[str] = []
    scale = result.get("scale") or {}
    ranked = [e for e in result["entries"] if e.get("rank") is not None]
    top_n = result.get("top_n")
    lines.append(
        f"Method: {result['method']}"
        + (f"    Scale: {_num(scale.get('min'))}..{_num(scale.get('max'))}" if scale else "")
        + f"    Entries ranked: {len(ranked)} of {len(result['entries'])}"
        + f"    Judges: {len(result['judges'])}"
    )
    lines.append("")
    top_header = f"P(top {top_n})" if top_n else "P(top)"
    lines.extend(
        _grid(
            [
                "Rank",
                "Entry",
                "Reviews",
                "Mean",
                "Median",
                "Z-score",
                "Offset",
                "Shrunk",
                "95% interval" if _confidence(result) == 0.95 else "Interval",
                top_header,
            ],
            [
                [
                    "-" if e.get("rank") is None else str(e["rank"]),
                    str(e["entry"]),
                    str(e["reviews"]),
                    _num(e.get("mean")),
                    _num(e.get("median")),
                    _num(e.get("zscore")),
                    _num(e.get("offset")),
                    _num(e.get("shrunk")),
                    _interval(e.get("score_low"), e.get("score_high")),
                    _num(e.get("top_probability")),
                ]
                for e in result["entries"]
            ],
            right=(0, 2, 3, 4, 5, 6, 7, 9),
        )
    )
    lines.extend(_judge_lines(result))
    lines.extend(_reliability_lines(result))
    notes = _notes(result)
    if notes:
        lines.append("")
        lines.append("Notes")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines) + "\n"


def _judge_lines(result: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    lines.append("")
    lines.append("Judges (offset = leniency on the rubric scale; + scores higher than peers)")
    lines.extend(
        _grid(
            ["Judge", "Reviews", "Offset", "SD"],
            [
                [
                    str(j["judge"]),
                    str(j["reviews"]),
                    _num(j.get("offset")),
                    _num(j.get("offset_sd")),
                ]
                for j in result["judges"]
            ],
            right=(1, 2, 3),
        )
    )
    return lines


def _reliability_lines(result: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    lines.append("")
    rel = result["reliability"]
    icc = rel.get("icc")
    if icc is None:
        lines.append("ICC: not available (not every judge scored every entry)")
    else:
        lines.append(
            "ICC: "
            + "  ".join(
                f"{name}={_num(icc.get(key))}"
                for name, key in zip(
                    ("(1,1)", "(2,1)", "(3,1)", "(1,k)", "(2,k)", "(3,k)"), ICC_KEYS, strict=True
                )
            )
        )
    kendall = rel.get("kendall_w")
    unavailable = "not available (not every judge scored every entry)"
    lines.append("Kendall's W: " + (unavailable if kendall is None else _num(kendall)))
    alpha = rel.get("alpha") or {}
    lines.append(
        "Krippendorff's alpha: " + "  ".join(f"{lvl}={_num(alpha.get(lvl))}" for lvl in LEVELS)
    )
    reading = rel.get("reading")
    if reading:
        lines.append(reading.get("message") or reading["code"])
    robustness = result.get("robustness") or {}
    if robustness.get("sentences"):
        lines.append("")
        lines.append("Robustness")
        lines.extend(f"- {sentence}" for sentence in robustness["sentences"])
    return lines


def render(result: Mapping[str, Any], *, fmt: str) -> str:
    """The result as text in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt == "csv":
        import io

        buffer = io.StringIO()
        write_csv(result, buffer)
        return buffer.getvalue()
    if fmt == "table":
        return format_table(result)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _notes(result: Mapping[str, Any]) -> list[str]:
    notes = []
    for tie in result.get("ties", []):
        names = ", ".join(str(e) for e in tie["entries"])
        notes.append(f"Unresolved tie at rank {tie['rank']}: {names} (chair's decision)")
    for st in result.get("statistical_ties", []):
        notes.append(
            f"Statistical tie: {st['entry']} above {st['next_entry']} in only "
            f"{100 * st['probability_above']:.1f}% of bootstrap resamples"
        )
    for flag in result.get("flags", []):
        notes.append(f"Judge {flag['judge']}: {flag['message']}")
    for warning in result.get("warnings", []):
        if warning["code"] not in ("incomplete_reviews", "disconnected_design"):
            notes.append(warning.get("message") or warning["code"])
    if result.get("excluded_judges"):
        left_out = ", ".join(str(j) for j in result["excluded_judges"])
        notes.append(f"What-if: judges {left_out} left out (their scores are not used here)")
    components = result.get("components", [])
    if len(components) > 1:
        notes.append(
            f"The judges and entries fall into {len(components)} disconnected groups; "
            "offsets and offset-calibrated scores are comparable only within a group: "
            + "; ".join(
                f"judges {', '.join(str(j) for j in c['judges'])} ({len(c['entries'])} entries)"
                for c in components
            )
        )
    incomplete = result.get("incomplete_reviews", [])
    if incomplete:
        shown = "; ".join(
            f"{r['entry']}/{r['judge']} missing {', '.join(r['missing'])}" for r in incomplete[:10]
        )
        more = f" and {len(incomplete) - 10} more" if len(incomplete) > 10 else ""
        notes.append(f"{len(incomplete)} incomplete reviews left out: {shown}{more}")
    return notes


def _confidence(result: Mapping[str, Any]) -> float | None:
    return (result.get("bootstrap") or {}).get("confidence")


def _interval(low: Any, high: Any) -> str:
    if low is None or high is None:
        return "-"
    return f"{_num(low)}..{_num(high)}"


def _grid(header: list[str], rows: list[list[str]], *, right: tuple[int, ...]) -> list[str]:
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _num(value: Any) -> str:
    if value is None:
        return "-"
    value = float(value)
    if not math.isfinite(value):
        return "-"
    return f"{value:.3f}"


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            return ""
        text = f"{float(value):.6f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def _clean(value: Any) -> Any:
    """Strict-JSON-safe copy: non-finite floats -> None, numpy -> Python, tuples -> lists."""
    if isinstance(value, Mapping):
        return {str(k) if not isinstance(k, str) else k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.ndarray):
        return _clean(value.tolist())
    return value
