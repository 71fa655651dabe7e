"""Shared helpers: our occurrences vs recurring_ical_events' over the same window."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import recurring_ical_events
import x_wr_timezone

from binome.domain.recurrence import expand
from binome.domain.timing import Span
from binome.sources.ical.convert import NO_END
from binome.sources.ical.read import ParsedCalendar

Row = tuple[datetime, datetime, Any, str]


def _wall(value: Any) -> Any:
    """The start as read on the clock of its own zone: checks the zone, not just the instant."""
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def _utc(value: Any, tz: tzinfo) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=tz)
        return value.astimezone(UTC)
    return datetime.combine(value, time(0)).replace(tzinfo=tz).astimezone(UTC)


def ours(parsed: ParsedCalendar, window: Span, tz: tzinfo) -> set[Row]:
    masters = {}
    overrides = defaultdict(list)
    for p in parsed.events:
        if p.recurrence_id is None:
            masters[p.uid] = p.event
        else:
            overrides[p.uid].append(p.event)
    rows: set[Row] = set()
    for uid, master in masters.items():
        for occ in expand(master, overrides.pop(uid, []), window, tz, max_instances=10_000):
            if occ.event.status.value != "cancelled":
                rows.add((occ.span.start, occ.span.end, _wall(occ.timing.start), occ.title))
    for orphans in overrides.values():
        for event in orphans:
            span = event.timing.span(tz)
            if span.overlaps(window) and event.status.value != "cancelled":
                rows.add((span.start, span.end, _wall(event.timing.start), event.title))
    return rows


def reference(data: bytes, window: Span, tz: tzinfo) -> set[Row]:
    rows: set[Row] = set()
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        cal = x_wr_timezone.to_standard(cal)
        query = recurring_ical_events.of(cal, skip_bad_series=True)
        for comp in query.between(window.start, window.end):
            if comp.name != "VEVENT":
                continue
            if str(comp.get("STATUS", "")).upper() == "CANCELLED":
                continue
            start = comp["DTSTART"].dt
            end = comp["DTEND"].dt if "DTEND" in comp else start
            s, e = _utc(start, tz), _utc(end, tz)
            if e <= s:
                all_day = isinstance(start, date) and not isinstance(start, datetime)
                e = _utc(start + timedelta(days=1), tz) if all_day else s + NO_END
            span = Span(s, e)
            if span.overlaps(window):
                rows.add((s, e, _wall(start), str(comp.get("SUMMARY", "")).strip()[:1000]))
    return rows


def window_of(parsed: ParsedCalendar, tz: tzinfo) -> Span | None:
    starts = [p.event.timing.span(tz).start for p in parsed.events]
    if not starts:
        return None
    first = min(starts)
    return Span(first - timedelta(days=365), first + timedelta(days=365))
