"""Earliest-deadline-first greedy: what most auto-schedulers do, and the CP-SAT hint.

Tasks are taken in deadline order (a task only after its dependencies) and each goes into
the earliest free time of its owner, in chunks of at least its minimum size. It is fast and
often good, but it never looks back: a short urgent task can take the only window a long,
slightly later task could fit in (see ``test_planner``'s tight week). CP-SAT starts from
this plan and improves it; the bench compares the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from binome.domain.model import Task
from binome.engine.planner.explain import late_tasks
from binome.engine.planner.extract import to_plan, weighted_lateness
from binome.engine.planner.problem import Job, Problem, prepare
from binome.engine.planner.types import Block, FreeWindow, Plan

__all__ = ["Placement", "greedy_edf", "greedy_placement"]

Placement = dict[int, list[tuple[int, int]]]  # task id -> chunks (start, stop) in units


def _free_segments(problem: Problem) -> dict[str, list[tuple[int, int]]]:
    """Each owner's free windows minus the time taken by started blocks."""
    out: dict[str, list[tuple[int, int]]] = {}
    for owner, windows in problem.timeline.windows.items():
        segments = [(a, b) for a, b, _ in windows]
        for a, b in problem.taken.get(owner, ()):
            segments = _cut(segments, a, b)
        out[owner] = segments
    return out


def _cut(segments: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    out = []
    for s, e in segments:
        if e <= a or b <= s:
            out.append((s, e))
            continue
        if s < a:
            out.append((s, a))
        if b < e:
            out.append((b, e))
    return out


def _fit(job: Job, segments: list[tuple[int, int]], earliest: int) -> list[tuple[int, int]]:
    """Earliest chunks for ``job`` from ``earliest`` on, or ``[]`` if it does not fit."""
    chunks: list[tuple[int, int]] = []
    left = job.size
    for s, e in segments:
        start = max(s, earliest)
        room = e - start
        if room <= 0:
            continue
        last_chunk = len(chunks) == job.chunks - 1
        need = left if last_chunk else min(left, job.least)
        if room < need:
            continue
        take = min(room, left)
        if 0 < left - take < job.least:  # never leave a remainder below the minimum chunk
            take = left - job.least
            if take < job.least:
                continue
        chunks.append((start, start + take))
        left -= take
        if left == 0:
            return chunks
    return []


def greedy_placement(problem: Problem) -> Placement:
    """EDF placement in units; unplaceable tasks (and their dependants) are left out."""
    segments = _free_segments(problem)
    placement: Placement = {}
    finish: dict[int, int] = {}
    for job in problem.jobs:
        if any(d not in finish for d in job.deps):
            continue
        earliest = max([job.release, *(finish[d] for d in job.deps)])
        chunks = _fit(job, segments[job.owner], earliest)
        if not chunks:
            continue
        placement[job.id] = chunks
        finish[job.id] = chunks[-1][1]
        for a, b in chunks:
            segments[job.owner] = _cut(segments[job.owner], a, b)
    return placement


def greedy_edf(
    tasks: Sequence[Task],
    *,
    free: Sequence[FreeWindow],
    existing_blocks: Sequence[Block] = (),
    now: datetime,
    horizon_end: datetime,
    scores: Mapping[int, float],
) -> Plan:
    """The baseline plan (same inputs as ``plan``, no alternatives computed)."""
    problem = prepare(
        tasks,
        free=free,
        existing_blocks=existing_blocks,
        now=now,
        horizon_end=horizon_end,
        scores=scores,
    )
    placement = greedy_placement(problem)
    value = weighted_lateness(problem, placement)
    blocks, moved = to_plan(problem, placement)
    late = late_tasks(
        problem, placement, scores={}, movable=(), owed_to={}, with_alternatives=False
    )
    return Plan(
        blocks=blocks,
        late=late,
        status="feasible",
        gap=0.0,
        objective=value,
        bound=0.0,
        moved_blocks=moved,
    )
