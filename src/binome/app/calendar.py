"""Calendar use cases: add an event, read the agenda over a window.

Reading is access-controlled and audited: every occurrence passes through
``views.occurrence_view`` (masking first), and when the reader is shown confidential or
secret content an audit entry records which items were read (ids only, never text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from binome.app.access import Actor, require_not_viewer, require_write
from binome.app.agenda import (
    AgendaListing,
    agenda_listing,
    agenda_of,
    audit_confidential_reads,
    window_for,
)
from binome.app.context import App
from binome.app.expansion import Occurrence, occurrences
from binome.app.ids import format_id, parse_id
from binome.app.index_read import ListingRow, listing_of
from binome.app.read_cache import cached
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import occurrence_view
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import (
    Attendee,
    Classification,
    Event,
    EventKind,
    EventStatus,
    Person,
    Recurrence,
)
from binome.domain.timing import AllDay, Span, Timed, zone

# Re-exported: the other use cases read these from here.
__all__ = ["audit_confidential_reads", "window_for"]


@dataclass(frozen=True, slots=True)
class NewEvent:
    title: str
    start: datetime | date
    end: datetime | date
    attendees: Sequence[str] = ()
    location: str | None = None
    description: str | None = None
    classification: Classification = Classification.INTERNAL
    important: bool = False
    kind: EventKind = EventKind.MEETING
    rrule: str | None = None
    objective: str | None = None
    status: EventStatus = EventStatus.CONFIRMED


def add_event(app: App, new: NewEvent) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        require_write(uow.actor, new.classification)
        event = build_event(uow, new)
        stored = uow.repos.add_event(event, now=uow.now)
        uow.audit(
            "event.create",
            "event",
            str(stored.id),
            {"title": stored.title, "start": str(new.start), "end": str(new.end)},
        )
        occ = Occurrence(stored, stored.timing, stored.timing.span(zone(uow.workspace.tz)), None)
        return occurrence_view(occ, uow.actor, zone(uow.workspace.tz), _people(uow))


def build_event(uow: UnitOfWork, new: NewEvent) -> Event:
    if isinstance(new.start, datetime) != isinstance(new.end, datetime):
        raise InvalidInput(N_("Start and end must both be dates or both be date-times."))
    timing: Timed | AllDay
    if isinstance(new.start, datetime) and isinstance(new.end, datetime):
        timing = Timed(new.start, new.end)
    else:
        timing = AllDay(new.start, new.end)
    attendees = []
    for email in new.attendees:
        person = uow.repos.person_by_email(email)
        if person is None:
            raise InvalidInput(
                N_("Unknown person: {email} (add them with `binome person add`)."), email=email
            )
        attendees.append(Attendee(person.email, person.name))
    objective_id = None
    if new.objective:
        objective_id = uow.repos.objective(parse_id("objective", new.objective)).id
    recurrence = None
    if new.rrule:
        from binome.domain.recurrence import check_rrule

        check_rrule(new.rrule, new.start)
        recurrence = Recurrence(rrule=new.rrule)
    return Event(
        title=new.title,
        timing=timing,
        attendees=tuple(attendees),
        location=new.location,
        description=new.description,
        classification=new.classification,
        important=new.important,
        kind=new.kind,
        recurrence=recurrence,
        objective_id=objective_id,
        status=new.status,
    )


@dataclass(frozen=True, slots=True)
class _UowReader:
    """``AgendaReader`` over a unit of work (SQLAlchemy: SQLite or PostgreSQL)."""

    uow: UnitOfWork

    @property
    def actor(self) -> Actor:
        return self.uow.actor

    @property
    def now(self) -> datetime:
        return self.uow.now

    @property
    def tz(self) -> str:
        return self.uow.workspace_row.tz

    def audit(self, action: str, object_type: str, object_id: str, content: Any = None) -> None:
        self.uow.audit(action, object_type, object_id, content)

    def occurrences_in(self, window: Span) -> list[Occurrence]:
        return load_occurrences(self.uow, window)

    def listing_in(self, window: Span) -> tuple[list[ListingRow], dict[int, Event]]:
        from binome.app.occurrences import indexed_listing, reach

        if reach(self.uow, window):
            return indexed_listing(self.uow, window, owner=None)
        return listing_of(load_occurrences(self.uow, window), zone(self.uow.workspace.tz))

    def people(self) -> list[Person]:
        return self.uow.repos.people()


def agenda(
    app: App, *, what: str | None = None, start: str | None = None, end: str | None = None
) -> dict[str, Any]:
    """The reader's agenda over a window: occurrences in order, masked where needed (from
    the web's read-model cache while the data, the reader and the minute are the same)."""
    with unit_of_work(app) as uow:
        return cached(
            uow,
            "agenda",
            (what, start, end),
            lambda: agenda_of(_UowReader(uow), what=what, start=start, end=end),
        )


def agenda_lines_of(
    app: App, *, what: str | None = None, start: str | None = None, end: str | None = None
) -> AgendaListing:
    """``agenda`` as a listing, for showing as lines (``AgendaListing``)."""
    with unit_of_work(app) as uow:
        return agenda_listing(_UowReader(uow), what=what, start=start, end=end)


def load_occurrences(
    uow: UnitOfWork, window: Span, *, owner: str | None = None
) -> list[Occurrence]:
    """The one read path for occurrences: from the occurrence index when ``window`` ends
    before its horizon (extended here when a query goes past it, up to ``MAX_AHEAD``),
    else by expanding the rules of the series that may touch ``window``.

    ``owner=None`` is the principal's calendars; an e-mail, the calendars imported for
    that person (``binome import --owner``), which are never part of the agenda."""
    from binome.app.occurrences import indexed_occurrences, reach

    if reach(uow, window):
        return indexed_occurrences(uow, window, owner=owner)
    return expanded_occurrences(uow, window, owner=owner)


def expanded_occurrences(
    uow: UnitOfWork, window: Span, *, owner: str | None = None
) -> list[Occurrence]:
    """``load_occurrences`` without the index: the rules of the series that may touch
    ``window`` expanded, beside its single events (the index must answer alike)."""
    rows = [
        r
        for r in uow.repos.event_rows_in_window(window.start, window.end)
        if (r.owner_email or None) == owner
    ]
    events = [uow.repos.event_to_domain(r) for r in rows]
    return occurrences(events, window, zone(uow.workspace.tz))


def _people(uow: UnitOfWork) -> dict[str, Person]:
    return {p.email: p for p in uow.repos.people()}


def event_public_id(event: Event) -> str:
    return format_id("event", event.id)
