"""What the reader is shown of a plan: blocks, late tasks and their alternatives, masked.

Titles appear only for tasks the reader may read (``access.can_read``); tasks are named by
their public id (``T3``) in every sentence; a sealed task, which the engine only knew by its
id, gets its title back here for a reader cleared for it. Instants are ISO 8601 in the
principal's zone; sentences are rendered in the reader's language (``wording.say``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from binome.app.access import can_read
from binome.app.ids import format_id
from binome.app.priorities import workspace_profile
from binome.app.uow import UnitOfWork
from binome.app.wording import say, say_json
from binome.domain.model import Task
from binome.domain.proposal import Proposal
from binome.domain.text import Message
from binome.domain.timing import Span, zone
from binome.engine.planner import FreeWindow, Plan

__all__ = ["plan_view", "retitle"]


def _in_focus(span: Span, focus: Sequence[FreeWindow]) -> bool:
    return any(w.span.start <= span.start and span.end <= w.span.end for w in focus)


def plan_view(
    uow: UnitOfWork,
    result: Plan,
    tasks: Sequence[Task],
    free: Sequence[FreeWindow],
    window: Span,
    ids: Mapping[str, str],
) -> dict[str, Any]:
    """The plan as the reader may see it: titles only of tasks they may read."""
    tz = zone(workspace_profile(uow).timezone)
    lang = uow.lang
    by_id = {t.id: t for t in tasks}
    focus = [w for w in free if w.focus]
    readable = {
        t.id: t.title for t in tasks if can_read(uow.actor, t.classification, f"task:{t.id}")
    }

    def task_part(task_id: int) -> dict[str, Any]:
        task = by_id[task_id]
        visible = can_read(uow.actor, task.classification, f"task:{task.id}")
        return {
            "task_id": format_id("task", task.id),
            "title": task.title if visible else None,
            "masked": not visible,
            "owner": task.owner,
        }

    blocks = [
        {
            **task_part(b.task_id),
            "start": b.span.start.astimezone(tz).isoformat(),
            "end": b.span.end.astimezone(tz).isoformat(),
            "minutes": int(b.span.duration / timedelta(minutes=1)),
            "focus": _in_focus(b.span, focus),
            "started": b.started,
            "event_id": None if b.event_id is None else format_id("event", b.event_id),
        }
        for b in result.blocks
    ]
    late = []
    for item in result.late:
        late.append(
            {
                **task_part(item.task_id),
                "due": item.due.astimezone(tz).isoformat(),
                "expected_finish": None
                if item.expected_finish is None
                else item.expected_finish.astimezone(tz).isoformat(),
                "reason": say(retitle(item.reason, readable), lang, tz),
                "alternatives": [
                    _alternative(p, ids, lang, tz, readable) for p in item.alternatives
                ],
            }
        )
    return {
        "from": window.start.astimezone(tz).isoformat(),
        "to": window.end.astimezone(tz).isoformat(),
        "tz": str(tz),
        "status": result.status,
        "optimal": result.status == "optimal",
        "gap": result.gap,
        "objective": result.objective,
        "bound": result.bound,
        "moved_blocks": result.moved_blocks,
        "blocks": blocks,
        "late": late,
    }


def retitle(message: Message, readable: Mapping[int, str]) -> Message:
    """Name tasks by their public id (``T3``) and give a sealed task its title back for a
    reader who may read it (the engine only ever saw its id: see the module docstring)."""
    params = dict(message.params)
    task_id = params.get("task")
    if isinstance(task_id, int):
        params["task"] = format_id("task", task_id)
        if "title" in params and task_id in readable:
            params["title"] = readable[task_id]
    return Message(message.msgid, params)


def _draft_view(
    draft: dict[str, Any], task_id: int | None, readable: Mapping[int, str]
) -> dict[str, Any]:
    def part(raw: dict[str, Any]) -> dict[str, Any]:
        params = dict(raw.get("params", {}))
        if task_id is not None and task_id in readable and "title" in params:
            params["title"] = readable[task_id]
        return {"msgid": raw.get("msgid", ""), "params": params}

    return {"to": draft.get("to"), "subject": part(draft["subject"]), "body": part(draft["body"])}


def _alternative(
    p: Proposal, ids: Mapping[str, str], lang: str, tz: Any, readable: Mapping[int, str]
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": ids.get(p.key),
        "key": p.key,
        "kind": p.kind,
        "summary": say(retitle(p.summary, readable), lang, tz),
        "explanation": say(retitle(p.explanation, readable), lang, tz),
        "cost": p.cost,
        "changes": [c.as_json() for c in p.changes],
    }
    for change in p.changes:
        draft = change.params.get("draft")
        if isinstance(draft, dict):
            target = (change.target or "").partition(":")[2]
            shown = _draft_view(draft, int(target) if target.isdigit() else None, readable)
            view["draft"] = {
                "to": shown["to"],
                "subject": say_json(shown["subject"], lang, tz),
                "body": say_json(shown["body"], lang, tz),
            }
    return view
