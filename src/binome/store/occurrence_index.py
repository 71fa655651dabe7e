"""The occurrence index: series stay one row in ``events``; their occurrences up to the
workspace's horizon are materialised in ``occurrences`` so a year's agenda is a range scan.

Invariants (kept by ``Repositories`` on every write of a series or of one of its
overrides, and by the import use case in bulk):

- ``workspaces.occurrence_horizon_utc`` NULL means "no index": readers expand rules.
- Otherwise every series master has either its occurrences in ``[floor, horizon)``
  (``floor = horizon - COVER``; earlier windows are expanded on demand) in
  ``occurrences`` (``event_id`` = the master, or the override standing for that
  occurrence; RFC 5545 §3.8.4.4), or, when its expansion was cut at ``cap`` instances, one
  *sentinel* row (``recurrence_id = "*"``, spanning the whole series up to the horizon)
  telling readers to expand that series on demand. A truncated index is never read as if
  it were complete.
- All-day and floating occurrences are stored as UTC spans resolved in the workspace zone
  (the zone every reader of the workspace uses); cancelled overrides are not stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any, cast

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from binome.domain.model import Event
from binome.domain.recurrence import expand_series, series_bounds
from binome.domain.timing import Span, shown_bounds
from binome.store.codec import encode_point, to_db
from binome.store.index_shape import COVER, HORIZON, MAX_PER_SERIES, SENTINEL, IndexRow
from binome.store.tables import EventRow, OccurrenceRow

__all__ = [
    "COVER",
    "HORIZON",
    "MAX_PER_SERIES",
    "SENTINEL",
    "IndexRow",
    "clear_series",
    "index_series",
    "listing_rows",
    "rows_in_window",
    "sentinel_ids",
]

_TABLE = cast(Table, OccurrenceRow.__table__)


def clear_series(session: Session, series_id: int) -> None:
    """Remove the index rows of one series (its master and its overrides)."""
    owned = select(EventRow.id).where(
        or_(EventRow.id == series_id, EventRow.series_id == series_id)
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
    clear: bool = True,
) -> int:
    """Rebuild the index rows of ``master`` over ``[horizon - COVER, horizon)``; the
    number of rows written (``cap`` for a sentinel, so callers can budget instances).
    ``clear=False`` when the caller already emptied the index (a full rebuild)."""
    if clear:
        clear_series(session, master.id)
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
) -> list[tuple[datetime, datetime, int, str | None, str | None]]:
    """Index rows overlapping ``[start, end)`` but sentinels, ordered by start, end and
    event id (the window index's own order), with their bounds as shown."""
    query = (
        select(
            OccurrenceRow.start_utc,
            OccurrenceRow.end_utc,
            OccurrenceRow.event_id,
            OccurrenceRow.local_start,
            OccurrenceRow.local_end,
        )
        .where(*_overlapping(workspace_id, start, end), OccurrenceRow.recurrence_id != SENTINEL)
        .order_by(*_IN_ORDER)
    )
    return [(a, b, i, ls, le) for a, b, i, ls, le in session.execute(query)]


def sentinel_ids(session: Session, workspace_id: int, start: datetime, end: datetime) -> list[int]:
    query = select(OccurrenceRow.event_id).where(
        *_overlapping(workspace_id, start, end), OccurrenceRow.recurrence_id == SENTINEL
    )
    return list(session.scalars(query))
