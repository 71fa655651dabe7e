"""Request understanding: accuracy on the time part vs ``dateparser`` alone, and speed.

Baseline: ``dateparser.search.search_dates`` on the request text (same ``now``, zone and
language, future preferred), scored generously — right when *any* date it finds matches
the expected target: ``when`` (exact → same minute; window → inside ``[start, end)``),
else ``deadline`` (same minute). Ours is scored on the same targets. Speed: median time
per request over the 87 fixtures once modules are loaded (target < 20 ms), several runs.

Run standalone: ``python -m bench.understand``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from bench._timing import ReportLike, pooled_median_ms, standalone
from binome.engine.understand import interpret

FIXTURES = (
    Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "requests" / "requests.jsonl"
)
if not FIXTURES.exists():
    FIXTURES = Path("/work/shared/fixtures/requests/requests.jsonl")
RUNS = 5


def _records() -> list[dict[str, Any]]:
    lines = FIXTURES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _target(expected: dict[str, Any]) -> tuple[str, datetime, datetime | None] | None:
    when = expected["when"]
    if when:
        start = datetime.fromisoformat(when["start"])
        end = datetime.fromisoformat(when["end"]) if when["end"] and not when["exact"] else None
        return ("exact" if when["exact"] else "window", start, end)
    if expected["deadline"]:
        return ("exact", datetime.fromisoformat(expected["deadline"]), None)
    return None


def _hits(kind: str, start: datetime, end: datetime | None, found: datetime) -> bool:
    found = found.replace(second=0, microsecond=0)
    if kind == "exact" or end is None:
        return found == start if kind == "exact" else found >= start
    return start <= found < end


def _ours(record: dict[str, Any]) -> list[datetime]:
    u = interpret(
        record["text"],
        now=datetime.fromisoformat(record["reference_datetime"]),
        tz=record["timezone"],
    ).interpretation
    if u["when"]:
        return [datetime.fromisoformat(u["when"]["start"])]
    return [datetime.fromisoformat(u["deadline"])] if u["deadline"] else []


def _dateparser(record: dict[str, Any]) -> list[datetime]:
    import dateparser.search  # slow import: only when the baseline runs

    now = datetime.fromisoformat(record["reference_datetime"])
    settings = {
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "TIMEZONE": record["timezone"],
        "RETURN_AS_TIMEZONE_AWARE": True,
    }
    found = dateparser.search.search_dates(
        record["text"], languages=[record["lang"]], settings=settings
    )
    return [value for _, value in found or []]


def accuracy(reader: Any, records: list[dict[str, Any]]) -> dict[str, float]:
    scores: dict[str, list[bool]] = {"fr": [], "en": []}
    for record in records:
        target = _target(record["expected"])
        if target is None:
            continue
        found = reader(record)
        scores[record["lang"]].append(any(_hits(*target, f) for f in found))
    return {lang: 100 * sum(v) / len(v) for lang, v in scores.items()}


def run(report: ReportLike) -> None:
    records = _records()
    report.section("Request understanding: time part (when / deadline) and speed")
    base_acc, ours_acc = accuracy(_dateparser, records), accuracy(_ours, records)
    base_ms, ours_ms = (
        pooled_median_ms(_dateparser, records, RUNS),
        pooled_median_ms(_ours, records, RUNS),
    )
    for name, acc, ms in (
        ("dateparser (baseline)", base_acc, base_ms),
        ("binome", ours_acc, ours_ms),
    ):
        report.row(
            reader=name,
            fr_pct=f"{acc['fr']:.1f}",
            en_pct=f"{acc['en']:.1f}",
            median_ms=f"{ms:.2f}",
            speed_vs_baseline=f"{base_ms / ms:.1f}x",
        )
    report.note(
        f"{sum(1 for r in records if _target(r['expected']))} requests with a time target;"
        " baseline counted right if any date it finds matches. Target: < 20 ms per request."
    )


if __name__ == "__main__":
    standalone(run)
