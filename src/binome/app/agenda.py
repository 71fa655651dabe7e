"""The agenda read, over any reader: the ORM unit of work or the lean sqlite3 path.

``binome agenda`` is the command people run most, so it must start fast (issue 2: under
200 ms as a whole process). Its logic lives here once, written against ``AgendaReader``:
the window (``window_for``), expansion (``app/expansion.py`` → ``domain/recurrence.py``),
masking (``app/views.py``) and the audit of confidential reads. ``app/calendar.agenda``
runs it inside a unit of work (SQLAlchemy, both databases); ``app/lite.py`` runs it on a
stdlib ``sqlite3`` connection for SQLite files. This module imports no storage library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from binome.app.access import Actor, can_read
from binome.app.expansion import Occurrence
from binome.app.views import OccurrenceViews, event_ref
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Person
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


def audit_confidential_reads(auditor: Auditor, occs: Sequence[Occurrence]) -> None:
    """One ``read.confidential`` entry naming the sealed events whose content is shown."""
    sealed = {id(o.event): o.event for o in occs if o.event.classification.sealed}
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
