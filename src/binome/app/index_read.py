"""Occurrences from the occurrence index, assembled once for every way it is read.

``from_index`` is written against ``IndexSource``: the unit of work (SQLAlchemy, both
databases; ``app/occurrences.py``) is one source, the lean ``sqlite3`` path of
``binome agenda`` (``app/lite.py``) another, so a year's agenda reads the same rows and
gets the same answer either way. ``reach_of`` decides, without touching storage, whether
a window is answered from the index, after extending it (a write: the full path only), or
by expanding the rules. This module imports no storage library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from enum import Enum
from typing import Protocol

from binome.app.expansion import Occurrence, occurrences
from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing
from binome.store.index_shape import COVER, HORIZON, SENTINEL, SINGLE, IndexRow

__all__ = [
    "EXTRA",
    "MAX_AHEAD",
    "IndexSource",
    "ListingRow",
    "Reach",
    "extended_horizon",
    "from_index",
    "listing_from_index",
    "listing_of",
    "reach_of",
]

MAX_AHEAD = timedelta(days=3660)  # beyond ten years ahead, expand rather than index
EXTRA = timedelta(days=90)  # an extended index reaches this far past the window asked for


class Reach(Enum):
    """How a window is answered: from the index, after extending (or first building) it,
    or by expansion."""

    INDEX = "index"
    EXTEND = "extend"
    EXPAND = "expand"


def extended_horizon(now: datetime, window: Span) -> datetime:
    """The horizon an index is (re)built to so that it answers ``window``."""
    return max(now + HORIZON, window.end + EXTRA)


def reach_of(horizon: datetime | None, window: Span, now: datetime) -> Reach:
    """The decision ``reach`` acts on, without touching storage (the lean path asks it
    too, and leaves ``EXTEND``, a write, to the full path). No index yet (a workspace
    migrated by 0006: ``init`` creates an empty one) is built as an extension would be,
    for any window an extended index would answer."""
    if horizon is not None:
        if window.start < horizon - COVER:
            return Reach.EXPAND  # before its floor
        if window.end <= horizon:
            return Reach.INDEX
    if window.end > now + MAX_AHEAD or window.start < extended_horizon(now, window) - COVER:
        return Reach.EXPAND  # too far ahead, or too long a window for one index
    return Reach.EXTEND


class IndexSource(Protocol):
    """What ``from_index`` reads, for one owner (None: the principal's calendars)."""

    def index_rows(self, window: Span) -> Sequence[IndexRow]:
        """Index rows overlapping ``window``, sentinels included, times naive UTC."""
        ...

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        """The owner's events among ``ids`` (others are left out)."""
        ...

    def overrides_of(self, series_id: int, window: Span) -> list[Event]:
        """The overrides of a series that may touch ``window``."""
        ...

    def listing_rows(self, window: Span) -> list[ListingRow]:
        """The index rows overlapping ``window`` but sentinels, as (event id, start and end
        as shown), ordered by start, end and event id."""
        ...

    def sentinel_ids(self, window: Span) -> list[int]:
        """The series with a sentinel row overlapping ``window`` (expand them)."""
        ...


def from_index(source: IndexSource, window: Span, tz: tzinfo) -> list[Occurrence]:
    """The occurrences in ``window``: single events, indexed series occurrences and, for a
    sentinel, the series expanded over ``window``; sorted as ``occurrences`` sorts (by
    start, end, event id; a year is tens of thousands, so the sort compares plain tuples)."""
    index = source.index_rows(window)
    events = source.events_by_ids(sorted({row[0] for row in index}))
    shapes: dict[int, _Shape] = {}
    sentinels: set[int] = set()
    indexed = Occurrence.indexed
    rows: list[tuple[datetime, datetime, int, int, Occurrence]] = []
    for event_id, start, end, rid, local_start, local_end in index:
        event = events.get(event_id)
        if event is None:
            continue  # another owner's
        if rid == SENTINEL:
            sentinels.add(event_id)
            continue
        if rid == SINGLE:  # as ``occurrences`` yields a single event
            occ = Occurrence(event, event.timing, event.timing.span(tz), None)
        else:
            shape = shapes.get(event_id)
            if shape is None:
                shape = shapes[event_id] = _Shape(event.timing, tz)
            local = None if local_start is None or local_end is None else (local_start, local_end)
            occ = indexed(event, start, end, rid, shape.timing, local, tz)
        rows.append((start, end, event_id, len(rows), occ))
    others: list[Occurrence] = []
    for series_id in sorted(sentinels):
        series = [events[series_id], *source.overrides_of(series_id, window)]
        others.extend(occurrences(series, window, tz))
    if others:
        rows.extend((*o.order, len(rows) + n, o) for n, o in enumerate(others))
        rows.sort()  # the fourth item keeps equal keys in a stable order
    return [row[4] for row in rows]


# One line of a listing: the event (its id), and its start and end as shown.
ListingRow = tuple[int, str, str]


def listing_from_index(
    source: IndexSource, window: Span, tz: tzinfo
) -> tuple[list[ListingRow], dict[int, Event]]:
    """The agenda's listing read model: what ``from_index`` answers, as (event id, shown
    start, shown end) in the same order, and the events shown, by id. Every occurrence a
    year's agenda lists (~10^5) is an index row stored ready to show, in the order shown:
    the listing is one range scan and a lookup of the events it names. Only a series
    whose expansion was cut (a sentinel) needs expanding and merging, through
    ``from_index``; ``tests/app/test_listing.py`` holds both equal."""
    if source.sentinel_ids(window):
        return listing_of(from_index(source, window, tz), tz)
    rows = source.listing_rows(window)
    ids = sorted({row[0] for row in rows})
    events = source.events_by_ids(ids)
    if len(events) < len(ids):  # another owner's events are not listed
        rows = [row for row in rows if row[0] in events]
    return rows, events


def listing_of(occs: Sequence[Occurrence], tz: tzinfo) -> tuple[list[ListingRow], dict[int, Event]]:
    """The listing of occurrences already built (windows the index does not answer), and
    their events by id."""
    return [(o.event.id, *o.shown_in(tz)) for o in occs], {o.event.id: o.event for o in occs}


class _Shape:
    """Turns an indexed UTC span back into a timing of its event's kind (timed in the
    event's own zone; all-day and floating resolved in the workspace zone)."""

    __slots__ = ("home", "kind", "tz")

    def __init__(self, shape: Timing, tz: tzinfo) -> None:
        self.kind = type(shape)
        self.tz = tz
        self.home = shape.start.tzinfo if isinstance(shape, Timed) else None

    def timing(self, span: Span) -> Timing:
        if self.kind is Timed:
            home = self.home or UTC
            return Timed(span.start.astimezone(home), span.end.astimezone(home))
        if self.kind is AllDay:
            first = span.start.astimezone(self.tz).date()
            last = span.end.astimezone(self.tz).date()
            return AllDay(first, last if last > first else first + timedelta(days=1))
        return Floating(_wall(span.start, self.tz), _wall(span.end, self.tz))


def _wall(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)
