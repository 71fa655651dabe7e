"""Recurrence expansion: a series plus its overrides → the occurrences inside a window.

Why it is built this way (each point is a bug seen in other calendars):

- Rules are evaluated in the WALL TIME of the event's own zone (RFC 5545 §3.3.10): we
  iterate naive local datetimes with ``dateutil.rrule`` and turn each one into an instant
  with ``local_to_utc``, so 10:00 stays 10:00 across DST, and an instance in a DST gap is
  shifted alone (§3.3.5) without dragging later ones.
- Expansion is lazy and bounded. Without COUNT the rule is cut at the window's end (UNTIL)
  and, for DAILY and finer frequencies, its start is moved forward by whole periods to just
  before the window, so ``FREQ=SECONDLY`` from 1970 costs nothing. With COUNT and no
  BYxxx part the index of the first useful instance is computed. Any other walk is capped
  (``max_steps``) and the result says it was truncated — nothing is dropped silently.
- Rules that can never match (``BYMONTH=2;BYMONTHDAY=30``) are detected before dateutil,
  which would otherwise scan to year 9999; BYxxx cross-products are capped (node-ical#542).
- UNTIL is normalised to the start's kind (§3.3.10: "the value of UNTIL MUST have the same
  value type as DTSTART"; in practice Google and khal fixtures mix UTC and local).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from zoneinfo import ZoneInfo

from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Event, EventStatus
from binome.domain.rrule_text import RuleParts, build_rrule, parse_rule
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing, local_to_utc

__all__ = [
    "ExpandedOccurrence",
    "Expansion",
    "Occurrence",
    "check_rrule",
    "expand",
    "expand_series",
    "series_bounds",
]

_MAX_STEPS = 200_000
_OFFSET_MARGIN = timedelta(hours=3)


@dataclass(frozen=True, slots=True, kw_only=True)
class Occurrence:
    """One instance of an event. ``event`` is the master or the override it comes from;
    ``recurrence_id`` is the instance's original start (same kind as the master's start);
    ``timing`` keeps the stored kind (aware in the event's zone, dates, or naive);
    ``span`` is its UTC interval (all-day and floating resolved in the caller's zone)."""

    event: Event
    recurrence_id: datetime | date
    timing: Timing
    span: Span

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def event_id(self) -> int:
        return self.event.id

    @property
    def series_id(self) -> int | None:
        return self.event.series_id if self.event.recurrence is None else self.event.id


# The interim expander's name, kept for app/expansion.py.
ExpandedOccurrence = Occurrence


@dataclass(frozen=True, slots=True)
class Expansion:
    occurrences: list[Occurrence]
    truncated: bool


def check_rrule(value: str, dtstart: datetime | date) -> None:
    """Raise ``InvalidInput`` if ``value`` (an RRULE value) is not a usable RFC 5545 rule."""
    parts = parse_rule(value)
    wall = _as_wall(dtstart, None)
    build_rrule(parts, wall, until=None)


def expand(
    master: Event,
    overrides: Sequence[Event],
    window: Span,
    tz: tzinfo,
    *,
    max_instances: int,
) -> list[Occurrence]:
    """The occurrences of ``master`` overlapping ``window``, sorted by start, at most
    ``max_instances`` (see ``expand_series`` to know whether the list was cut)."""
    return expand_series(master, overrides, window, tz, max_instances=max_instances).occurrences


def expand_series(
    master: Event,
    overrides: Sequence[Event],
    window: Span,
    tz: tzinfo,
    *,
    max_instances: int,
    max_steps: int = _MAX_STEPS,
) -> Expansion:
    zone = _zone_of(master.timing, tz)
    all_day = isinstance(master.timing, AllDay)
    by_rid = {
        _key(o.recurrence_id, zone, all_day): o for o in overrides if o.recurrence_id is not None
    }
    future = sorted(
        (_key(o.recurrence_id, zone, all_day), o)
        for o in overrides
        if o.this_and_future and o.recurrence_id is not None
    )
    slack = max((abs(_shift_of(o, zone)) for _, o in future), default=timedelta(0))
    duration = _duration(master.timing)
    # The margin covers a UTC offset change between the window's ends and the instances'
    # wall times (at most 2 h in tzdata); the exact overlap test is done in UTC below.
    lo = _to_wall(window.start, zone) - duration - slack - _OFFSET_MARGIN
    hi = _to_wall(window.end, zone) + slack + _OFFSET_MARGIN
    out: list[Occurrence] = []
    truncated = False
    for wall in _instants(master, zone, lo, hi, max_steps):
        if wall is None:
            truncated = True
            break
        if wall in by_rid:
            continue
        if not future and local_to_utc(wall, zone) + duration <= window.start:
            continue  # cheap pre-filter: most of the margin before the window
        if not future and local_to_utc(wall, zone) >= window.end:
            break
        occ = _instance(master, future, wall, zone, tz)
        if occ is not None and occ.span.overlaps(window):
            out.append(occ)
            if len(out) > max_instances:
                truncated = True
                break
    for override in overrides:
        if override.status is EventStatus.CANCELLED or override.recurrence_id is None:
            continue
        span = override.timing.span(tz)
        if span.overlaps(window):
            out.append(
                Occurrence(
                    event=override,
                    recurrence_id=override.recurrence_id,
                    timing=override.timing,
                    span=span,
                )
            )
    out.sort(key=lambda o: (o.span.start, o.span.end))
    if len(out) > max_instances:
        truncated = True
        del out[max_instances:]
    return Expansion(out, truncated)


def series_bounds(master: Event, tz: tzinfo = UTC) -> tuple[datetime, datetime | None]:
    """First start (UTC) and an upper bound of the last end, ``None`` if unbounded.

    For indexing: "may this series have an instance in [a, b)?" ``last_end`` is exact for
    UNTIL and small COUNTs, an upper bound never below the truth otherwise."""
    zone = _zone_of(master.timing, tz)
    span = master.timing.span(tz)
    rec = master.recurrence
    if rec is None:
        return span.start, span.end
    duration = span.end - span.start
    rdates = [local_to_utc(_as_wall(d, zone), zone) for d in rec.rdates]
    first = min([span.start, *rdates])
    last = max([span.start, *rdates]) + duration
    if rec.rrule is None:
        return first, last
    parts = parse_rule(rec.rrule)
    if parts.until is not None:
        until = local_to_utc(_until_wall(parts.until, zone), zone)
        return first, max(last, until + duration + timedelta(days=1))
    if parts.count is not None and parts.count <= 10_000:
        wall = _wall_start(master.timing, zone)
        rule = build_rrule(parts, wall, until=None)
        final = None
        for wall_end in islice(iter(rule), parts.count):
            final = wall_end
        if final is not None:
            return first, max(last, local_to_utc(final, zone) + duration + timedelta(days=1))
        return first, last
    return first, None


# --- instants --------------------------------------------------------------------------


def _instants(
    master: Event, zone: tzinfo, lo: datetime, hi: datetime, max_steps: int
) -> Iterator[datetime | None]:
    """Wall-time instance starts in ``[lo, hi]``, sorted, EXDATEs removed; ``None`` last if
    the walk hit ``max_steps``."""
    rec = master.recurrence
    start = _wall_start(master.timing, zone)
    rdates = sorted({start, *(_as_wall(d, zone) for d in (rec.rdates if rec else ()))})
    exdates = {_as_wall(d, zone) for d in (rec.exdates if rec else ()) if not _is_date(d)}
    exdays = {d for d in (rec.exdates if rec else ()) if _is_date(d)}
    streams: list[Iterator[datetime | None]] = [iter([d for d in rdates if lo <= d <= hi])]
    if rec is not None and rec.rrule is not None:
        rule = parse_rule(rec.rrule)
        all_day = isinstance(master.timing, AllDay)
        streams.append(_rule_stream(rule, start, lo, hi, max_steps, zone, all_day))
    last: datetime | None = None
    for wall in heapq.merge(*streams, key=lambda d: (d is None, d or datetime.min)):
        if wall is None:
            yield None
            return
        if wall == last or wall in exdates or wall.date() in exdays:
            continue
        last = wall
        yield wall


def _rule_stream(
    parts: RuleParts,
    start: datetime,
    lo: datetime,
    hi: datetime,
    max_steps: int,
    zone: tzinfo,
    all_day: bool = False,
) -> Iterator[datetime | None]:
    if parts.impossible():
        return
    count = parts.count
    period = parts.period()
    if period is not None and start < lo:
        steps = (lo - start) // period
        if count is not None and not parts.has_by():
            steps = min(steps, count)
            count -= steps
        elif count is not None:
            steps = 0
        start += steps * period
    elif count is None:
        start = _shift_months(parts, start, lo)
    if count is not None and count <= 0:
        return
    until = hi if parts.until is None else min(hi, _until_wall(parts.until, zone, all_day))
    rule = build_rrule(parts.without_count(), start, until=until)
    for n, wall in enumerate(rule, start=1):
        if count is not None and n > count:
            return
        if wall >= lo:
            yield wall
        elif n > max_steps:
            yield None
            return


def _shift_months(parts: RuleParts, start: datetime, lo: datetime) -> datetime:
    """Move a MONTHLY/YEARLY start forward by whole periods to a year before ``lo``: a
    birthday series from 1707 then costs one year of walking, not three centuries. Days
    past the 28th are left alone (the shifted date might not exist)."""
    months = {"YEARLY": 12, "MONTHLY": 1}.get(parts.freq)
    if months is None or start.day > 28 or start >= lo:
        return start
    step = months * parts.interval
    gap = (lo.year - start.year) * 12 + (lo.month - start.month) - 12
    k = gap // step
    if k <= 0:
        return start
    total = start.month - 1 + k * step
    return start.replace(year=start.year + total // 12, month=total % 12 + 1)


def _instance(
    master: Event,
    future: list[tuple[datetime, Event]],
    rid: datetime,
    zone: tzinfo,
    tz: tzinfo,
) -> Occurrence | None:
    source, delta = master, timedelta(0)
    if future:
        i = bisect.bisect_right([k for k, _ in future], rid) - 1
        if i >= 0:
            _, source = future[i]
            delta = _shift_of(source, zone)
            if source.status is EventStatus.CANCELLED:
                return None
    timing = _place(source.timing, rid + delta, zone)
    return Occurrence(
        event=source,
        recurrence_id=_rid_value(master.timing, rid, zone),
        timing=timing,
        span=timing.span(tz),
    )


def _place(shape: Timing, wall: datetime, zone: tzinfo) -> Timing:
    """``shape``'s duration starting at wall time ``wall`` (RFC 5545 §3.3.5 gap rule)."""
    if isinstance(shape, AllDay):
        days = shape.end - shape.start
        return AllDay(wall.date(), wall.date() + days)
    if isinstance(shape, Floating):
        return Floating(wall, wall + (shape.end - shape.start))
    exact = shape.end.astimezone(UTC) - shape.start.astimezone(UTC)
    if not isinstance(zone, ZoneInfo):
        # A zone built from a file's VTIMEZONE (dateutil's tzicalvtz) converts from UTC
        # wrongly around its own transitions (icalendar issue 722 fixture): stay in wall
        # time and let utcoffset() (which is right) resolve the instant.
        start = wall.replace(tzinfo=zone, fold=0)
        return Timed(start, (wall + exact).replace(tzinfo=zone, fold=0))
    instant = local_to_utc(wall, zone)
    start, end = instant.astimezone(zone), (instant + exact).astimezone(zone)
    if end.replace(tzinfo=None) <= start.replace(tzinfo=None):
        # Python compares two datetimes of one tzinfo by wall time, ignoring fold (PEP 495):
        # 01:30 EDT → 01:30 EST would look empty to Timed's check. Keep the end in UTC.
        end = instant + exact
    return Timed(start, end)


# --- wall-time helpers -----------------------------------------------------------------


def _zone_of(timing: Timing, tz: tzinfo) -> tzinfo:
    if isinstance(timing, Timed):
        return timing.start.tzinfo or tz
    return tz


def _duration(timing: Timing) -> timedelta:
    if isinstance(timing, AllDay):
        return timedelta(days=(timing.end - timing.start).days)
    return timing.end - timing.start


def _wall_start(timing: Timing, zone: tzinfo) -> datetime:
    if isinstance(timing, AllDay):
        return datetime.combine(timing.start, time(0))
    if isinstance(timing, Timed):
        return timing.start.replace(tzinfo=None)
    return timing.start


def _to_wall(instant: datetime, zone: tzinfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _as_wall(value: datetime | date, zone: tzinfo | None) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0))
    if value.tzinfo is not None and zone is not None:
        return value.astimezone(zone).replace(tzinfo=None)
    return value.replace(tzinfo=None)


def _key(value: datetime | date | None, zone: tzinfo, all_day: bool = False) -> datetime:
    """An override's RECURRENCE-ID as the wall time of the instance it replaces. On an
    all-day series a DATE-TIME id counts by its date as written (Google holiday feeds write
    ``RECURRENCE-ID:20120101T000000Z`` for the instance of 1 January)."""
    if value is None:
        raise InvalidInput(N_("An override needs a recurrence id."))
    if all_day and isinstance(value, datetime):
        # x-wr-timezone rewrites that UTC midnight into the calendar's zone: undo it.
        utc = value.astimezone(UTC) if value.tzinfo is not None else value
        day = utc.date() if utc.time() == time(0) else value.date()
        return datetime.combine(day, time(0))
    return _as_wall(value, zone)


def _rid_value(timing: Timing, wall: datetime, zone: tzinfo) -> datetime | date:
    if isinstance(timing, AllDay):
        return wall.date()
    if isinstance(timing, Timed):
        return local_to_utc(wall, zone).astimezone(zone)
    return wall


def _shift_of(override: Event, zone: tzinfo) -> timedelta:
    if override.recurrence_id is None:
        return timedelta(0)
    return _as_wall(override.timing.start, zone) - _key(override.recurrence_id, zone)


def _until_wall(until: datetime | date, zone: tzinfo, all_day: bool = False) -> datetime:
    """UNTIL as wall time: a UTC UNTIL moves to ``zone``; a DATE UNTIL is inclusive of the
    whole day (Google writes DATE UNTILs on timed series); on an all-day series a DATE-TIME
    UNTIL counts by its date as written (``UNTIL=20080323T235959Z`` ends on the 23rd)."""
    if all_day and isinstance(until, datetime):
        until = until.date()
    if not isinstance(until, datetime):
        return datetime.combine(until, time(23, 59, 59))
    if until.tzinfo is not None:
        return until.astimezone(zone).replace(tzinfo=None)
    return until
