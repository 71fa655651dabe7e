"""Occurrences read from the occurrence index (``store/occurrence_index.py``).

``load_occurrences`` (``app/calendar.py``) stays the single read path and calls
``reach`` to know whether the index answers a window: it does when the window ends before
the workspace's horizon; a window ending later, but within ``MAX_AHEAD`` of now, extends
the index first (built once, then a range scan); farther windows, windows starting before
the index's floor (``horizon - COVER``), or a workspace with no index yet, fall back to
expanding the rules.

The answer is the same as the expansion path's: single events and series occurrences
come from ``occurrences`` in one range scan; a series whose expansion was cut (a sentinel
row) is expanded on demand over the window only.

The assembly is ``app/index_read.from_index``; this module gives it the unit of work as
its ``IndexSource``.
"""

from __future__ import annotations

from collections.abc import Sequence

from binome.app.expansion import Occurrence
from binome.app.index_read import (
    MAX_AHEAD,
    ListingRow,
    Reach,
    extended_horizon,
    from_index,
    listing_from_index,
    reach_of,
)
from binome.app.uow import UnitOfWork
from binome.domain.model import Event
from binome.domain.timing import Span, zone
from binome.store.index_shape import IndexRow
from binome.store.occurrence_index import listing_rows, rows_in_window, sentinel_ids

__all__ = ["MAX_AHEAD", "indexed_listing", "indexed_occurrences", "reach"]


def reach(uow: UnitOfWork, window: Span) -> bool:
    """Whether the index answers ``window`` (extending or first building it if it must
    and may: a read-only unit of work would roll the index back, so it expands)."""
    decision = reach_of(uow.repos.occurrence_horizon(), window, uow.now)
    if decision is Reach.EXTEND:
        if not uow.write:
            return False
        uow.repos.rebuild_occurrence_index(extended_horizon(uow.now, window))
    return decision is not Reach.EXPAND


class _UowSource:
    """``IndexSource`` over a unit of work's repositories."""

    def __init__(self, uow: UnitOfWork, owner: str | None) -> None:
        self.repos = uow.repos
        self.owner = owner

    def index_rows(self, window: Span) -> Sequence[IndexRow]:
        return rows_in_window(self.repos.session, self.repos.ws, window.start, window.end)

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        return {
            r.id: self.repos.event_to_domain(r)
            for r in self.repos.event_rows_by_ids(ids)
            if (r.owner_email or None) == self.owner
        }

    def listing_rows(self, window: Span) -> list[ListingRow]:
        return listing_rows(self.repos.session, self.repos.ws, window.start, window.end)

    def sentinel_ids(self, window: Span) -> list[int]:
        return sentinel_ids(self.repos.session, self.repos.ws, window.start, window.end)

    def overrides_of(self, series_id: int, window: Span) -> list[Event]:
        rows = self.repos.event_rows_in_window(window.start, window.end)
        return [self.repos.event_to_domain(r) for r in rows if r.series_id == series_id]


def indexed_listing(
    uow: UnitOfWork, window: Span, *, owner: str | None
) -> tuple[list[ListingRow], dict[int, Event]]:
    return listing_from_index(_UowSource(uow, owner), window, zone(uow.workspace.tz))


def indexed_occurrences(uow: UnitOfWork, window: Span, *, owner: str | None) -> list[Occurrence]:
    return from_index(_UowSource(uow, owner), window, zone(uow.workspace.tz))
