"""Occurrences of stored events over a window, for the reader's zone.

Single events pass through; series are expanded on demand (never stored exploded) by
``binome.domain.recurrence``; overrides replace the occurrence they stand for. All-day and
floating items are resolved in the workspace zone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo

from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Span, Timed, Timing, shown_bounds
from binome.store.codec import decode_point, from_db, point_iso

MAX_INSTANCES_PER_QUERY = 20_000


class Occurrence:
    """One occurrence: the event it comes from (a single event, a series master or an
    override), its timing for this occurrence, and its span in UTC.

    Immutable by convention (no setters). Occurrences read from the occurrence index
    (``Occurrence.indexed``) keep the row's values and decode their span, timing and
    recurrence id on first use: a year's agenda shows tens of thousands and needs only
    their local times, which the index stores ready to show.
    """

    __slots__ = ("_end", "_local", "_rid", "_rid_text", "_shape", "_span", "_start",
                 "_timing", "_tz", "event")  # fmt: skip

    event: Event
    _timing: Timing | None
    _span: Span | None
    _rid: datetime | date | None
    _rid_text: str | None  # set for an indexed occurrence, with the four below
    _start: datetime  # naive UTC
    _end: datetime
    _shape: Callable[[Span], Timing]
    _tz: tzinfo
    _local: tuple[str, str] | None

    def __init__(
        self,
        event: Event,
        timing: Timing,
        span: Span,
        recurrence_id: datetime | date | None,
    ) -> None:
        self.event = event
        self._timing, self._span, self._rid = timing, span, recurrence_id
        self._rid_text = self._local = None

    @classmethod
    def indexed(
        cls,
        event: Event,
        start_utc: datetime,
        end_utc: datetime,
        recurrence_id: str,
        shape: Callable[[Span], Timing],
        local: tuple[str, str] | None,
        tz: tzinfo,
    ) -> Occurrence:
        """An occurrence from an index row: naive-UTC bounds, the stored RECURRENCE-ID
        text, ``shape`` turning the span into the event's kind of timing, and the bounds
        as shown in ``tz`` (the workspace zone) when the index holds them."""
        occ = cls.__new__(cls)
        occ.event = event
        occ._timing = occ._span = occ._rid = None
        occ._start, occ._end, occ._rid_text = start_utc, end_utc, recurrence_id
        occ._shape, occ._local, occ._tz = shape, local, tz
        return occ

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = Span(from_db(self._start), from_db(self._end))
        return self._span

    @property
    def timing(self) -> Timing:
        if self._timing is None:
            self._timing = self._shape(self.span)
        return self._timing

    @property
    def timing_kind(self) -> type[Timing]:
        """``type(self.timing)`` without decoding it (an indexed occurrence has its
        event's kind: ``app/index_read._Shape``)."""
        if self._timing is None:
            return type(self.event.timing)
        return type(self._timing)

    @property
    def recurrence_id(self) -> datetime | date | None:
        if self._rid is None and self._rid_text is not None:
            self._rid = decode_point(self._rid_text)
        return self._rid

    @property
    def key(self) -> str:
        head = f"E{self.event.series_id or self.event.id}"
        if self._rid_text is not None:
            return f"{head}@{point_iso(self._rid_text)}"
        rid = self._rid
        return head if rid is None else f"{head}@{rid.isoformat()}"

    @property
    def order(self) -> tuple[datetime, datetime, int]:
        """The reading order (start, end, event id), as naive UTC: cheap for indexed
        occurrences, whose bounds are stored so."""
        if self._rid_text is not None:
            return self._start, self._end, self.event.id
        span = self.span
        return _naive_utc(span.start), _naive_utc(span.end), self.event.id

    def shown_in(self, tz: tzinfo) -> tuple[str, str]:
        """Start and end as a reader in ``tz`` is shown them (ISO 8601): the days of an
        all-day occurrence, else the instants in ``tz`` with their offset."""
        if self._local is not None and self._tz is tz:
            return self._local
        return shown_bounds(self.timing, self.span, tz)

    def _identity(self) -> tuple[object, ...]:
        return (self.event, self.timing, self.span, self.recurrence_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Occurrence):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def __repr__(self) -> str:
        return (
            f"Occurrence(event={self.event!r}, timing={self.timing!r}, span={self.span!r}, "
            f"recurrence_id={self.recurrence_id!r})"
        )


def _naive_utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def occurrences(
    events: Sequence[Event], window: Span, tz: tzinfo, max_instances: int = MAX_INSTANCES_PER_QUERY
) -> list[Occurrence]:
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
        from binome.domain.recurrence import expand  # dateutil: only when there are rules

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


__all__ = [
    "AllDay",
    "Floating",
    "Occurrence",
    "Timed",
    "occurrences",
    "override_of",
    "shown_bounds",
]
