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
from binome.domain.timing import AllDay, Floating, format_duration, zone


@dataclass(frozen=True, slots=True)
class Remote:
    """A participant in another zone, with the occurrence's start in their local time."""

    email: str
    name: str | None
    tz: str
    local_start: datetime


def iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def event_ref(event: Event) -> str:
    return f"event:{event.series_id or event.id}"


def occurrence_view(
    occ: Occurrence, actor: Actor, tz: tzinfo, people: dict[str, Person] | None = None
) -> dict[str, Any]:
    """One agenda line for ``actor``: masked unless the actor may read the event."""
    e = occ.event
    visible = can_read(actor, e.classification, event_ref(e))
    all_day = isinstance(occ.timing, AllDay)
    if isinstance(occ.timing, AllDay):
        start: datetime | date = occ.timing.start
        end: datetime | date = occ.timing.end
    else:
        start = occ.span.start.astimezone(tz)
        end = occ.span.end.astimezone(tz)
    view: dict[str, Any] = {
        "id": format_id("event", e.series_id or e.id),
        "occurrence": occ.key,
        "start": iso(start),
        "end": iso(end),
        "all_day": all_day,
        "floating": isinstance(occ.timing, Floating),
        "masked": not visible,
        "busy": e.blocks_time,
        "recurring": e.series_id is not None or e.recurrence is not None,
    }
    if not visible:
        view.update({"title": None, "classification": None, "kind": None})
        return view
    remotes = remote_participants(occ, tz, people or {})
    view.update(
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
            "attendees": [{"email": a.email, "name": a.name} for a in e.attendees],
            "important": e.important,
            "objective_id": None
            if e.objective_id is None
            else format_id("objective", e.objective_id),
            "task_id": None if e.task_id is None else format_id("task", e.task_id),
            "remote": [
                {
                    "email": r.email,
                    "name": r.name,
                    "tz": r.tz,
                    "local_start": r.local_start.isoformat(),
                }
                for r in remotes
            ],
        }
    )
    return view


def remote_participants(occ: Occurrence, tz: tzinfo, people: dict[str, Person]) -> list[Remote]:
    if isinstance(occ.timing, AllDay | Floating):
        return []
    here = occ.span.start.astimezone(tz).utcoffset()
    out: list[Remote] = []
    for attendee in occ.event.attendees:
        person = people.get(attendee.email)
        if person is None or not person.tz:
            continue
        local = occ.span.start.astimezone(zone(person.tz))
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
