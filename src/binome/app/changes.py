"""Applying a proposal's changes to the store, one ``Change`` at a time, inside the caller's
unit of work (so a proposal applies atomically, with its audit entries).

This is the only place a ``Change`` is carried out: the radar's proposals and the planner's
(``binome plan`` stores them in ``proposals``) are both applied by ``binome apply P<n>``
(``app.radar.apply_proposal``), which calls ``apply_change`` for each change.

Every change checks the actor's right to write its target (``app.access``) and leaves one
audit entry. Moving, shortening or declining one occurrence of a series writes an
override for that occurrence (RFC 5545 §3.8.4.4 RECURRENCE-ID), never the series. A decline
sets the principal's copy to cancelled, so it no longer holds time. Messages (``draft``)
are not sent from here: they are returned as ``notices`` for the outbox and their digest
is audited. A move to a time ``not_before`` (the planner's ``move_meeting``) lands on the
principal's first free time after it, same duration; a reschedule bumps SEQUENCE
(RFC 5546 §2.1.4).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from binome.app.access import require_not_viewer, require_write
from binome.app.calendar import load_occurrences
from binome.app.expansion import override_of
from binome.app.free_time import principal_free
from binome.app.priorities import workspace_profile
from binome.app.uow import UnitOfWork
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Classification, CommitmentStatus, Event, EventKind, EventStatus
from binome.domain.proposal import Change, ChangeKind
from binome.domain.text import Message
from binome.domain.timing import Span, Timed, zone
from binome.engine.availability import Busy
from binome.store.codec import decode_point
from binome.store.tables import EventRow

__all__ = ["apply_change", "message_of"]

SEARCH = timedelta(days=14)  # how far after ``not_before`` a moved meeting may land


def message_of(data: Any) -> Message | str:
    """A ``{msgid, params}`` dict (as drafts and titles travel) back into a ``Message``."""
    if isinstance(data, dict) and "msgid" in data:
        return Message(str(data["msgid"]), dict(data.get("params") or {}))
    return str(data)


def _instant(text: Any, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(str(text))
    except ValueError as exc:
        raise InvalidInput(N_("Invalid change parameter {field}."), field=field) from exc
    if value.tzinfo is None:
        raise InvalidInput(N_("Invalid change parameter {field}."), field=field)
    return value


def _target_id(change: Change, kind: str) -> int:
    if change.target is None or not change.target.startswith(f"{kind}:"):
        raise InvalidInput(N_("Invalid change target: {value}."), value=str(change.target))
    return int(change.target.split(":", 1)[1])


def apply_change(uow: UnitOfWork, change: Change, *, lang: str = "fr") -> dict[str, Any]:
    """Apply one change; returns what was done (``{"kind", "target", "notice"?}``)."""
    require_not_viewer(uow.actor)
    handler = _HANDLERS.get(change.kind)
    if handler is None:
        raise InvalidInput(N_("This change cannot be applied here: {kind}."), kind=change.kind)
    done = handler(uow, change, lang)
    uow.audit(f"change.{change.kind.value}", "change", change.target or "new", change.as_json())
    return {"kind": change.kind.value, "target": change.target, **done}


# -- events -------------------------------------------------------------------------


def _occurrence_event(uow: UnitOfWork, change: Change) -> tuple[Event, Event | None]:
    """(the stored event to edit or base an override on, its series master or None)."""
    event = uow.repos.event(_target_id(change, "event"))
    require_write(uow.actor, event.classification, f"event:{event.id}")
    key = str(change.params.get("occurrence") or "")
    if event.recurrence is None or "@" not in key:
        return event, None
    rid = decode_point(key.split("@", 1)[1].replace("+00:00", "Z"))
    rows = uow.session.scalars(
        select(EventRow).where(
            EventRow.workspace_id == uow.repos.ws, EventRow.series_id == event.id
        )
    )
    for row in rows:
        override = uow.repos.event_to_domain(row)
        if override.recurrence_id == rid:
            return override, event
    if isinstance(rid, datetime):
        length = event.timing.span(zone(uow.workspace.tz)).duration
        return override_of(event, rid, Timed(rid, rid + length)), event
    return override_of(event, rid), event


def _save(uow: UnitOfWork, event: Event) -> Event:
    event = replace(event, locally_modified=True, sequence=event.sequence + 1)
    if event.id == 0:
        return uow.repos.add_event(event, now=uow.now)
    return uow.repos.update_event(event, now=uow.now)


def _timed(event: Event, start: datetime, end: datetime) -> Timed:
    tz = event.timing.start.tzinfo if isinstance(event.timing, Timed) else UTC
    return Timed(start.astimezone(tz), end.astimezone(tz))


def _move(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    event, _ = _occurrence_event(uow, change)
    if "start" not in change.params and "not_before" in change.params:
        start, end = _first_free(uow, event, change)
    else:
        start = _instant(change.params.get("start"), "start")
        end = _instant(change.params.get("end"), "end")
    timing = _timed(event, start, end)
    stored = _save(uow, replace(event, timing=timing))
    return {"event_id": stored.id, **_when(timing), "notify": _guests(event)}


def _when(timing: Timed) -> dict[str, str]:
    return {"start": timing.start.isoformat(), "end": timing.end.isoformat()}


def _guests(event: Event) -> list[str]:
    """Whom to tell of a reschedule (the outbox sends it; nothing is sent from here)."""
    return [a.email for a in event.attendees]


def _first_free(uow: UnitOfWork, event: Event, change: Change) -> tuple[datetime, datetime]:
    """The planner's ``move_meeting`` names a time to move after, not a slot: the first
    free time of the principal within ``SEARCH`` of it that holds the event's length."""
    after = _instant(change.params.get("not_before"), "not_before")
    length = event.timing.span(zone(uow.workspace.tz)).duration
    window = Span(after, after + SEARCH)
    busy = [
        Busy(span=o.span, location=o.event.location)
        for o in load_occurrences(uow, window)
        if o.event.blocks_time and o.event.id != event.id and o.event.kind is not EventKind.FOCUS
    ]
    free = sorted(principal_free(workspace_profile(uow), busy, window), key=lambda w: w.span.start)
    for window_free in free:
        if window_free.span.duration >= length:
            return window_free.span.start, window_free.span.start + length
    raise InvalidInput(
        N_("No free time for “{title}” after {when}."), title=event.title, when=after
    )


def _shorten(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    event, _ = _occurrence_event(uow, change)
    if not isinstance(event.timing, Timed):
        raise InvalidInput(N_("Only a timed event can be shortened."))
    new_end = _instant(change.params.get("new_end"), "new_end")
    if not event.timing.start < new_end < event.timing.end:
        raise InvalidInput(N_("The new end must be after the start and before the current end."))
    timing = _timed(event, event.timing.start, new_end)
    stored = _save(uow, replace(event, timing=timing))
    return {"event_id": stored.id, **_when(timing), "notify": _guests(event)}


def _cancel(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    event, _ = _occurrence_event(uow, change)
    stored = _save(uow, replace(event, status=EventStatus.CANCELLED))
    out: dict[str, Any] = {"event_id": stored.id}
    if "draft" in change.params:
        out["notice"] = change.params["draft"]
    return out


def _block(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    from binome.app.radar import render_text

    params = change.params
    start, end = _instant(params.get("start"), "start"), _instant(params.get("end"), "end")
    title = message_of(params.get("title") or "")
    text = render_text(title, lang, zone(uow.workspace.tz)) if isinstance(title, Message) else title
    tz = zone(uow.workspace.tz)
    objective = params.get("objective_id")
    classification = Classification.INTERNAL
    if str(params.get("for") or "").startswith("event:"):  # a preparation names its meeting:
        meeting = uow.repos.event(int(str(params["for"]).split(":", 1)[1]))
        classification = max(classification, meeting.classification, key=lambda c: c.rank)
    event = Event(
        title=text,
        timing=Timed(start.astimezone(tz), end.astimezone(tz)),
        kind=EventKind(str(params.get("kind") or "focus")),
        objective_id=int(objective) if objective is not None else None,
        classification=classification,  # never less protected than what it is about
    )
    stored = uow.repos.add_event(event, now=uow.now)
    return {"event_id": stored.id, "start": start.isoformat(), "end": end.isoformat()}


def _notice(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    return {"notice": change.params.get("draft")}


# -- work -----------------------------------------------------------------------------


def _reassign(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    task = uow.repos.task(_target_id(change, "task"))
    require_write(uow.actor, task.classification, f"task:{task.id}")
    owner = str(change.params.get("to") or "assistant")
    uow.repos.update_task(replace(task, owner=owner))
    return {"task_id": task.id, "owner": owner}


def _defer(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    task = uow.repos.task(_target_id(change, "task"))
    require_write(uow.actor, task.classification, f"task:{task.id}")
    if "not_before" in change.params:  # the planner's deferral: start it after that time
        after = _instant(change.params["not_before"], "not_before")
        due = task.due
        if due is not None and due <= after:
            due = after + task.estimate
        uow.repos.update_task(replace(task, earliest_start=after, due=due))
        return {"task_id": task.id, "earliest_start": after.isoformat()}
    due_text = change.params.get("new_due") or change.params.get("due")
    new_due = _instant(due_text, "new_due") if due_text else None
    uow.repos.update_task(replace(task, due=new_due or task.due))
    return {"task_id": task.id}


def _renegotiate(uow: UnitOfWork, change: Change, lang: str) -> dict[str, Any]:
    new_due = _instant(change.params.get("new_due"), "new_due")
    draft = change.params.get("draft")
    out: dict[str, Any] = {"new_due": new_due.isoformat(), "due": new_due.isoformat()}
    out.update({"notice": draft, "draft": draft})
    if change.target and change.target.startswith("commitment:"):
        c = uow.repos.commitment(_target_id(change, "commitment"))
        require_write(uow.actor, c.classification, f"commitment:{c.id}")
        status = CommitmentStatus.RENEGOTIATED
        uow.repos.update_commitment(replace(c, due=new_due, status=status))
        return out
    task = uow.repos.task(_target_id(change, "task"))
    require_write(uow.actor, task.classification, f"task:{task.id}")
    earliest = task.earliest_start
    if earliest is not None and earliest >= new_due:
        earliest = new_due - timedelta(minutes=1)
    uow.repos.update_task(replace(task, due=new_due, earliest_start=earliest))
    return out


_HANDLERS = {
    ChangeKind.MOVE_EVENT: _move,
    ChangeKind.SHORTEN_EVENT: _shorten,
    ChangeKind.CANCEL_EVENT: _cancel,
    ChangeKind.DECLINE_EVENT: _cancel,
    ChangeKind.BLOCK_TIME: _block,
    ChangeKind.CREATE_EVENT: _block,
    ChangeKind.SEND_NOTICE: _notice,
    ChangeKind.REASSIGN_TASK: _reassign,
    ChangeKind.DEFER_TASK: _defer,
    ChangeKind.RENEGOTIATE_DUE: _renegotiate,
}
