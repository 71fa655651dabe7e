"""Carry out one ``Change`` of a proposal: the planner's alternatives, reusable by the radar.

``apply_change(uow, change)`` runs inside the caller's unit of work (``binome apply P<n>``
opens it, checks the proposal is still open, marks it applied), checks the actor may change
the target, writes, appends one audit entry, and returns what was done as a JSON-able dict.
Kinds handled: ``defer_task`` (earliest start = ``not_before``), ``reassign_task`` (owner =
``to``), ``renegotiate_due`` (due = ``new_due``; the drafted message is returned for
``sources/mail`` to send: nothing is sent from here), ``move_event`` (to the first free time
of the principal after ``not_before``, same duration; RFC 5546 §2.1.4: SEQUENCE is bumped on
a reschedule) and ``shorten_event`` (end = ``new_end``). Any other kind is refused, never
half-done.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from binome.app.access import require_not_viewer, require_write
from binome.app.calendar import load_occurrences
from binome.app.free_time import principal_free
from binome.app.ids import format_id
from binome.app.priorities import workspace_profile
from binome.app.uow import UnitOfWork
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Event, EventKind, Timed
from binome.domain.proposal import Change, ChangeKind
from binome.domain.text import Message
from binome.domain.timing import Span, zone
from binome.engine.availability import Busy

__all__ = ["apply_change", "message_json"]

SEARCH = timedelta(days=14)  # how far after ``not_before`` a moved meeting may land


def message_json(message: Message) -> dict[str, Any]:
    """A message as JSON: instants in ISO 8601, durations as ``PT<minutes>M``."""
    params: dict[str, Any] = {}
    for key, value in message.params.items():
        if isinstance(value, datetime):
            params[key] = value.isoformat()
        elif isinstance(value, timedelta):
            params[key] = f"PT{int(value / timedelta(minutes=1))}M"
        elif isinstance(value, Message):
            params[key] = message_json(value)
        else:
            params[key] = value
    return {"msgid": message.msgid, "params": params}


def _target(change: Change, kind: str) -> int:
    prefix, _, raw = (change.target or "").partition(":")
    if prefix != kind or not raw.isdigit():
        raise InvalidInput(N_("Invalid change target: {value}."), value=change.target or "")
    return int(raw)


def _instant(change: Change, key: str) -> datetime:
    try:
        value = datetime.fromisoformat(str(change.params[key]))
    except (KeyError, ValueError) as exc:
        raise InvalidInput(N_("This change cannot be applied: {kind}."), kind=change.kind) from exc
    if value.tzinfo is None:
        raise InvalidInput(N_("This change cannot be applied: {kind}."), kind=change.kind)
    return value


def _task_change(uow: UnitOfWork, change: Change) -> dict[str, Any]:
    task = uow.repos.task(_target(change, "task"))
    require_write(uow.actor, task.classification, f"task:{task.id}")
    out: dict[str, Any] = {"kind": str(change.kind), "target": format_id("task", task.id)}
    if change.kind is ChangeKind.DEFER_TASK:
        updated = replace(task, earliest_start=_instant(change, "not_before"))
        out["earliest_start"] = updated.earliest_start.isoformat()  # type: ignore[union-attr]
    elif change.kind is ChangeKind.REASSIGN_TASK:
        updated = replace(task, owner=str(change.params.get("to", "assistant")))
        out["owner"] = updated.owner
    else:
        updated = replace(task, due=_instant(change, "new_due"))
        out["due"] = updated.due.isoformat()  # type: ignore[union-attr]
        out["draft"] = change.params.get("draft")
    uow.repos.update_task(updated)
    uow.audit(f"task.{change.kind}", "task", str(task.id), out)
    return out


def _meeting(uow: UnitOfWork, change: Change) -> tuple[Event, Timed]:
    event = uow.repos.event(_target(change, "event"))
    require_write(uow.actor, event.classification, f"event:{event.id}")
    if (
        event.kind is not EventKind.MEETING
        or not isinstance(event.timing, Timed)
        or event.recurrence is not None
    ):
        raise InvalidInput(N_("Only a meeting can be moved or shortened this way."))
    return event, event.timing


def _first_free(uow: UnitOfWork, event: Event, length: timedelta, after: datetime) -> Span:
    window = Span(after, after + SEARCH)
    busy = [
        Busy(span=o.span, location=o.event.location)
        for o in load_occurrences(uow, window)
        if o.event.blocks_time and o.event.id != event.id and o.event.kind is not EventKind.FOCUS
    ]
    for free in sorted(principal_free(workspace_profile(uow), busy, window), key=_start):
        if free.span.duration >= length:
            return Span(free.span.start, free.span.start + length)
    raise InvalidInput(
        N_("No free time for “{title}” after {when}."), title=event.title, when=after
    )


def _start(window: Any) -> datetime:
    return window.span.start  # type: ignore[no-any-return]


def _event_change(uow: UnitOfWork, change: Change) -> dict[str, Any]:
    event, timing = _meeting(uow, change)
    tz = zone(timing.tzid or uow.workspace.tz)
    if change.kind is ChangeKind.MOVE_EVENT:
        span = _first_free(uow, event, timing.end - timing.start, _instant(change, "not_before"))
        new = Timed(span.start.astimezone(tz), span.end.astimezone(tz))
    else:
        end = _instant(change, "new_end")
        if not timing.start < end < timing.end:
            raise InvalidInput(
                N_("The new end must be after the start and before the current end.")
            )
        new = Timed(timing.start, end.astimezone(tz))
    updated = replace(event, timing=new, sequence=event.sequence + 1, locally_modified=True)
    uow.repos.update_event(updated, now=uow.now)
    out = {
        "kind": str(change.kind),
        "target": format_id("event", event.id),
        "start": new.start.isoformat(),
        "end": new.end.isoformat(),
        "notify": [a.email for a in event.attendees],
    }
    uow.audit(f"event.{change.kind}", "event", str(event.id), out)
    return out


def apply_change(uow: UnitOfWork, change: Change) -> dict[str, Any]:
    """Carry out ``change`` in ``uow`` (audited); what was done, as JSON-able data."""
    require_not_viewer(uow.actor)
    if change.kind in (
        ChangeKind.DEFER_TASK,
        ChangeKind.REASSIGN_TASK,
        ChangeKind.RENEGOTIATE_DUE,
    ):
        return _task_change(uow, change)
    if change.kind in (ChangeKind.MOVE_EVENT, ChangeKind.SHORTEN_EVENT):
        return _event_change(uow, change)
    raise InvalidInput(N_("This change cannot be applied: {kind}."), kind=str(change.kind))
