"""Interim expansion of series (replaced by the full RFC 5545 expander).

Evaluates the rule in the event's own wall time so 10:00 stays 10:00 across DST, lazily and
bounded by the window and ``max_instances``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, tzinfo

from dateutil.rrule import rrulestr

from binome.domain.model import Event, EventStatus
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing, local_to_utc


@dataclass(frozen=True, slots=True)
class ExpandedOccurrence:
    event: Event
    timing: Timing
    span: Span
    recurrence_id: datetime | date | None


def expand(
    master: Event, overrides: Sequence[Event], window: Span, tz: tzinfo, *, max_instances: int
) -> list[ExpandedOccurrence]:
    timing = master.timing
    rec = master.recurrence
    assert rec is not None
    if isinstance(timing, Timed):
        event_tz = timing.start.tzinfo or UTC
        start_wall = timing.start.replace(tzinfo=None)
    elif isinstance(timing, Floating):
        event_tz = tz
        start_wall = timing.start
    else:
        event_tz = tz
        start_wall = datetime.combine(timing.start, time(0))
    duration = timing.end - timing.start
    rule = (
        rrulestr(f"RRULE:{rec.rrule}", dtstart=start_wall, forceset=True, ignoretz=True)
        if rec.rrule
        else None
    )
    lo = window.start.astimezone(event_tz).replace(tzinfo=None) - duration
    hi = window.end.astimezone(event_tz).replace(tzinfo=None)
    walls: list[datetime] = []
    if rule is not None:
        for wall in rule.xafter(lo, inc=True):
            if wall >= hi or len(walls) >= max_instances:
                break
            walls.append(wall)
    by_rid = {_rid_key(o.recurrence_id): o for o in overrides if o.recurrence_id is not None}
    ex = {_rid_key(x) for x in rec.exdates}
    out: list[ExpandedOccurrence] = []
    for wall in walls:
        if isinstance(timing, Timed):
            start: datetime = local_to_utc(wall, event_tz).astimezone(event_tz)
            rid: datetime | date = start.astimezone(UTC)
            occ_timing: Timing = Timed(
                start, local_to_utc(wall + duration, event_tz).astimezone(event_tz)
            )
        elif isinstance(timing, Floating):
            rid = wall
            occ_timing = Floating(wall, wall + duration)
        else:
            rid = wall.date()
            occ_timing = AllDay(wall.date(), wall.date() + duration)
        key = _rid_key(rid)
        if key in ex:
            continue
        override = by_rid.pop(key, None)
        if override is not None:
            if override.status is EventStatus.CANCELLED:
                continue
            span = override.timing.span(tz)
            if span.overlaps(window):
                out.append(ExpandedOccurrence(override, override.timing, span, rid))
            continue
        span = occ_timing.span(tz)
        if span.overlaps(window):
            out.append(ExpandedOccurrence(replace(master), occ_timing, span, rid))
    for override in by_rid.values():  # moved into the window from outside it
        if override.status is EventStatus.CANCELLED:
            continue
        span = override.timing.span(tz)
        if span.overlaps(window):
            out.append(ExpandedOccurrence(override, override.timing, span, override.recurrence_id))
    return out


def _rid_key(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def check_rrule(value: str, dtstart: datetime | date) -> None:
    """Refuse a rule dateutil cannot read (interim)."""
    from binome.domain.errors import N_, InvalidInput

    start = dtstart if isinstance(dtstart, datetime) else datetime.combine(dtstart, time(0))
    try:
        rrulestr(f"RRULE:{value}", dtstart=start.replace(tzinfo=None), ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(N_("Invalid recurrence rule: {value}."), value=value) from exc
