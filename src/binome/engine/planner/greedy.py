"""Earliest-deadline-first greedy: what most auto-schedulers do, and the CP-SAT hint.

Tasks are taken in deadline order (a task only after its dependencies) and each goes into
the earliest free time of its owner, in chunks of at least its minimum size. It is fast and
often good, but it never looks back: a short urgent task can take the only window a long,
slightly later task could fit in (see ``test_planner``'s tight week), and it is blind to
priority. ``repair`` improves its task order and CP-SAT starts from the result; the bench
compares ``plan`` with the plain EDF plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from binome.domain.model import Task
from binome.engine.planner.explain import late_tasks
from binome.engine.planner.extract import cost, to_plan
from binome.engine.planner.problem import Job, Problem, prepare, topological
from binome.engine.planner.types import Block, FreeWindow, Plan

__all__ = [
    "Placement",
    "greedy_edf",
    "greedy_placement",
    "inherited_order",
    "portfolio",
]

Placement = dict[int, list[tuple[int, int]]]  # task id -> chunks (start, stop) in units
# (owner of a dependency, unit it finishes, owner of its dependant) -> first unit the
# dependant may start.
Handover = Callable[[str, int, str], int]


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


def inherited_order(problem: Problem) -> list[Job]:
    """Jobs in EDF order where a task inherits the deadlines of the tasks waiting on it
    (due of a dependant minus its size): a dependency due late but needed early goes first."""
    due = {j.id: j.due for j in problem.jobs}
    for job in reversed(problem.jobs):  # dependants come after their dependencies
        for dep in job.deps:
            due[dep] = min(due[dep], due[job.id] - job.size)
    jobs = {j.id: j for j in problem.jobs}
    return topological(jobs, lambda j: j.deps, lambda j: (due[j.id], -j.weight, j.id))


def _inside(segments: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in segments)


def _keepable(job: Job, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The job's existing blocks if they can all stay exactly where they are."""
    blocks = [(s, e) for s, e, _ in job.existing]
    if (
        not blocks
        or sum(e - s for s, e in blocks) != job.size
        or len(blocks) > job.chunks
        or any(e - s < job.least for s, e in blocks)
        or blocks[0][0] < job.release
        or not all(_inside(segments, s, e) for s, e in blocks)
    ):
        return []
    return blocks


def greedy_placement(
    problem: Problem,
    order: Sequence[Job] | None = None,
    *,
    keep: bool = False,
    handover: Handover | None = None,
    unpinned: frozenset[int] = frozenset(),
) -> Placement:
    """EDF placement in units (in ``order`` if given, else the problem's deadline order);
    unplaceable tasks (and their dependants) are left out. With ``keep``, existing blocks
    that still fit stay where they are first (a stable plan for CP-SAT to start from).
    ``handover`` delays dependants of another owner's task (the CP-SAT model starts them
    in a window after the dependency's window, and its hint must be feasible). Tasks in
    ``unpinned`` are placed anew even with ``keep`` (``stable`` makes room that way)."""
    segments = _free_segments(problem)
    kept: Placement = {}
    for job in problem.jobs if keep else ():
        if job.id in unpinned:
            continue
        blocks = _keepable(job, segments[job.owner])
        if blocks:
            kept[job.id] = blocks
            for a, b in blocks:
                segments[job.owner] = _cut(segments[job.owner], a, b)
    placement: Placement = {}
    finish: dict[int, int] = {}
    owner = {j.id: j.owner for j in problem.jobs}

    def ready(dep: int, job: Job) -> int:
        if handover is None or owner[dep] == job.owner:
            return finish[dep]
        return handover(owner[dep], finish[dep], job.owner)

    for job in problem.jobs if order is None else order:
        if any(d not in finish for d in job.deps):
            continue
        if job.id in kept:
            if all(ready(d, job) <= kept[job.id][0][0] for d in job.deps):
                placement[job.id] = kept[job.id]
                finish[job.id] = kept[job.id][-1][1]
            continue
        earliest = max([job.release, *(ready(d, job) for d in job.deps)])
        chunks = _fit(job, segments[job.owner], earliest)
        if not chunks:
            continue
        placement[job.id] = chunks
        finish[job.id] = chunks[-1][1]
        for a, b in chunks:
            segments[job.owner] = _cut(segments[job.owner], a, b)
    return placement


def _late_last(problem: Problem, order: list[Job], placement: Placement) -> list[Job]:
    """The same order with the tasks that came out late moved to the end (Moore-Hodgson's
    idea: a deadline that cannot be met should not take the time another one needs)."""
    late = {j.id for j in order if j.id not in placement or placement[j.id][-1][1] > j.due}
    kept = [j for j in order if j.id not in late]
    moved = [j for j in order if j.id in late]
    done: set[int] = set()
    out: list[Job] = []
    index = {j.id: j for j in order}
    for job in kept + moved:  # keep dependencies first
        out.extend(_with_deps(job, index, done))
    return out


def _with_deps(job: Job, index: dict[int, Job], done: set[int]) -> list[Job]:
    if job.id in done:
        return []
    done.add(job.id)
    out: list[Job] = []
    for dep in job.deps:
        out.extend(_with_deps(index[dep], index, done))
    return [*out, job]


def portfolio(
    problem: Problem, rounds: int = 1, handover: Handover | None = None
) -> list[Placement]:
    """Existing blocks kept (if any), plain EDF, EDF with inherited deadlines, and a few
    late-last rounds of each. ``min`` over it prefers the first: stability wins ties."""
    out = []
    if any(j.existing for j in problem.jobs):
        out.append(greedy_placement(problem, keep=True, handover=handover))
    for start in (list(problem.jobs), inherited_order(problem)):
        order = start
        for _ in range(rounds + 1):
            placement = greedy_placement(problem, order, handover=handover)
            out.append(placement)
            order = _late_last(problem, order, placement)
    return out


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
    missed, lateness = cost(problem, placement)
    blocks, moved = to_plan(problem, placement)
    late = late_tasks(
        problem, placement, scores={}, movable=(), owed_to={}, with_alternatives=False
    )
    return Plan(
        blocks=blocks,
        late=late,
        status="feasible",
        gap=0.0,
        objective=float(missed),
        bound=0.0,
        moved_blocks=moved,
        lateness=float(lateness),
    )
