"""iCalendar bench (pure part): parse + one-year expansion vs icalendar + recurring_ical_events.

Workloads: generated director calendars (~2,000 / 8,000 / 32,000 events; a quarter are
recurring series with EXDATEs and moved instances, in four zones; seeded) and the largest
real files of the shared corpus. For each: median wall time of ``read_calendar``, of our
expansion of every series over one year, and of the baseline (icalendar parse +
``recurring_ical_events.between`` over the same year); peak traced memory of each path.
Run alone with ``python -m bench.ical``; ``make bench`` calls ``run(report)``.
"""

from __future__ import annotations

import os
import random
import tracemalloc
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from bench._timing import measure, standalone
from binome.domain.recurrence import expand
from binome.domain.timing import Span, zone
from binome.sources.ical.limits import Limits
from binome.sources.ical.read import ParsedCalendar, read_calendar

ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/London"]
YEAR = Span(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
SHARED = Path(os.environ.get("BINOME_SHARED", Path(__file__).parents[1] / ".." / "shared"))
LARGEST = [
    "ical4j__valid__mathBirthdays.ics",
    "node-ical__large-file-with-late-error.ics",
    "allenporter-ical__google_calendar_public_holidays.ics",
]


def director_calendar(n: int, seed: int = 7) -> bytes:
    """A seeded calendar of about ``n`` events: 3/4 single meetings, 1/4 series with
    exceptions (one EXDATE and one moved instance each), spread over 2025-2027."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//binome//bench//EN"]
    for i in range(n):
        tz = rng.choice(ZONES)
        start = datetime(2025, 1, 1, 8) + timedelta(
            days=rng.randrange(900), minutes=30 * rng.randrange(20)
        )
        stamp = start.strftime("%Y%m%dT%H%M%S")
        event = [
            f"UID:bench-{i}",
            f"DTSTART;TZID={tz}:{stamp}",
            "DURATION:PT45M",
            f"SUMMARY:Meeting {i}",
            "ATTENDEE;CN=Paul:mailto:paul@example.com",
        ]
        if i % 4 == 0:
            rule = rng.choice(
                [
                    "FREQ=WEEKLY",
                    "FREQ=DAILY;COUNT=200",
                    "FREQ=WEEKLY;BYDAY=MO,TH",
                    "FREQ=MONTHLY;BYDAY=1TU",
                ]
            )
            skip = (start + timedelta(weeks=2)).strftime("%Y%m%dT%H%M%S")
            moved = start + timedelta(weeks=3)
            event += [f"RRULE:{rule}", f"EXDATE;TZID={tz}:{skip}"]
            lines += [
                "BEGIN:VEVENT",
                *event,
                "END:VEVENT",
                "BEGIN:VEVENT",
                f"UID:bench-{i}",
                f"RECURRENCE-ID;TZID={tz}:{moved:%Y%m%dT%H%M%S}",
                f"DTSTART;TZID={tz}:{moved + timedelta(hours=2):%Y%m%dT%H%M%S}",
                "DURATION:PT45M",
                f"SUMMARY:Moved {i}",
                "END:VEVENT",
            ]
        else:
            lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


LIMITS = Limits(parse_seconds=3600)


def _read(data: bytes) -> ParsedCalendar:
    return read_calendar(data, name="bench.ics", default_tz="Europe/Paris", limits=LIMITS)


def _ours(data: bytes) -> tuple[ParsedCalendar, int]:
    parsed = _read(data)
    return parsed, _expand(parsed)


def _expand(parsed: ParsedCalendar) -> int:
    tz = zone("Europe/Paris")
    masters, overrides = {}, defaultdict(list)
    for item in parsed.events:
        if item.recurrence_id is None:
            masters[item.uid] = item.event
        else:
            overrides[item.uid].append(item.event)
    return sum(
        len(expand(m, overrides[uid], YEAR, tz, max_instances=10_000)) for uid, m in masters.items()
    )


def _baseline(data: bytes) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cal = icalendar.Calendar.from_ical(data)
        query = recurring_ical_events.of(cal, skip_bad_series=True)
        return len(list(query.between(YEAR.start, YEAR.end)))


def _peak(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _measure(report: Any, label: str, data: bytes, runs: int) -> None:
    parse = measure(lambda: _read(data), runs)
    parse_s, parsed = parse.median_s, parse.last
    expand = measure(lambda: _expand(parsed), runs)
    expand_s, count = expand.median_s, expand.last
    try:
        base = measure(lambda: _baseline(data), runs)
        base_s, base_count = base.median_s, base.last
    except Exception as exc:  # noqa: BLE001 - the baseline cannot read every real file
        report.row(
            workload=label,
            kb=len(data) // 1024,
            events=len(parsed.events),
            instances=count,
            parse_ms=round(parse_s * 1e3, 1),
            expand_ms=round(expand_s * 1e3, 1),
            baseline=f"fails: {type(exc).__name__}",
        )
        return
    report.row(
        workload=label,
        kb=len(data) // 1024,
        events=len(parsed.events),
        instances=count,
        baseline_instances=base_count,
        parse_ms=round(parse_s * 1e3, 1),
        expand_ms=round(expand_s * 1e3, 1),
        ours_ms=round((parse_s + expand_s) * 1e3, 1),
        baseline_ms=round(base_s * 1e3, 1),
        ratio=round((parse_s + expand_s) / base_s, 2),
        ours_peak_mb=round(_peak(lambda: _ours(data)), 1),
        baseline_peak_mb=round(_peak(lambda: _baseline(data)), 1),
        runs=runs,
    )


def run(report: Any) -> None:
    report.section("iCalendar: parse + one-year expansion vs icalendar + recurring_ical_events")
    for n, runs in ((2_000, 3), (8_000, 2), (32_000, 1)):
        _measure(report, f"director-{n}", director_calendar(n), runs)
    folder = SHARED / "fixtures" / "ics"
    for name in LARGEST:
        if (folder / name).is_file():
            _measure(report, name[:40], (folder / name).read_bytes(), 5)
    report.note(
        "ratio = (our parse + our expansion) / baseline; < 1 means binome is faster. "
        "Instance counts differ where the baseline keeps cancelled or duplicate items."
    )


if __name__ == "__main__":
    standalone(run)
