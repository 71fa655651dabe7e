"""``binome plan``: put open tasks into free time, store the alternatives, write the blocks.

One transaction: read the profile, the calendar over the horizon (nothing hidden from the
planner) and the open tasks; compute free windows (``app.free_time``); call
``engine.planner.plan`` with the existing unstarted task blocks, so a replan keeps them where
it can; store the alternatives of each missed deadline in ``proposals`` (so ``binome apply
P<n>`` can carry one out later, through ``apply_change``); with ``--apply``, write the blocks.
The view returned is masked for the reader (``views``), like every read.

Which events the planner owns: events of kind ``task_block`` with a ``task_id``. On
``--apply`` it keeps the ones the plan keeps, moves the ones it moves, creates the missing
ones and deletes its other *unstarted* blocks inside the horizon (those of tasks done since
included); started blocks, other events and blocks beyond the horizon are never touched.

Confidentiality: proposals are stored in clear (the radar reads them too), so the planner
never gives them confidential text: the engine sees a sealed task's id instead of its title,
and only meetings the reader may read and that are not sealed are offered as movable.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from binome.app.access import can_read, require_not_viewer
from binome.app.calendar import load_occurrences
from binome.app.changes import apply_change
from binome.app.context import App
from binome.app.expansion import Occurrence
from binome.app.free_time import assistant_free, principal_free
from binome.app.ids import format_id
from binome.app.plan_view import plan_view
from binome.app.priorities import audit_sealed_tasks, task_scores, workspace_profile
from binome.app.read_cache import cached, peek, view_tag
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import CommitmentStatus, Event, EventKind, EventStatus, Task, Timed
from binome.domain.proposal import Proposal
from binome.domain.timing import Span, zone
from binome.engine.availability import Busy
from binome.engine.planner import Block, MovableMeeting, Plan, plan
from binome.store.tables import ProposalRow

__all__ = ["DEFAULT_HORIZON", "apply_change", "plan_tasks", "ready_plan"]

DEFAULT_HORIZON = timedelta(weeks=2)
LOOKBACK = timedelta(days=30)  # started blocks this far back count as work done
SOURCE = "plan"  # ``data["source"]`` of the proposals this module stores


@dataclass
class Calendar:
    """The calendar as the planner sees it (everything, unmasked)."""

    busy: list[Busy] = field(default_factory=list)
    focus: list[Span] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    owned: dict[int, Event] = field(default_factory=dict)  # unstarted planner blocks
    movable: list[MovableMeeting] = field(default_factory=list)


def _movable(occ: Occurrence, uow: UnitOfWork, vips: set[str]) -> MovableMeeting | None:
    e = occ.event
    if (
        e.kind is not EventKind.MEETING
        or not isinstance(occ.timing, Timed)
        or e.important
        or e.recurrence is not None
        or e.series_id is not None
        or e.status is not EventStatus.CONFIRMED
        or e.classification.sealed
        or occ.span.start < uow.now
        or not can_read(uow.actor, e.classification, f"event:{e.id}")
    ):
        return None
    return MovableMeeting(
        event_id=e.id,
        span=occ.span,
        title=e.title,
        attendees_count=max(1, len(e.attendees)),
        vip=any(a.email in vips for a in e.attendees),
    )


def read_calendar(
    uow: UnitOfWork, occs: Sequence[Occurrence], open_ids: set[int], horizon_end: datetime
) -> Calendar:
    cal = Calendar()
    vips = {p.email for p in uow.repos.people() if p.vip}
    for occ in occs:
        e = occ.event
        if e.kind is EventKind.TASK_BLOCK and e.task_id is not None:
            started = occ.span.start < uow.now
            if not started and occ.span.start < horizon_end:
                cal.owned[e.id] = e
            if e.task_id in open_ids:
                cal.blocks.append(
                    Block(task_id=e.task_id, span=occ.span, event_id=e.id, started=started)
                )
            continue
        if not e.blocks_time:
            continue
        if e.kind is EventKind.FOCUS:
            cal.focus.append(occ.span)
            continue
        tentative = e.status is EventStatus.TENTATIVE
        cal.busy.append(Busy(span=occ.span, tentative=tentative, location=e.location))
        meeting = _movable(occ, uow, vips)
        if meeting is not None:
            cal.movable.append(meeting)
    return cal


def _engine_task(task: Task) -> Task:
    """What the engine may quote: a sealed task is named by its id (proposals are clear)."""
    if task.classification.sealed:
        return replace(task, title=format_id("task", task.id), description=None)
    return task


def owed_to(uow: UnitOfWork, tasks: Sequence[Task]) -> dict[int, str]:
    """Whom each task's result is owed to: the beneficiary of the open commitment worded
    like the task (the pair logs a promise and the work it needs with the same words)."""
    promised = {
        c.what.casefold(): c.beneficiary
        for c in uow.repos.commitments()
        if c.status is CommitmentStatus.OPEN
    }
    return {t.id: promised[t.title.casefold()] for t in tasks if t.title.casefold() in promised}


def _check_horizon(horizon: timedelta) -> None:
    if not timedelta(days=1) <= horizon <= timedelta(weeks=13):
        raise InvalidInput(
            N_("The horizon must be between 1 day and 13 weeks (got {value})."), value=horizon
        )


def plan_tasks(
    app: App,
    *,
    horizon: timedelta = DEFAULT_HORIZON,
    apply: bool = False,
    time_limit_s: float = 2.0,
) -> dict[str, Any]:
    """Plan the open tasks over ``horizon``; with ``apply``, write the blocks (one transaction)."""
    _check_horizon(horizon)
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        params = (horizon, time_limit_s)
        if apply:
            # The plan the reader was just shown, for the same data, reader and minute, is
            # the one the solver would find again (it is deterministic): written as is.
            shown = peek(uow, "plan", params, audit=False)
            solved = None if shown is None else shown[1]
            view, _ = _plan(uow, horizon, apply=True, time_limit_s=time_limit_s, solved=solved)
            return view
        # A preview (the Priorities page's /plan) is the same plan until the data, the reader
        # or the minute change: the web's read-model cache runs the solver once for them.
        view, _ = cached(
            uow,
            "plan",
            params,
            lambda: _plan(uow, horizon, apply=False, time_limit_s=time_limit_s),
        )
        return view


def ready_plan(
    app: App, *, horizon: timedelta = DEFAULT_HORIZON, time_limit_s: float = 2.0
) -> tuple[dict[str, Any] | None, str]:
    """The preview ``plan_tasks`` would return if the read-model cache already holds it
    for this data, reader and minute (else ``None``: the solver is not run), and the tag
    of what it depends on (``view_tag``). The web asks this first and, on a miss, runs the
    solver off the request path under that tag (``web.background``)."""
    _check_horizon(horizon)
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        found = peek(uow, "plan", (horizon, time_limit_s))
        view: dict[str, Any] | None = None if found is None else found[0]
        return view, view_tag(uow)


def _plan(
    uow: UnitOfWork,
    horizon: timedelta,
    *,
    apply: bool,
    time_limit_s: float,
    solved: Plan | None = None,
) -> tuple[dict[str, Any], Plan]:
    """The plan's view and the engine's plan (``solved``, when given, is not solved again)."""
    now = uow.now
    end = now + horizon
    profile = workspace_profile(uow)
    tasks = uow.repos.tasks(open_only=True)
    occs = load_occurrences(uow, Span(now - LOOKBACK, end))
    cal = read_calendar(uow, occs, {t.id for t in tasks}, end)
    objectives = {o.id: o for o in uow.repos.objectives()}
    scores = task_scores(tasks, now=now, objectives=objectives, coefficients=profile.urgency)
    window = Span(now, end)
    free = [
        *principal_free(profile, cal.busy, window, cal.focus),
        *assistant_free(uow.workspace.tz, uow.workspace.country, uow.workspace.region, window),
    ]
    result = solved or plan(
        [_engine_task(t) for t in tasks],
        free=free,
        existing_blocks=cal.blocks,
        now=now,
        horizon_end=end,
        scores=scores,
        movable=cal.movable,
        owed_to=owed_to(uow, tasks),
        time_limit_s=time_limit_s,
    )
    ids = store_proposals(uow, result)
    written = write_blocks(uow, result, cal.owned, tasks) if apply else None
    uow.audit(
        "plan.apply" if apply else "plan.run",
        "plan",
        now.isoformat()[:19],
        {"blocks": len(result.blocks), "late": len(result.late), "written": written},
    )
    view = plan_view(uow, result, tasks, free, window, ids)
    shown = {b.task_id for b in result.blocks} | {late.task_id for late in result.late}
    audit_sealed_tasks(uow, "plan", [t for t in tasks if t.id in shown])
    view.update({"applied": apply, "changes": written})
    return view, result


def _proposal_data(p: Proposal, task_id: int) -> dict[str, Any]:
    return {
        "source": SOURCE,
        "task_id": format_id("task", task_id),
        "kind": p.kind,
        "summary": p.summary.as_json(),
        "explanation": p.explanation.as_json(),
        "changes": [c.as_json() for c in p.changes],
        "cost": p.cost,
        "cost_terms": p.cost_terms,
    }


def store_proposals(uow: UnitOfWork, result: Plan) -> dict[str, str]:
    """Replace the last plan's open proposals by this plan's; key → public id (``P12``).
    A proposal already dismissed or applied keeps its state (same content, same key)."""
    fresh: dict[str, dict[str, Any]] = {}
    for late in result.late:
        for p in late.alternatives:
            fresh.setdefault(p.key, _proposal_data(p, late.task_id))
    every = uow.session.scalars(
        select(ProposalRow).where(ProposalRow.workspace_id == uow.workspace_row.id)
    ).all()
    # Keys are content digests: the radar may already offer the very same change (say,
    # defer T5) for one of its risks. Same change, same proposal, same id: reuse that row.
    offered_by_radar = {r.key: r for r in every if r.risk_id is not None}
    rows = [r for r in every if r.risk_id is None]
    by_key = {r.key: r for r in rows}
    for row in rows:
        if (
            row.key not in fresh
            and row.state == "open"
            and json.loads(row.data).get("source") == SOURCE
        ):
            uow.session.delete(row)
    chosen: dict[str, ProposalRow] = {}
    for rank, (key, data) in enumerate(fresh.items(), start=1):
        shared = offered_by_radar.get(key)
        if shared is not None:
            chosen[key] = shared
            continue
        found = by_key.get(key)
        row = found or ProposalRow(workspace_id=uow.workspace_row.id, key=key, state="open")
        if found is None:
            uow.session.add(row)
        row.rank, row.data = rank, json.dumps(data, sort_keys=True)
        chosen[key] = row
    uow.session.flush()  # once: new rows get their ids
    return {key: format_id("proposal", row.id) for key, row in chosen.items()}


def write_blocks(
    uow: UnitOfWork, result: Plan, owned: Mapping[int, Event], tasks: Sequence[Task]
) -> dict[str, int]:
    """Make the calendar hold exactly the plan's unstarted blocks; counts of each action."""
    tz = zone(workspace_profile(uow).timezone)
    by_id = {t.id: t for t in tasks}
    used: set[int] = set()
    counts = {"created": 0, "moved": 0, "removed": 0, "kept": 0}
    for block in result.blocks:
        if block.started:
            continue
        task = by_id[block.task_id]
        timing = Timed(block.span.start.astimezone(tz), block.span.end.astimezone(tz))
        event = owned.get(block.event_id) if block.event_id is not None else None
        if event is not None and event.id not in used:
            used.add(event.id)
            if event.task_id == task.id and event.timing == timing:
                counts["kept"] += 1
                continue
            moved = replace(event, timing=timing, task_id=task.id, title=task.title)
            uow.repos.update_event(replace(moved, sequence=event.sequence + 1), now=uow.now)
            _audit_block(uow, "event.move", event.id, task.id, timing)
            counts["moved"] += 1
            continue
        stored = uow.repos.add_event(
            Event(
                title=task.title,
                timing=timing,
                kind=EventKind.TASK_BLOCK,
                task_id=task.id,
                classification=task.classification,
                objective_id=task.objective_id,
            ),
            now=uow.now,
        )
        _audit_block(uow, "event.create", stored.id, task.id, timing)
        counts["created"] += 1
    for event_id in sorted(set(owned) - used):
        uow.repos.delete_event(event_id)
        uow.audit("event.delete", "event", str(event_id), {"task": owned[event_id].task_id})
        counts["removed"] += 1
    return counts


def _audit_block(uow: UnitOfWork, action: str, event_id: int, task_id: int, at: Timed) -> None:
    uow.audit(action, "event", str(event_id), {"task": task_id, "start": at.start.isoformat()})
