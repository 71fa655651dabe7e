"""Priorities in the store: the work style, each task's score, ``task list`` and ``task why``.

The score is ``engine.priority.score`` with the coefficients of the profile's ``urgency``
table merged over the engine's defaults (a profile sets only what it changes). The profile is
the JSON in ``workspaces.profile``, read with ``profile_from_dict``; an empty profile is the
default work style in the workspace's zone and country. Every view passes through
``views.task_view`` first, so a task the reader may not see keeps its rank (the order is not
a secret worth breaking the list for) but shows no title and no terms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from binome.app.access import can_read
from binome.app.context import App
from binome.app.ids import format_id, parse_id
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import task_view
from binome.app.wording import say
from binome.domain.errors import N_, InvalidInput, PermissionDenied
from binome.domain.model import Objective, Task, TaskStatus
from binome.domain.profile import Profile, profile_from_dict
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.priority import Score, Term, score

__all__ = [
    "audit_sealed_tasks",
    "explain_task",
    "ranked_tasks",
    "task_scores",
    "workspace_profile",
]


def workspace_profile(uow: UnitOfWork) -> Profile:
    """The principal's work style; the workspace's zone and country fill what it omits."""
    raw = json.loads(uow.workspace_row.profile or "{}")
    data: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
    if not data:
        return replace(
            Profile.default(),
            timezone=uow.workspace.tz,
            country=uow.workspace.country or Profile.default().country,
            region=uow.workspace.region,
        )
    data.setdefault("timezone", uow.workspace.tz)
    if uow.workspace.country:
        data.setdefault("country", uow.workspace.country)
    return profile_from_dict(data)


def task_scores(
    tasks: Sequence[Task],
    *,
    now: datetime,
    objectives: Mapping[int, Objective],
    coefficients: Mapping[str, float] | None = None,
) -> dict[int, Score]:
    """The score of each open task (blocking counts only open tasks)."""
    open_tasks = {t.id: t for t in tasks if t.status is TaskStatus.OPEN}
    return {
        t.id: score(t, now=now, objectives=objectives, tasks=open_tasks, coefficients=coefficients)
        for t in open_tasks.values()
    }


def _scored(uow: UnitOfWork, tasks: Sequence[Task]) -> dict[int, Score]:
    objectives = {o.id: o for o in uow.repos.objectives()}
    coefficients = workspace_profile(uow).urgency
    return task_scores(tasks, now=uow.now, objectives=objectives, coefficients=coefficients)


def ranked(tasks: Sequence[Task], scores: Mapping[int, Score], now: datetime) -> list[Task]:
    """Open tasks, highest score first; ties by due date (none last), then id."""
    items = [t for t in tasks if t.id in scores]
    return sorted(items, key=lambda t: (-scores[t.id].total, t.due is None, t.due or now, t.id))


def audit_sealed_tasks(uow: UnitOfWork, where: str, tasks: Sequence[Task]) -> None:
    """Record which confidential or secret tasks were shown to the reader (ids only), with
    the one convention of ``app.audit.audit_sealed_reads``; ``where`` names the caller."""
    from binome.app.audit import audit_sealed_reads

    del where  # the entry names the items; the action is the same on every read path
    audit_sealed_reads(uow, "task", ((t.id, t.classification) for t in tasks))


def ranked_tasks(app: App, *, include_done: bool = False) -> list[dict[str, Any]]:
    """``task list``: open tasks by priority score (then done ones, newest first)."""
    with unit_of_work(app) as uow:
        every = uow.repos.tasks()
        scores = _scored(uow, every)
        out = []
        for task in ranked(every, scores, uow.now):
            view = task_view(task, uow.actor)
            view["score"] = scores[task.id].total
            out.append(view)
        if include_done:
            closed = [t for t in every if t.status is not TaskStatus.OPEN]
            closed.sort(key=lambda t: (t.done_at or uow.now, t.id), reverse=True)
            out.extend({**task_view(t, uow.actor), "score": None} for t in closed)
        shown = every if include_done else [t for t in every if t.id in scores]
        audit_sealed_tasks(uow, "task.list", shown)
        return out


def _term_view(
    term: Term, task: Task, uow: UnitOfWork, objectives: Mapping[int, Objective]
) -> dict[str, Any]:
    explanation = term.explanation
    objective = objectives.get(task.objective_id or 0)
    if (
        term.name == "objective"
        and objective is not None
        and not can_read(uow.actor, objective.classification, f"objective:{objective.id}")
    ):
        explanation = Message.of(
            N_("Serves an objective you may not see (weight {weight})."), weight=objective.weight
        )
    if term.name == "blocking" and "ids" in explanation.params:
        ids = str(explanation.params["ids"]).split(", ")
        params = {**explanation.params, "ids": ", ".join(format_id("task", int(i)) for i in ids)}
        explanation = Message(explanation.msgid, params)
    return {
        "name": term.name,
        "label": say(term.name, uow.lang),
        "value": term.value,
        "coefficient": term.coefficient,
        "contribution": term.contribution,
        "explanation": say(explanation, uow.lang, zone(uow.workspace.tz)),
    }


def explain_task(app: App, ref: str) -> dict[str, Any]:
    """``task why``: the task, its score and each term with its contribution, in order."""
    with unit_of_work(app) as uow:
        task = uow.repos.task(parse_id("task", ref))
        if not can_read(uow.actor, task.classification, f"task:{task.id}"):
            raise PermissionDenied(N_("You are not allowed to read this item."))
        if task.status is not TaskStatus.OPEN:
            raise InvalidInput(N_("Task {ref} is done or dropped: it has no priority."), ref=ref)
        every = uow.repos.tasks()
        scores = _scored(uow, every)
        objectives = {o.id: o for o in uow.repos.objectives()}
        order = [t.id for t in ranked(every, scores, uow.now)]
        result = scores[task.id]
        view = task_view(task, uow.actor)
        view.update(
            {
                "score": result.total,
                "rank": order.index(task.id) + 1,
                "of": len(order),
                "terms": [_term_view(t, task, uow, objectives) for t in result.terms],
            }
        )
        audit_sealed_tasks(uow, "task.why", [task])
        return view
