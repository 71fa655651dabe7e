"""Occurrences of stored events over a window, for the reader's zone.

Single events pass through; series are expanded on demand (never stored exploded) by
``binome.domain.recurrence``; overrides replace the occurrence they stand for. All-day and
floating items are resolved in the workspace zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing

MAX_INSTANCES_PER_QUERY = 20_000


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence: the event it comes from (a single event, a series master or an
    override), its timing for this occurrence, and its span in UTC."""

    event: Event
    timing: Timing
    span: Span
    recurrence_id: datetime | date | None

    @property
    def key(self) -> str:
        rid = self.recurrence_id
        return f"E{self.event.series_id or self.event.id}" + (
            "" if rid is None else f"@{rid.isoformat()}"
        )


def occurrences(
    events: Sequence[Event], window: Span, tz: tzinfo, max_instances: int = MAX_INSTANCES_PER_QUERY
) -> list[Occurrence]:
    from binome.domain.recurrence import expand

    masters = [e for e in events if e.series_id is None]
    overrides: dict[int, list[Event]] = {}
    for e in events:
        if e.series_id is not None:
            overrides.setdefault(e.series_id, []).append(e)
    master_ids = {e.id for e in masters}
    result: list[Occurrence] = []
    for event in masters:
        if event.recurrence is None:
            span = event.timing.span(tz)
            if span.overlaps(window):
                result.append(Occurrence(event, event.timing, span, None))
            continue
        for occ in expand(
            event, overrides.get(event.id, ()), window, tz, max_instances=max_instances
        ):
            source = occ.event
            result.append(Occurrence(source, occ.timing, occ.span, occ.recurrence_id))
    # Overrides whose master is not stored (RECURRENCE-ID without its series): show them.
    for series_id, items in overrides.items():
        if series_id in master_ids:
            continue
        for e in items:
            span = e.timing.span(tz)
            if span.overlaps(window):
                result.append(Occurrence(e, e.timing, span, e.recurrence_id))
    result.sort(key=lambda o: (o.span.start, o.span.end, o.event.id))
    return result


def override_of(
    master: Event, recurrence_id: datetime | date, timing: Timing | None = None
) -> Event:
    """A new (unsaved) override of the occurrence ``recurrence_id`` of the series ``master``
    (RFC 5545 §3.8.4.4 RECURRENCE-ID), at ``timing`` (else the master's)."""
    return replace(
        master,
        id=0,
        version=0,
        recurrence=None,
        timing=master.timing if timing is None else timing,
        series_id=master.id,
        recurrence_id=recurrence_id,
    )


__all__ = ["AllDay", "Floating", "Occurrence", "Timed", "occurrences", "override_of"]
