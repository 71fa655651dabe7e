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
from typing import Any, Protocol

from binome.app.expansion import Occurrence, occurrences
from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing, shown_bounds
from binome.store.codec import from_db
from binome.store.index_shape import COVER, SENTINEL, IndexRow

__all__ = [
    "MAX_AHEAD",
    "IndexSource",
    "ListedRow",
    "ListingRow",
    "Reach",
    "from_index",
    "listing_from_index",
    "listing_of",
    "reach_of",
]

MAX_AHEAD = timedelta(days=3660)  # beyond ten years ahead, expand rather than index


class Reach(Enum):
    """How a window is answered: from the index, after extending it, or by expansion."""

    INDEX = "index"
    EXTEND = "extend"
    EXPAND = "expand"


def reach_of(horizon: datetime | None, window: Span, now: datetime) -> Reach:
    """The decision ``reach`` acts on, without touching storage (the lean path asks it
    too, and leaves ``EXTEND``, a write, to the full path)."""
    if horizon is None or window.start < horizon - COVER:
        return Reach.EXPAND  # no index yet, or before its floor
    if window.end <= horizon:
        return Reach.INDEX
    if window.end > now + MAX_AHEAD:
        return Reach.EXPAND
    return Reach.EXTEND


class IndexSource(Protocol):
    """What ``from_index`` reads, for one owner (None: the principal's calendars)."""

    def single_events(self, window: Span) -> list[Event]:
        """Events that are neither series nor overrides of a stored series, overlapping
        ``window`` (by their stored bounds; ``occurrences`` then checks exactly)."""
        ...

    def index_rows(self, window: Span) -> Sequence[IndexRow]:
        """Index rows overlapping ``window``, sentinels included, times naive UTC."""
        ...

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        """The owner's events among ``ids`` (others are left out)."""
        ...

    def overrides_of(self, series_id: int, window: Span) -> list[Event]:
        """The overrides of a series that may touch ``window``."""
        ...

    def listing_rows(self, window: Span) -> Sequence[ListedRow]:
        """The index rows overlapping ``window`` but sentinels, ordered by start, end and
        event id, with their bounds as order keys (``key``) and as shown."""
        ...

    def sentinel_ids(self, window: Span) -> list[int]:
        """The series with a sentinel row overlapping ``window`` (expand them)."""
        ...

    def key(self, instant: datetime) -> Any:
        """The order key ``listing_rows`` gives an instant (its naive-UTC form as the
        driver returns it: text on the lean SQLite path, a ``datetime`` otherwise)."""
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
            continue
        if rid == SENTINEL:
            sentinels.add(event_id)
            continue
        shape = shapes.get(event_id)
        if shape is None:
            shape = shapes[event_id] = _Shape(event.timing, tz)
        local = None if local_start is None or local_end is None else (local_start, local_end)
        occ = indexed(event, start, end, rid, shape.timing, local, tz)
        rows.append((start, end, event_id, len(rows), occ))
    others = occurrences(source.single_events(window), window, tz)
    for series_id in sorted(sentinels):
        series = [events[series_id], *source.overrides_of(series_id, window)]
        others.extend(occurrences(series, window, tz))
    rows.extend((*o.order, len(rows) + n, o) for n, o in enumerate(others))
    rows.sort()  # the fourth item keeps equal keys in a stable order
    return [row[4] for row in rows]


# One line of a listing: the event (its id), and its start and end as shown.
ListingRow = tuple[int, str, str]
# A row as ``listing_rows`` gives it: start and end keys, event id, shown start and end
# (NULL in rows indexed before migration 0004).
ListedRow = tuple[Any, Any, int, str | None, str | None]


def listing_from_index(
    source: IndexSource, window: Span, tz: tzinfo
) -> tuple[list[ListingRow], dict[int, Event]]:
    """The agenda's listing read model: what ``from_index`` answers, as (event id, shown
    start, shown end) in the same order, and the events shown, by id, without building an
    ``Occurrence`` per index row. A year's agenda lists ~10^5 occurrences and, read this
    way, costs a range scan and a string per line; ``tests/app/test_listing.py`` holds
    it equal to ``from_index``."""
    rows = source.listing_rows(window)
    sentinels = set(source.sentinel_ids(window))
    indexed = {row[2] for row in rows}
    events = source.events_by_ids(sorted(indexed | sentinels))
    others = occurrences(source.single_events(window), window, tz)
    for series_id in sorted(s for s in sentinels if s in events):
        series = [events[series_id], *source.overrides_of(series_id, window)]
        others.extend(occurrences(series, window, tz))
    key = source.key
    merged: list[ListedRow] = [
        (key(o.span.start), key(o.span.end), o.event.id, *o.shown_in(tz)) for o in others
    ]
    # The events shown: every indexed one (another owner's are not in ``events``) and
    # those of the other occurrences; a sentinel series with none in the window is not.
    shown = {i: events[i] for i in indexed if i in events}
    for o in others:
        shown.setdefault(o.event.id, o.event)
    events = shown
    if merged:
        merged = sorted([*rows, *merged])  # rows are sorted already: Timsort merges runs
    else:
        merged = list(rows)
    listing: list[ListingRow] = []
    append = listing.append
    for start, end, event_id, shown_start, shown_end in merged:
        if shown_start is None or shown_end is None:  # indexed before migration 0004
            event = events.get(event_id)
            if event is None:
                continue
            span = Span(_utc(start), _utc(end))
            shown_start, shown_end = shown_bounds(_Shape(event.timing, tz).timing(span), span, tz)
        elif event_id not in events:
            continue  # another owner's
        append((event_id, shown_start, shown_end))
    return listing, events


def listing_of(occs: Sequence[Occurrence], tz: tzinfo) -> tuple[list[ListingRow], dict[int, Event]]:
    """The listing of occurrences already built (windows the index does not answer), and
    their events by id."""
    return [(o.event.id, *o.shown_in(tz)) for o in occs], {o.event.id: o.event for o in occs}


def _utc(key: Any) -> datetime:
    naive = datetime.fromisoformat(key) if isinstance(key, str) else key
    assert isinstance(naive, datetime)
    return from_db(naive)


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
