"""Why a deadline is missed, and what could be done about it, ranked.

For each task the best plan finishes after its due date (or cannot place at all), the
reason is the first that holds of: a dependency finishes too late; there is not enough free
time before the due date; the free time goes to more urgent tasks. The alternatives are
concrete proposals: defer a named lower-priority task that frees enough time, hand the task
to the assistant if the assistant has the time, move or shorten a named movable meeting,
or renegotiate the due date with a drafted message (subject and body are ``Message``s in
JSON form, ``{"msgid", "params"}``, so ``app/`` renders them in the recipient's language).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from binome.domain.errors import N_
from binome.domain.proposal import (
    Change,
    ChangeKind,
    Proposal,
    rank_proposals,
    renegotiation_draft,
)
from binome.domain.text import Message
from binome.engine.planner.extract import finish_units
from binome.engine.planner.problem import Job, Problem
from binome.engine.planner.types import UNIT, LateTask, MovableMeeting

__all__ = ["late_tasks"]

Placement = dict[int, list[tuple[int, int]]]


def _overlap(chunks: Sequence[tuple[int, int]], start: int, stop: int) -> int:
    return sum(max(0, min(b, stop) - max(a, start)) for a, b in chunks)


def _reason(problem: Problem, job: Job, finish: Mapping[int, int]) -> Message:
    for dep in sorted(job.deps, key=lambda d: -finish.get(d, 10**9)):
        ready = finish.get(dep)
        if ready is None:
            return Message.of(
                N_("depends on task {task}, which cannot be placed before the horizon end"),
                task=dep,
            )
        if problem.timeline.free_units(job.owner, ready, job.due) < job.size:
            return Message.of(
                N_("depends on task {task}, which finishes {when}"),
                task=dep,
                when=problem.timeline.at(ready),
            )
    free = problem.timeline.free_units(job.owner, job.release, job.due)
    params = {"free": free * UNIT, "needed": job.size * UNIT}
    if free < job.size:
        return Message.of(
            N_("not enough free time before the due date: {free} free, {needed} needed"),
            **params,
        )
    return Message.of(
        N_("the {free} free before the due date go to more urgent tasks; {needed} needed"),
        **params,
    )


def _by_score(
    problem: Problem, placement: Placement, scores: Mapping[int, float]
) -> dict[str, list[Job]]:
    """Placed jobs per owner, lowest priority first: where deferral candidates come from."""
    out: dict[str, list[Job]] = {"principal": [], "assistant": []}
    for other in problem.jobs:
        if placement.get(other.id):
            out[other.owner].append(other)
    for jobs in out.values():
        jobs.sort(key=lambda o: (scores.get(o.id, 0.0), o.id))
    return out


def _defer(
    problem: Problem,
    job: Job,
    placement: Placement,
    scores: Mapping[int, float],
    short: int,
    ranked: Mapping[str, list[Job]],
) -> list[Proposal]:
    due_at = problem.timeline.at(job.due)
    mine = scores.get(job.id, 0.0)
    candidates: list[Job] = []
    for other in ranked[job.owner]:
        if scores.get(other.id, 0.0) >= mine or len(candidates) == 2:
            break
        if (
            other.id != job.id
            and other.id not in job.deps
            and _overlap(placement[other.id], job.release, job.due) >= short
        ):
            candidates.append(other)
    out = []
    for other in candidates:
        finish_after = due_at + other.size * UNIT
        late = 0.0
        if other.task.due is not None and other.task.due < finish_after:
            late = (finish_after - other.task.due) / timedelta(minutes=1)
        out.append(
            Proposal.build(
                kind="defer_task",
                summary=Message.of(
                    N_("Defer task {task} “{title}” until after {due}"),
                    task=other.id,
                    title=other.task.title,
                    due=due_at,
                ),
                explanation=Message.of(
                    N_("Task {task} has a lower priority and frees {freed} before the due date."),
                    task=other.id,
                    freed=_overlap(placement[other.id], job.release, job.due) * UNIT,
                ),
                changes=[
                    Change(
                        kind=ChangeKind.DEFER_TASK,
                        target=f"task:{other.id}",
                        params={"not_before": due_at.isoformat(), "for_task": job.id},
                    )
                ],
                cost_terms={"moves": float(len(placement[other.id])), "lateness_minutes": late},
            )
        )
    return out


def _reassign(problem: Problem, job: Job, busy: Sequence[tuple[int, int]]) -> list[Proposal]:
    """``busy``: the assistant's planned chunks."""
    if job.owner != "principal":
        return []
    room = problem.timeline.free_units("assistant", job.release, job.due)
    room -= _overlap(busy, job.release, job.due)
    if room < job.size:
        return []
    return [
        Proposal.build(
            kind="reassign_task",
            summary=Message.of(
                N_("Hand task {task} “{title}” to the assistant"), task=job.id, title=job.task.title
            ),
            explanation=Message.of(
                N_("The assistant has {free} free before the due date."), free=room * UNIT
            ),
            changes=[
                Change(
                    kind=ChangeKind.REASSIGN_TASK,
                    target=f"task:{job.id}",
                    params={"to": "assistant"},
                )
            ],
            cost_terms={"people_affected": 1.0},
        )
    ]


def _meetings(
    problem: Problem, job: Job, movable: Sequence[MovableMeeting], short: int
) -> list[Proposal]:
    if job.owner != "principal":
        return []
    start, due_at = problem.timeline.at(job.release), problem.timeline.at(job.due)
    out = []
    for meeting in movable:
        span = meeting.span
        if span.end > due_at or span.start < start or span.duration < short * UNIT:
            continue
        people = {
            "people_affected": float(meeting.attendees_count),
            "vip_weight": 1.0 if meeting.vip else 0.0,
        }
        target = f"event:{meeting.event_id}"
        out.append(
            Proposal.build(
                kind="move_meeting",
                summary=Message.of(
                    N_("Move the meeting “{title}” after {due}"), title=meeting.title, due=due_at
                ),
                explanation=Message.of(
                    N_("Frees {freed} before the due date."), freed=span.duration
                ),
                changes=[
                    Change(
                        kind=ChangeKind.MOVE_EVENT,
                        target=target,
                        params={
                            "not_before": due_at.isoformat(),
                            "duration_minutes": int(span.duration / timedelta(minutes=1)),
                        },
                    )
                ],
                cost_terms={**people, "moves": 1.0},
            )
        )
        if span.duration - short * UNIT >= UNIT:
            new_end = span.end - short * UNIT
            out.append(
                Proposal.build(
                    kind="shorten_meeting",
                    summary=Message.of(
                        N_("Shorten the meeting “{title}” to end at {end}"),
                        title=meeting.title,
                        end=new_end,
                    ),
                    explanation=Message.of(
                        N_("Frees {freed} before the due date."), freed=short * UNIT
                    ),
                    changes=[
                        Change(
                            kind=ChangeKind.SHORTEN_EVENT,
                            target=target,
                            params={
                                "by_minutes": int(short * UNIT / timedelta(minutes=1)),
                                "new_end": new_end.isoformat(),
                            },
                        )
                    ],
                    cost_terms=people,
                )
            )
    return out


def _renegotiate(
    problem: Problem, job: Job, due: datetime, finish: datetime | None, owed_to: Mapping[int, str]
) -> Proposal:
    new_due = finish or problem.timeline.at(problem.timeline.end)
    new_due = new_due.replace(minute=0, second=0, microsecond=0) + (
        timedelta(hours=1) if new_due.minute or new_due.second else timedelta(0)
    )
    title = job.task.title
    owed = owed_to.get(job.id)
    draft = renegotiation_draft([owed] if owed else [], title, due, new_due)
    return Proposal.build(
        kind="renegotiate_due",
        summary=Message.of(
            N_("Renegotiate the due date of task {task} to {new_due}"), task=job.id, new_due=new_due
        ),
        explanation=Message.of(N_("The best plan finishes it {late} late."), late=new_due - due),
        changes=[
            Change(
                kind=ChangeKind.RENEGOTIATE_DUE,
                target=f"task:{job.id}",
                params={"new_due": new_due.isoformat(), "draft": draft},
            )
        ],
        cost_terms={
            "people_affected": 1.0,
            "lateness_minutes": math.ceil((new_due - due) / timedelta(minutes=1)),
        },
    )


def late_tasks(
    problem: Problem,
    placement: Placement,
    *,
    scores: Mapping[int, float],
    movable: Sequence[MovableMeeting],
    owed_to: Mapping[int, str],
    with_alternatives: bool = True,
) -> tuple[LateTask, ...]:
    """One ``LateTask`` per missed deadline inside the horizon, in due-date order."""
    out = []
    ranked = _by_score(problem, placement, scores) if with_alternatives else {}
    busy = [c for o in problem.jobs if o.owner == "assistant" for c in placement.get(o.id, [])]
    finish_at = finish_units(placement)
    for job in problem.jobs:
        due = job.task.due
        if due is None or job.due > problem.timeline.end:
            continue
        chunks = placement.get(job.id, [])
        finish = max((b for _, b in chunks), default=None)
        if finish is not None and finish <= job.due:
            continue
        expected = None if finish is None else problem.timeline.at(finish)
        alternatives: list[Proposal] = []
        if with_alternatives:
            short = job.size - _overlap(chunks, job.release, job.due)
            alternatives = [
                *_defer(problem, job, placement, scores, short, ranked),
                *_reassign(problem, job, busy),
                *_meetings(problem, job, movable, short),
                _renegotiate(problem, job, due, expected, owed_to),
            ]
        out.append(
            LateTask(
                task_id=job.id,
                due=due,
                expected_finish=expected,
                reason=_reason(problem, job, finish_at),
                alternatives=tuple(rank_proposals(alternatives)),
            )
        )
    out.sort(key=lambda lt: (lt.due, lt.task_id))
    return tuple(out)
