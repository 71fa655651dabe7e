"""The agenda read, over any reader: the ORM unit of work or the lean sqlite3 path.

``binome agenda`` is the command people run most, so it must start fast (issue 2: under
200 ms as a whole process). Its logic lives here once, written against ``AgendaReader``:
the window (``window_for``), expansion (``app/expansion.py`` → ``domain/recurrence.py``),
masking (``app/views.py``) and the audit of confidential reads. ``app/calendar.agenda``
runs it inside a unit of work (SQLAlchemy, both databases); ``app/lite.py`` runs it on a
stdlib ``sqlite3`` connection for SQLite files. This module imports no storage library.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from binome.app.access import Actor, can_read
from binome.app.expansion import Occurrence
from binome.app.index_read import ListingRow
from binome.app.views import EventPart, OccurrenceViews, event_ref
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Event, Person
from binome.domain.timing import Span, local_to_utc, zone


class Auditor(Protocol):
    """Who reads, and where their reads are recorded (``UnitOfWork`` is one)."""

    @property
    def actor(self) -> Actor: ...

    def audit(self, action: str, object_type: str, object_id: str, content: Any = None) -> None: ...


class AgendaReader(Auditor, Protocol):
    """What the agenda needs from storage, inside one transaction."""

    @property
    def now(self) -> datetime: ...

    @property
    def tz(self) -> str: ...

    def occurrences_in(self, window: Span) -> list[Occurrence]:
        """The principal's occurrences in ``window`` (colleagues' imported calendars are
        busy time for the slot finder, never part of the agenda)."""
        ...

    def listing_in(self, window: Span) -> tuple[list[ListingRow], dict[int, Event]]:
        """``occurrences_in`` as the agenda's listing: (event id, shown start, shown end)
        in the same order, and the events by id (``app/index_read.listing_from_index``)."""
        ...

    def people(self) -> list[Person]: ...


def window_for(
    app_tz: str, what: str | None, start: str | None, end: str | None, now: datetime
) -> tuple[datetime, datetime]:
    """``today``/``tomorrow``/``week``/``YYYY-MM-DD`` or ``--from/--to``, in the zone."""
    from binome.domain.timing import parse_date, parse_datetime

    tz = zone(app_tz)
    today = now.astimezone(tz).date()
    if start or end:
        lo = (
            parse_datetime(start, tz)
            if start
            else local_to_utc(datetime.combine(today, time(0)), tz)
        )
        hi = parse_datetime(end, tz) if end else lo + timedelta(days=7)
        if len(end or "") == 10:
            hi = hi + timedelta(days=1)  # a date as --to includes that day
        if hi <= lo:
            raise InvalidInput(
                N_("The end ({end}) must be after the start ({start})."),
                start=start or "",
                end=end or "",
            )
        return lo, hi
    key = (what or "today").lower()
    if key in ("today", "aujourd'hui", "aujourdhui"):
        first, days = today, 1
    elif key in ("tomorrow", "demain"):
        first, days = today + timedelta(days=1), 1
    elif key in ("week", "semaine"):
        first, days = today - timedelta(days=today.weekday()), 7
    else:
        first, days = parse_date(key), 1
    lo = local_to_utc(datetime.combine(first, time(0)), tz)
    hi = local_to_utc(datetime.combine(first + timedelta(days=days), time(0)), tz)
    return lo, hi


def agenda_of(
    reader: AgendaReader, *, what: str | None, start: str | None, end: str | None
) -> dict[str, Any]:
    """The reader's agenda over a window: occurrences in order, masked where needed."""
    tz = zone(reader.tz)
    lo, hi = window_for(reader.tz, what, start, end, reader.now)
    window = Span(lo, hi)
    with gc_paused():  # a year is ~10^5 occurrences and views: no collection midway
        occs = reader.occurrences_in(window)
        people = {p.email: p for p in reader.people()}
        view = OccurrenceViews(reader.actor, tz, people)
        items = [view(o) for o in occs]
    audit_confidential_reads(reader, occs)
    return {
        "from": lo.astimezone(tz).isoformat(),
        "to": hi.astimezone(tz).isoformat(),
        "tz": reader.tz,
        "items": items,
    }


@dataclass(frozen=True, slots=True)
class AgendaListing:
    """The agenda as lines to show: the window, for each occurrence in order its event's
    id and its shown bounds (``rows``), and for each event shown the reader's view of it
    (``parts``: ``EventPart``, masked or not). ``agenda_of`` gives the same content as
    JSON-ready views; a long window is cheaper to show this way (no per-occurrence
    object: a row is the three values the index read gave)."""

    start: str
    end: str
    tz: str
    rows: list[tuple[int, str, str]]
    parts: dict[int, EventPart]


def agenda_listing(
    reader: AgendaReader, *, what: str | None, start: str | None, end: str | None
) -> AgendaListing:
    """The reader's agenda over a window, as a listing (see ``AgendaListing``)."""
    tz = zone(reader.tz)
    lo, hi = window_for(reader.tz, what, start, end, reader.now)
    with gc_paused():
        listing, events = reader.listing_in(Span(lo, hi))  # events: those shown
        people = {p.email: p for p in reader.people()}
        parts = {i: EventPart(e, reader.actor, people) for i, e in events.items()}
    audit_event_reads(reader, list(events.values()))
    return AgendaListing(
        lo.astimezone(tz).isoformat(), hi.astimezone(tz).isoformat(), reader.tz, listing, parts
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many objects are built and kept.

    Building ~10^5 long-lived containers triggers CPython's collector thousands of times,
    each pass walking everything built so far: about 40 % of a year's agenda. Nothing
    built here forms cycles that need collecting before the pause ends. Safe across
    threads: the collector is turned back on only by the pause that turned it off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def audit_confidential_reads(auditor: Auditor, occs: Sequence[Occurrence]) -> None:
    """One ``read.confidential`` entry naming the sealed events whose content is shown."""
    audit_event_reads(auditor, [o.event for o in occs])


def audit_event_reads(auditor: Auditor, events: Sequence[Event]) -> None:
    """``audit_confidential_reads`` for the events shown (each may appear many times)."""
    sealed = {id(e): e for e in events if e.classification.sealed}
    read = sorted(
        {
            event_ref(e)
            for e in sealed.values()
            if can_read(auditor.actor, e.classification, event_ref(e))
        }
    )
    if read:
        auditor.audit(
            "read.confidential", "event", ",".join(r.split(":")[1] for r in read)[:64], read
        )
