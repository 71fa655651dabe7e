"""``confirm``: carry out the chosen option of a request, atomically, and draft invitations.

One unit of work: the event (with its attendees), the task and its block, the reminder,
the move or cancellation of the referenced event, the commitment owed to someone who
asked by e-mail — then the request marked confirmed with what was done, and an audit
entry for each change. Any failure rolls everything back.

Moving or cancelling one occurrence of a series never rewrites the series: a move adds an
override (RFC 5545 §3.8.4.4 RECURRENCE-ID), a cancellation of one occurrence adds an
EXDATE (§3.8.5.1); "toute la série" cancels the master. Each change raises SEQUENCE
(§3.8.7.4) so the drafted iTIP message supersedes the earlier one.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from binome.app.access import require_write
from binome.app.context import App
from binome.app.expansion import override_of
from binome.app.ids import format_id
from binome.app.invitation import drafts
from binome.app.request_wording import template
from binome.app.requests import load_waiting
from binome.app.slots import principal_person
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import event_ref
from binome.domain.errors import N_, Conflict, InvalidInput
from binome.domain.model import (
    Attendee,
    Commitment,
    Event,
    EventKind,
    EventStatus,
    Person,
    Priority,
    Recurrence,
    Request,
    RequestStatus,
    Task,
)
from binome.domain.recurrence import check_rrule
from binome.domain.timing import Timed, zone

_DEFAULT_TITLES = {
    "meeting": N_("Meeting"),
    "focus": N_("Focused work"),
    "task_block": N_("Task"),
    "reminder": N_("Reminder"),
}


def confirm(app: App, ref: str, *, option: int = 1) -> dict[str, Any]:
    """Carry out option ``option`` of request ``ref``; what was done and the drafts."""
    with unit_of_work(app) as uow:
        r = load_waiting(uow, ref)
        if r.status is RequestStatus.NEEDS_CLARIFICATION:
            raise InvalidInput(
                N_("Request {ref} needs an answer first: {question}"),
                ref=format_id("request", r.id),
                question=r.question or "",
            )
        if not 1 <= option <= len(r.options):
            raise InvalidInput(
                N_("Choose an option between 1 and {count}."), field="option", count=len(r.options)
            )
        chosen = r.options[option - 1]
        done, invitations = _carry_out(uow, r, chosen)
        outcome = {**r.outcome, "option": option, "done": done, "invitations": len(invitations)}
        uow.repos.update_request(
            replace(r, status=RequestStatus.CONFIRMED, decided_at=uow.now, outcome=outcome)
        )
        uow.audit("request.confirm", "request", str(r.id), {"option": option, "done": done})
        return {
            "id": format_id("request", r.id),
            "status": RequestStatus.CONFIRMED.value,
            "option": option,
            "done": done,
            "invitations": invitations,
        }


def _carry_out(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    action = chosen["action"]
    if action == "create_event":
        return _create_event(uow, r, chosen)
    if action == "create_task":
        return _create_task(uow, r, chosen)
    if action == "create_reminder":
        return _create_reminder(uow, r, chosen)
    if action == "move_event":
        return _move(uow, r, chosen)
    if action == "cancel_event":
        return _cancel(uow, r, chosen)
    raise InvalidInput(N_("This request has nothing to carry out."))


def _timed(uow: UnitOfWork, chosen: dict[str, Any]) -> Timed:
    tz = zone(uow.workspace.tz)
    start, end = (datetime.fromisoformat(chosen[k]).astimezone(tz) for k in ("start", "end"))
    return Timed(start, end)


def _title(r: Request, kind: str) -> str:
    title = str(r.interpretation.get("title") or "").strip()
    if not title:
        title = template(_DEFAULT_TITLES[kind], r.lang)
    return title[:1].upper() + title[1:]


def _series(r: Request, timing: Timed) -> Recurrence | None:
    """The weekly rule asked for ("tous les vendredis à 17h"), checked like any RRULE."""
    rule = r.interpretation.get("recurrence")
    if not rule:
        return None
    check_rrule(rule, timing.start)
    return Recurrence(rrule=rule)


def _uid(uow: UnitOfWork, r: Request, what: str) -> str:
    name = f"binome:{uow.workspace_row.uuid}:request:{r.id}:{what}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, name)}@binome"


def _add(uow: UnitOfWork, event: Event) -> tuple[Event, dict[str, Any]]:
    require_write(uow.actor, event.classification)
    stored = uow.repos.add_event(event, now=uow.now)
    start = stored.timing.start.isoformat() if isinstance(stored.timing, Timed) else ""
    uow.audit("event.create", "event", str(stored.id), {"title": stored.title, "start": start})
    return stored, {"type": "event", "id": format_id("event", stored.id), "kind": event.kind.value}


def _people(uow: UnitOfWork, emails: list[str]) -> list[Person]:
    found = (uow.repos.person_by_email(e) for e in emails)
    return [p for p in found if p is not None]


def _invite(
    uow: UnitOfWork, event: Event, people: list[Person], change: str
) -> list[dict[str, Any]]:
    if not people or not isinstance(event.timing, Timed):
        return []
    return drafts(
        event,
        principal_person(uow),
        people,
        change=change,
        workspace_lang=uow.workspace.lang,
        tz=zone(uow.workspace.tz),
        now=uow.now,
    )


def _create_event(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    kind = EventKind(chosen.get("kind") or "meeting")
    me = principal_person(uow)
    asked = _people(uow, list(r.outcome.get("attendees") or ()))
    people = [p for p in asked if p.email != me.email]
    timing = _timed(uow, chosen)
    event = Event(
        title=_title(r, kind.value),
        timing=timing,
        recurrence=_series(r, timing),
        uid=_uid(uow, r, "event"),
        attendees=tuple(Attendee(p.email, p.name) for p in people),
        organizer=me.email,
        kind=kind,
    )
    stored, done = _add(uow, event)
    return [done], _invite(uow, stored, people, "REQUEST")


def _create_task(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    spec = chosen.get("task") or {}
    due = datetime.fromisoformat(spec["due"]) if spec.get("due") else None
    priority = {"high": Priority.HIGH, "low": Priority.LOW}.get(
        r.interpretation.get("priority") or "", Priority.MEDIUM
    )
    task = Task(
        title=_title(r, "task_block"),
        estimate=timedelta(minutes=int(spec.get("estimate_minutes") or 60)),
        due=due,
        priority=priority,
        created_at=uow.now,
        uid=_uid(uow, r, "task"),
    )
    require_write(uow.actor, task.classification)
    stored = uow.repos.add_task(task, now=uow.now)
    uow.audit("task.create", "task", str(stored.id), {"title": stored.title})
    done = [{"type": "task", "id": format_id("task", stored.id)}]
    block = Event(
        title=stored.title,
        timing=_timed(uow, chosen),
        uid=_uid(uow, r, "block"),
        kind=EventKind.TASK_BLOCK,
        task_id=stored.id,
    )
    done.append(_add(uow, block)[1])
    me = principal_person(uow).email
    if due is not None and r.outcome.get("via") == "mail" and r.requester not in (None, me):
        c = uow.repos.add_commitment(
            Commitment(what=stored.title, owner=me, beneficiary=str(r.requester), due=due,
                       created_at=uow.now),
            now=uow.now,
        )  # fmt: skip
        uow.audit("commitment.create", "commitment", str(c.id), {"what": c.what})
        done.append({"type": "commitment", "id": format_id("commitment", c.id)})
    return done, []


def _create_reminder(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    timing = _timed(uow, chosen)
    event = Event(
        title=_title(r, "reminder"),
        timing=timing,
        recurrence=_series(r, timing),
        uid=_uid(uow, r, "reminder"),
        kind=EventKind.REMINDER,
        transparent=True,
    )
    return [_add(uow, event)[1]], []


def _writable(uow: UnitOfWork, ref: dict[str, Any]) -> Event:
    """The referenced event, writable by the actor and unchanged since it was proposed."""
    event = uow.repos.event(int(ref["id"]))
    require_write(uow.actor, event.classification, event_ref(event))
    if ref.get("version") and event.version != ref["version"]:
        raise Conflict(
            N_("{ref} changed since it was proposed; ask again."), ref=format_id("event", event.id)
        )
    return event


def _move(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    ref = chosen["event"]
    master = _writable(uow, ref)
    timing = _timed(uow, chosen)
    if ref.get("recurrence_id") and master.recurrence is not None:
        override = replace(
            override_of(master, _point(ref["recurrence_id"]), timing),
            sequence=master.sequence + 1,
            locally_modified=True,
        )
        stored = uow.repos.add_event(override, now=uow.now)
    else:
        moved = replace(master, timing=timing, sequence=master.sequence + 1, locally_modified=True)
        stored = uow.repos.update_event(moved, now=uow.now)
    uow.audit("event.move", "event", str(master.id), {"start": timing.start.isoformat()})
    people = _people(uow, [a.email for a in master.attendees])
    done = [{"type": "event_moved", "id": format_id("event", master.id)}]
    return done, _invite(uow, stored, people, "MOVE")


def _cancel(
    uow: UnitOfWork, r: Request, chosen: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    refs = chosen.get("events") or [chosen["event"]]
    whole_series = r.interpretation.get("scope") == "all"
    done: list[dict[str, Any]] = []
    invitations: list[dict[str, Any]] = []
    seen: set[int] = set()
    for ref in refs:
        # A second occurrence of a series already changed here: its version moved on.
        event = _writable(uow, ref if ref["id"] not in seen else {**ref, "version": None})
        seen.add(event.id)
        rid = ref.get("recurrence_id")
        if rid and event.recurrence is not None and not whole_series:
            rec = event.recurrence
            changed = replace(
                event,
                recurrence=Recurrence(rrule=rec.rrule, rdates=rec.rdates,
                                      exdates=(*rec.exdates, _point(rid))),
                sequence=event.sequence + 1,
                locally_modified=True,
            )  # fmt: skip
        else:
            changed = replace(
                event,
                status=EventStatus.CANCELLED,
                sequence=event.sequence + 1,
                locally_modified=True,
            )
        stored = uow.repos.update_event(changed, now=uow.now)
        uow.audit("event.cancel", "event", str(event.id), {"occurrence": rid})
        done.append({"type": "event_cancelled", "id": format_id("event", event.id)})
        notice = stored
        if rid:
            span = (datetime.fromisoformat(ref["start"]), datetime.fromisoformat(ref["end"]))
            notice = replace(stored, timing=Timed(*span))
        people = _people(uow, [a.email for a in event.attendees])
        invitations += _invite(uow, notice, people, "CANCEL")
    return done, invitations


def _point(text: str) -> datetime | date:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
