"""The occurrence index: series stay one row in ``events``; their occurrences up to the
workspace's horizon are materialised in ``occurrences``, beside one row for each single
event, so a year's agenda is one range scan in the order it is shown.

Invariants (kept by ``Repositories`` on every write of an event, and by the import use
case in bulk):

- ``workspaces.occurrence_horizon_utc`` NULL means "no index yet": readers expand rules
  (or build it, ``app/index_read.reach_of``).
- Otherwise, over ``[floor, horizon)`` (``floor = horizon - COVER``; earlier windows are
  expanded on demand), every single event (neither a series nor an override) overlapping
  it has one row (``recurrence_id = SINGLE``), and every series master has either its
  occurrences in ``occurrences`` (``event_id`` = the master, or the override standing
  for that occurrence; RFC 5545 §3.8.4.4), or, when its expansion was cut at ``cap``
  instances, one *sentinel* row (``recurrence_id = SENTINEL``, spanning the whole series
  up to the horizon) telling readers to expand that series on demand. A truncated index
  is never read as if it were complete.
- All-day and floating occurrences are stored as UTC spans resolved in the workspace zone
  (the zone every reader of the workspace uses); cancelled overrides are not stored. Each
  row but a sentinel holds its bounds as shown (``timing.shown_bounds``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any, cast

from sqlalchemy import Table, delete, insert, or_, select, text
from sqlalchemy.orm import Session

from binome.domain.model import Event
from binome.domain.recurrence import expand_series, series_bounds
from binome.domain.timing import Span, shown_bounds
from binome.store.codec import encode_point, to_db
from binome.store.index_shape import (
    COVER,
    HORIZON,
    IS_SENTINEL,
    MAX_PER_SERIES,
    SENTINEL,
    SINGLE,
    IndexRow,
)
from binome.store.tables import EventRow, OccurrenceRow

__all__ = [
    "COVER",
    "HORIZON",
    "MAX_PER_SERIES",
    "SENTINEL",
    "SINGLE",
    "IndexRow",
    "clear_events",
    "index_series",
    "index_singles",
    "listing_rows",
    "rows_in_window",
    "sentinel_ids",
]

_TABLE = cast(Table, OccurrenceRow.__table__)


def clear_events(session: Session, *event_ids: int) -> None:
    """Remove the index rows of these events: a single event's, or a series' (its
    master's and its overrides')."""
    for at in range(0, len(event_ids), 900):  # SQLite bounds a statement's parameters
        chunk = event_ids[at : at + 900]
        owned = select(EventRow.id).where(
            or_(EventRow.id.in_(chunk), EventRow.series_id.in_(chunk))
        )
        session.execute(delete(OccurrenceRow).where(OccurrenceRow.event_id.in_(owned)))


def index_series(
    session: Session,
    workspace_id: int,
    master: Event,
    overrides: Iterable[Event],
    *,
    tz: tzinfo,
    horizon: datetime,
    cap: int = MAX_PER_SERIES,
) -> int:
    """Write the index rows of ``master`` over ``[horizon - COVER, horizon)`` (the caller
    has cleared its rows, ``clear_events``); the number of rows written (``cap`` for a
    sentinel, so callers can budget instances)."""
    first, last = series_bounds(master, tz)
    if first >= horizon:
        return 0
    floor = max(first, horizon - COVER)
    if last is not None and last <= floor:
        return 0
    window = Span(floor, min(horizon, last) if last is not None else horizon)
    if window.end <= window.start:
        return 0
    expansion = expand_series(master, list(overrides), window, tz, max_instances=cap)
    if expansion.truncated:
        session.connection().execute(
            insert(_TABLE),
            [
                {
                    "workspace_id": workspace_id,
                    "event_id": master.id,
                    "start_utc": to_db(first),
                    "end_utc": to_db(horizon),
                    "recurrence_id": SENTINEL,
                }
            ],
        )
        return cap
    rows = [
        {
            "workspace_id": workspace_id,
            "event_id": occ.event.id,
            "start_utc": to_db(occ.span.start),
            "end_utc": to_db(occ.span.end),
            "recurrence_id": encode_point(occ.recurrence_id),
            "local_start": local[0],
            "local_end": local[1],
        }
        for occ in expansion.occurrences
        for local in (shown_bounds(occ.timing, occ.span, tz),)
    ]
    if rows:  # Core executemany: the ORM's bulk path costs twice as much here
        session.connection().execute(insert(_TABLE), rows)
    return len(rows)


def index_singles(
    session: Session,
    workspace_id: int,
    events: Iterable[Event],
    *,
    tz: tzinfo,
    horizon: datetime,
) -> None:
    """Write the one row of each single event (neither a series nor an override) that
    overlaps ``[horizon - COVER, horizon)``, as ``occurrences`` yields it (the caller
    has cleared their rows, ``clear_events``)."""
    cover = Span(horizon - COVER, horizon)
    rows = []
    for event in events:
        assert event.recurrence is None, "a series is indexed by index_series"
        assert event.series_id is None, "an override is indexed with its series"
        span = event.timing.span(tz)
        if not span.overlaps(cover):
            continue
        local = shown_bounds(event.timing, span, tz)
        rows.append(
            {
                "workspace_id": workspace_id,
                "event_id": event.id,
                "start_utc": to_db(span.start),
                "end_utc": to_db(span.end),
                "recurrence_id": SINGLE,
                "local_start": local[0],
                "local_end": local[1],
            }
        )
    if rows:
        session.connection().execute(insert(_TABLE), rows)


def _overlapping(workspace_id: int, start: datetime, end: datetime) -> tuple[Any, ...]:
    """The window predicate every read of the index uses (the window index's prefix)."""
    return (
        OccurrenceRow.workspace_id == workspace_id,
        OccurrenceRow.start_utc < to_db(end),
        OccurrenceRow.end_utc > to_db(start),
    )


_IN_ORDER = (OccurrenceRow.start_utc, OccurrenceRow.end_utc, OccurrenceRow.event_id)


def rows_in_window(
    session: Session, workspace_id: int, start: datetime, end: datetime
) -> list[IndexRow]:
    """Index rows overlapping ``[start, end)`` (sentinels included): one range scan,
    read as plain tuples (a year of a busy calendar is tens of thousands of rows)."""
    query = (
        select(
            OccurrenceRow.event_id,
            OccurrenceRow.start_utc,
            OccurrenceRow.end_utc,
            OccurrenceRow.recurrence_id,
            OccurrenceRow.local_start,
            OccurrenceRow.local_end,
        )
        .where(*_overlapping(workspace_id, start, end))
        .order_by(*_IN_ORDER)
    )
    return [(i, a, b, r, ls, le) for i, a, b, r, ls, le in session.execute(query)]


def listing_rows(
    session: Session, workspace_id: int, start: datetime, end: datetime
) -> list[tuple[int, str, str]]:
    """Index rows overlapping ``[start, end)`` but sentinels, as (event id, start and end
    as shown), ordered by start, end and event id: the window index's own order. Only a
    sentinel row has no bounds as shown."""
    query = (
        select(OccurrenceRow.event_id, OccurrenceRow.local_start, OccurrenceRow.local_end)
        .where(*_overlapping(workspace_id, start, end), OccurrenceRow.recurrence_id != SENTINEL)
        .order_by(*_IN_ORDER)
    )
    return cast(list[tuple[int, str, str]], [tuple(row) for row in session.execute(query)])


def sentinel_ids(session: Session, workspace_id: int, start: datetime, end: datetime) -> list[int]:
    """The series with a sentinel row overlapping ``[start, end)`` (``ix_occ_sentinel``)."""
    query = select(OccurrenceRow.event_id).where(
        *_overlapping(workspace_id, start, end), text(IS_SENTINEL)
    )
    return list(session.scalars(query))
