"""Occurrences read from the occurrence index (``store/occurrence_index.py``).

``load_occurrences`` (``app/calendar.py``) stays the single read path and calls
``reach`` to know whether the index answers a window: it does when the window ends before
the workspace's horizon; a window ending later, but within ``MAX_AHEAD`` of now, extends
the index first (built once, then a range scan); farther windows, windows starting before
the index's floor (``horizon - COVER``), or a workspace with no index yet, fall back to
expanding the rules.

The answer is the same as the expansion path's: single events come from ``events`` by
their own range index, series occurrences from ``occurrences``; a series whose expansion
was cut (a sentinel row) is expanded on demand over the window only.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from binome.app.expansion import Occurrence, occurrences
from binome.app.uow import UnitOfWork
from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing, zone
from binome.store.codec import decode_point
from binome.store.occurrence_index import COVER, HORIZON, SENTINEL, rows_in_window, span_of
from binome.store.tables import EventRow

__all__ = ["MAX_AHEAD", "indexed_occurrences", "reach"]

MAX_AHEAD = timedelta(days=3660)  # beyond ten years ahead, expand rather than index
_EXTRA = timedelta(days=90)


def reach(uow: UnitOfWork, window: Span) -> bool:
    """Whether the index answers ``window`` (extending it if it must and may)."""
    horizon = uow.repos.occurrence_horizon()
    if horizon is None or window.start < horizon - COVER:
        return False  # no index yet, or before its floor: expand
    if window.end <= horizon:
        return True
    if window.end > uow.now + MAX_AHEAD:
        return False
    uow.repos.rebuild_occurrence_index(max(uow.now + HORIZON, window.end + _EXTRA))
    return True


def indexed_occurrences(uow: UnitOfWork, window: Span, *, owner: str | None) -> list[Occurrence]:
    repos = uow.repos
    tz = zone(uow.workspace.tz)
    singles = [
        repos.event_to_domain(r)
        for r in repos.single_event_rows_in_window(window.start, window.end)
        if (r.owner_email or None) == owner
    ]
    result = occurrences(singles, window, tz)
    index = rows_in_window(repos.session, repos.ws, window.start, window.end)
    sentinels = {r.event_id for r in index if r.recurrence_id == SENTINEL}
    wanted = sorted({r.event_id for r in index} | sentinels)
    rows = {r.id: r for r in repos.event_rows_by_ids(wanted)}
    events: dict[int, Event] = {}
    for item in index:
        row = rows.get(item.event_id)
        if row is None or item.recurrence_id == SENTINEL or (row.owner_email or None) != owner:
            continue
        event = events.get(row.id)
        if event is None:
            event = events[row.id] = repos.event_to_domain(row)
        span = span_of(item)
        rid = decode_point(item.recurrence_id)
        result.append(Occurrence(event, _timing(event.timing, span, tz), span, rid))
    for series_id in sorted(sentinels):
        result.extend(_expanded(uow, rows.get(series_id), window, tz, owner))
    result.sort(key=lambda o: (o.span.start, o.span.end, o.event.id))
    return result


def _expanded(
    uow: UnitOfWork, master: EventRow | None, window: Span, tz: tzinfo, owner: str | None
) -> list[Occurrence]:
    if master is None or (master.owner_email or None) != owner:
        return []
    repos = uow.repos
    overrides = [
        r for r in repos.event_rows_in_window(window.start, window.end) if r.series_id == master.id
    ]
    events = [repos.event_to_domain(master), *(repos.event_to_domain(r) for r in overrides)]
    return occurrences(events, window, tz)


def _timing(shape: Timing, span: Span, tz: tzinfo) -> Timing:
    """An occurrence's timing from its indexed UTC span, in the kind of its event."""
    if isinstance(shape, Timed):
        home = shape.start.tzinfo
        return Timed(span.start.astimezone(home), span.end.astimezone(home))
    if isinstance(shape, AllDay):
        first = span.start.astimezone(tz).date()
        last = span.end.astimezone(tz).date()
        return AllDay(first, last if last > first else first + timedelta(days=1))
    return Floating(_wall(span.start, tz), _wall(span.end, tz))


def _wall(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)
