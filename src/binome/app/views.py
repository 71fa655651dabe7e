"""What a reader is shown: items as JSON-able views, with masking applied first.

Masking happens here, before any serialisation (SECURITY.md invariant 1): a view built for a
reader who may not see an item's content carries its times and nothing else — no title,
place, attendees, description or objective — and ``masked: true``. The title of a masked
item is left empty; each interface writes "Occupé" / "Busy" in the reader's language.
Field names are the stable ``--json`` contract (snake_case, ISO 8601 with offsets, dates for
all-day items).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from binome.app.access import Actor, can_read
from binome.app.expansion import Occurrence
from binome.app.ids import format_id
from binome.domain.model import Commitment, Event, Objective, Person, Task
from binome.domain.timing import AllDay, Floating, Timed, format_duration, zone


@dataclass(frozen=True, slots=True)
class Remote:
    """A participant in another zone, with the occurrence's start in their local time."""

    email: str
    name: str | None
    tz: str
    local_start: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "name": self.name,
            "tz": self.tz,
            "local_start": self.local_start.isoformat(),
        }


def iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def event_ref(event: Event) -> str:
    return f"event:{event.series_id or event.id}"


def occurrence_view(
    occ: Occurrence, actor: Actor, tz: tzinfo, people: dict[str, Person] | None = None
) -> dict[str, Any]:
    """One agenda line for ``actor``: masked unless the actor may read the event."""
    return OccurrenceViews(actor, tz, people)(occ)


class OccurrenceViews:
    """``occurrence_view`` for many occurrences of the same reader: what depends only on
    the event (may the reader see it, its title, people...) is worked out once per event,
    what depends on the occurrence (its bounds, key, remote local times) each time. A
    year's agenda shows tens of thousands of occurrences of a few thousand events."""

    __slots__ = ("_actor", "_parts", "_people", "_tz")

    def __init__(self, actor: Actor, tz: tzinfo, people: dict[str, Person] | None) -> None:
        self._actor, self._tz, self._people = actor, tz, people or {}
        self._parts: dict[int, tuple[Event, EventPart]] = {}

    def __call__(self, occ: Occurrence) -> dict[str, Any]:
        e = occ.event
        cached = self._parts.get(id(e))
        if cached is None or cached[0] is not e:
            cached = self._parts[id(e)] = (e, EventPart(e, self._actor, self._people))
        part = cached[1]
        view = part.base.copy()  # in the contract's key order; the blanks filled below
        view["occurrence"] = occ.key
        view["start"], view["end"] = occ.shown_in(self._tz)
        kind = occ.timing_kind
        if kind is not part.kind:  # an occurrence of another kind than its event's
            view["all_day"], view["floating"] = kind is AllDay, kind is Floating
        if part.visible:
            view["attendees"] = list(part.attendees)
            view["remote"] = (
                [r.as_json() for r in remote_participants(occ, self._tz, self._people)]
                if part.maybe_remote
                else []
            )
        return view


class EventPart:
    """The part of an occurrence's view that depends only on its event and reader: may
    the reader see it (``visible``), and the view's fields in the contract's order
    (``base``: masked items carry times only). The agenda's listing (``agenda_listing``)
    renders lines from these parts directly."""

    __slots__ = ("_event", "_people", "attendees", "base", "kind", "maybe_remote", "visible")

    def __init__(self, e: Event, actor: Actor, people: dict[str, Person]) -> None:
        self._event, self._people = e, people
        self.visible = can_read(actor, e.classification, event_ref(e))
        self.kind = type(e.timing)
        self.base: dict[str, Any] = {
            "id": format_id("event", e.series_id or e.id),
            "occurrence": None,
            "start": None,
            "end": None,
            "all_day": isinstance(e.timing, AllDay),
            "floating": isinstance(e.timing, Floating),
            "masked": not self.visible,
            "busy": e.blocks_time,
            "recurring": e.series_id is not None or e.recurrence is not None,
        }
        self.attendees: tuple[dict[str, Any], ...] = ()
        self.maybe_remote = False
        if not self.visible:
            self.base.update({"title": None, "classification": None, "kind": None})
            return
        self.attendees = tuple({"email": a.email, "name": a.name} for a in e.attendees)
        self.maybe_remote = any(
            (p := people.get(a.email)) is not None and p.tz for a in e.attendees
        )
        self.base.update(
            {
                "title": e.title,
                "classification": e.classification.value,
                "kind": e.kind.value,
                "status": e.status.value,
                "location": e.location,
                "description": e.description,
                "url": e.url,
                "conference_url": e.conference_url,
                "organizer": e.organizer,
                "attendees": None,  # per view (a list of its own)
                "important": e.important,
                "objective_id": None
                if e.objective_id is None
                else format_id("objective", e.objective_id),
                "task_id": None if e.task_id is None else format_id("task", e.task_id),
                "remote": None,  # per occurrence
            }
        )

    def remote(self, shown_start: str, tz: tzinfo) -> list[dict[str, Any]]:
        """The view's ``remote`` for an occurrence shown starting at ``shown_start``."""
        if not (self.visible and self.maybe_remote) or self.kind is not Timed:
            return []
        start = datetime.fromisoformat(shown_start)
        return [r.as_json() for r in remotes_at(self._event, start, tz, self._people)]


def remote_participants(occ: Occurrence, tz: tzinfo, people: dict[str, Person]) -> list[Remote]:
    if isinstance(occ.timing, AllDay | Floating):
        return []
    return remotes_at(occ.event, occ.span.start, tz, people)


def remotes_at(
    event: Event, start: datetime, tz: tzinfo, people: dict[str, Person]
) -> list[Remote]:
    """The participants of ``event`` whose zone is not ``tz``'s offset at ``start``."""
    here = start.astimezone(tz).utcoffset()
    out: list[Remote] = []
    for attendee in event.attendees:
        person = people.get(attendee.email)
        if person is None or not person.tz:
            continue
        local = start.astimezone(zone(person.tz))
        if local.utcoffset() != here:
            out.append(Remote(attendee.email, person.name or attendee.name, person.tz, local))
    return out


def task_view(task: Task, actor: Actor) -> dict[str, Any]:
    visible = can_read(actor, task.classification, f"task:{task.id}")
    view: dict[str, Any] = {
        "id": format_id("task", task.id),
        "masked": not visible,
        "estimate": format_duration(task.estimate),
        "estimate_minutes": int(task.estimate.total_seconds() // 60),
        "due": iso(task.due),
        "status": task.status.value,
        "owner": task.owner,
    }
    if not visible:
        view["title"] = None
        return view
    view.update(
        {
            "title": task.title,
            "priority": task.priority.value,
            "objective_id": None
            if task.objective_id is None
            else format_id("objective", task.objective_id),
            "earliest_start": iso(task.earliest_start),
            "depends_on": [format_id("task", t) for t in task.depends_on],
            "splittable": task.splittable,
            "min_chunk_minutes": int(task.min_chunk.total_seconds() // 60),
            "waiting_on": task.waiting_on,
            "classification": task.classification.value,
            "created_at": iso(task.created_at),
            "done_at": iso(task.done_at),
        }
    )
    return view


def commitment_view(c: Commitment, actor: Actor, now: datetime) -> dict[str, Any]:
    visible = can_read(actor, c.classification, f"commitment:{c.id}")
    view: dict[str, Any] = {
        "id": format_id("commitment", c.id),
        "masked": not visible,
        "due": iso(c.due),
        "status": c.effective_status(now).value,
    }
    if not visible:
        view["what"] = None
        return view
    view.update(
        {
            "what": c.what,
            "owner": c.owner,
            "to": c.beneficiary,
            "classification": c.classification.value,
            "done_at": iso(c.done_at),
        }
    )
    return view


def objective_view(o: Objective, actor: Actor) -> dict[str, Any]:
    visible = can_read(actor, o.classification, f"objective:{o.id}")
    return {
        "id": format_id("objective", o.id),
        "weight": o.weight,
        "masked": not visible,
        "title": o.title if visible else None,
        "classification": o.classification.value if visible else None,
    }


def person_view(p: Person) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "email": p.email,
        "tz": p.tz,
        "country": p.country,
        "hours": p.hours.render(),
        "vip": p.vip,
        "organization": p.organization,
    }
