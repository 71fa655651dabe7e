"""From a placement in units back to blocks in time, and the measures both solvers share.

A chunk placed exactly where an existing unstarted block was keeps that block's event (it
did not move); other chunks reuse the task's remaining events in time order (those move)
and any extra chunk is a new block (``event_id`` None).
"""

from __future__ import annotations

from binome.engine.planner.problem import Job, Problem
from binome.engine.planner.types import Block

__all__ = [
    "DAY_UNITS",
    "Cost",
    "cost",
    "finish_units",
    "late_units",
    "missed_weight",
    "moved",
    "to_plan",
    "unplaced_lateness",
]

Placement = dict[int, list[tuple[int, int]]]
DAY_UNITS = 96


def unplaced_lateness(problem: Problem, job: Job) -> int:
    """Lateness charged to a task left out of the horizon: a day past the horizon end, so
    leaving a task out always costs more than placing it late."""
    return max(DAY_UNITS, problem.timeline.end + DAY_UNITS - job.due)


def late_units(problem: Problem, job: Job, chunks: list[tuple[int, int]] | None) -> int:
    if not chunks:
        return unplaced_lateness(problem, job)
    return max(0, max(b for _, b in chunks) - job.due)


def missed_weight(problem: Problem, placement: Placement) -> int:
    """Σ weight of the tasks whose due date, inside the horizon, the placement misses."""
    return sum(
        j.weight
        for j in problem.jobs
        if j.task.due is not None
        and j.due <= problem.timeline.end
        and late_units(problem, j, placement.get(j.id)) > 0
    )


Cost = tuple[int, int]


def cost(problem: Problem, placement: Placement) -> Cost:
    """The planner's lexicographic objective: (weighted missed deadlines, Σ weight ×
    lateness in units), a task left out counting a day past the horizon end."""
    late = sum(j.weight * late_units(problem, j, placement.get(j.id)) for j in problem.jobs)
    return missed_weight(problem, placement), late


def moved(problem: Problem, placement: Placement) -> int:
    """Existing unstarted blocks the placement does not keep exactly in place."""
    return sum(
        sum((s, e) not in placement.get(j.id, ()) for s, e, _ in j.existing) for j in problem.jobs
    )


def finish_units(placement: Placement) -> dict[int, int]:
    return {tid: max(b for _, b in chunks) for tid, chunks in placement.items() if chunks}


def _blocks_of(
    problem: Problem, job: Job, chunks: list[tuple[int, int]]
) -> tuple[list[Block], int]:
    existing = {(s, e): ev for s, e, ev in job.existing}
    kept = [c for c in sorted(chunks) if c in existing]
    spare = [ev for (s, e), ev in sorted(existing.items()) if (s, e) not in kept]
    blocks = []
    for start, stop in sorted(chunks):
        if (start, stop) in existing:
            event = existing[(start, stop)]
        else:
            event = spare.pop(0) if spare else None
        blocks.append(
            Block(task_id=job.id, span=problem.timeline.span(start, stop), event_id=event)
        )
    return blocks, len(job.existing) - len(kept)


def to_plan(problem: Problem, placement: Placement) -> tuple[tuple[Block, ...], int]:
    """All blocks (started ones unchanged) in time order, and the number of moved blocks."""
    blocks = list(problem.started)
    moved = 0
    for job in problem.jobs:
        chunks = placement.get(job.id, [])
        made, job_moved = _blocks_of(problem, job, chunks)
        blocks.extend(made)
        moved += job_moved
    blocks.sort(key=lambda b: (b.span.start, b.task_id))
    return tuple(blocks), moved
