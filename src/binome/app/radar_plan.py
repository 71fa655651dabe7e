"""Deadline fixes from the planner (``binome radar --plan``).

By default the radar's deadline detector runs its own earliest-deadline-first capacity
check (fast enough for every scan, the brief included). With ``--plan`` the app also runs
the CP-SAT planner (``engine.planner.plan``) over the principal's free time when that check
finds a deadline at risk, and hands its late tasks to the detector (``RadarInput.late``):
the risks then carry the planner's ranked alternatives (defer a lower-priority task, hand
it to the assistant, move or shorten a meeting, renegotiate with a drafted message).

Free time is the principal's working hours minus blocking items (planner blocks count as
free: the planner may move them); the assistant is taken to work the principal's hours,
since binome does not hold the assistant's calendar.
"""

from __future__ import annotations

from dataclasses import replace

from binome.domain.model import Priority, TaskStatus
from binome.domain.risk import Risk, RiskKind
from binome.domain.timing import Span
from binome.engine.planner import FreeWindow, MovableMeeting, plan
from binome.engine.radar import RadarInput, rank_risks, scan
from binome.engine.radar.work import Capacity

__all__ = ["with_planner"]

TIME_LIMIT_S = 1.0
WEIGHT = {Priority.HIGH: 3.0, Priority.MEDIUM: 2.0, Priority.LOW: 1.0}


def with_planner(inp: RadarInput, risks: list[Risk]) -> list[Risk]:
    """``risks`` with the deadline risks replaced by the planner's, when any is found."""
    if not any(r.kind is RiskKind.DEADLINE_AT_RISK for r in risks):
        return risks
    tasks = [
        t for t in inp.tasks
        if t.status is TaskStatus.OPEN and t.due is not None and t.due <= inp.horizon.end
    ]  # fmt: skip
    free = Capacity(inp, inp.horizon.end).free
    windows = [
        FreeWindow(span=span, owner=owner)
        for owner in ("principal", "assistant")
        for span in (Span(a, b) for a, b in free)
    ]
    movable = [
        MovableMeeting(event_id=int(i.ref.split(":")[1]), span=i.span, title=i.title,
                       attendees_count=len(inp.others(i)), vip=bool(inp.vip_count(i)))
        for i in inp.blocking
        if i.is_meeting and not i.important and not i.masked and not i.recurring
        and i.span.start > inp.now
    ]  # fmt: skip
    result = plan(
        tasks,
        free=windows,
        now=inp.now,
        horizon_end=inp.horizon.end,
        scores={t.id: WEIGHT[t.priority] for t in tasks},
        movable=movable,
        owed_to={t.id: t.waiting_on for t in tasks if t.waiting_on},
        time_limit_s=TIME_LIMIT_S,
    )
    planned = scan(replace(inp, late=result.late, searches=[0]), only=["deadline_at_risk"])
    kept = [r for r in risks if r.kind is not RiskKind.DEADLINE_AT_RISK]
    return rank_risks([*kept, *planned])
