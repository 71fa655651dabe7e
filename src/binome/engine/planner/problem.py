"""The planning problem in units: what the greedy baseline and CP-SAT both solve.

Preparing it once keeps the two solvers honest (same rounding, same weights, same started
work) and keeps ``plan()`` short. Started blocks are facts: they stay where they are, they
count towards the task's estimate and their time is taken from their owner.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from binome.domain.model import Task, TaskStatus
from binome.engine.planner.types import Block, FreeWindow, Timeline, chunk_plan, is_deep, units

__all__ = ["Job", "Problem", "prepare", "topological"]

T = TypeVar("T")

WEIGHT_SCALE = 10  # integer lateness weight = round(score × scale), at least 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One open task still needing time, in units."""

    task: Task
    owner: str
    size: int  # units still to place
    least: int  # minimum chunk
    chunks: int  # maximum number of chunks
    release: int  # first unit it may start
    due: int  # unit by which it should finish (horizon end if no due date)
    weight: int
    deps: tuple[int, ...]
    deep: bool
    existing: tuple[tuple[int, int, int | None], ...]  # unstarted blocks (start, stop, event)
    started_end: int  # end of its started blocks (0 if none)

    @property
    def id(self) -> int:
        return self.task.id


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    timeline: Timeline
    jobs: tuple[Job, ...]  # in a dependency-respecting order
    started: tuple[Block, ...]
    taken: dict[str, tuple[tuple[int, int], ...]]  # started block units, per owner

    def job(self, task_id: int) -> Job:
        return next(j for j in self.jobs if j.id == task_id)


def prepare(
    tasks: Sequence[Task],
    *,
    free: Sequence[FreeWindow],
    existing_blocks: Sequence[Block],
    now: datetime,
    horizon_end: datetime,
    scores: Mapping[int, float],
) -> Problem:
    timeline = Timeline.build(free, now, horizon_end)
    open_tasks = {t.id: t for t in tasks if t.status is TaskStatus.OPEN}
    started = tuple(b for b in existing_blocks if b.started and b.task_id in open_tasks)
    taken: dict[str, list[tuple[int, int]]] = {"principal": [], "assistant": []}
    done_units: dict[int, int] = {}
    started_end: dict[int, int] = {}
    for block in started:
        task = open_tasks[block.task_id]
        done_units[task.id] = done_units.get(task.id, 0) + units(block.span.duration)
        stop = timeline.ceil(block.span.end)
        started_end[task.id] = max(started_end.get(task.id, 0), stop)
        taken[task.owner].append((timeline.floor(block.span.start), stop))
    jobs = []
    for task in _dependency_order(open_tasks):
        size = units(task.estimate) - done_units.get(task.id, 0)
        if size <= 0:
            continue
        least, chunks = chunk_plan(task, size)
        release = 0 if task.earliest_start is None else max(0, timeline.ceil(task.earliest_start))
        due = timeline.end if task.due is None else timeline.floor(task.due)
        existing = sorted(
            (timeline.floor(b.span.start), timeline.ceil(b.span.end), b.event_id)
            for b in existing_blocks
            if not b.started and b.task_id == task.id
        )
        jobs.append(
            Job(
                task=task,
                owner=task.owner,
                size=size,
                least=least,
                chunks=chunks,
                release=release,
                due=due,
                weight=max(1, round(scores.get(task.id, 1.0) * WEIGHT_SCALE)),
                deps=tuple(d for d in task.depends_on if d in open_tasks),
                deep=is_deep(task),
                existing=tuple(existing[:chunks]),
                started_end=started_end.get(task.id, 0),
            )
        )
    jobs = _keep_earlier_deps(jobs)
    return Problem(
        timeline=timeline,
        jobs=tuple(jobs),
        started=started,
        taken={k: tuple(sorted(v)) for k, v in taken.items()},
    )


def _keep_earlier_deps(jobs: list[Job]) -> list[Job]:
    """Keep only dependencies on jobs placed earlier in the order: finished tasks need no
    waiting and an edge closing a cycle is dropped (it could never be satisfied)."""
    seen: set[int] = set()
    out = []
    for job in jobs:
        deps = tuple(d for d in job.deps if d in seen)
        if deps != job.deps:
            job = replace(job, deps=deps)
        out.append(job)
        seen.add(job.id)
    return out


def topological(
    items: Mapping[int, T], deps: Callable[[T], Iterable[int]], key: Callable[[T], Any]
) -> list[T]:
    """``items`` with each after its dependencies, the smallest ``key`` first among the
    ready ones (Kahn's algorithm with a heap); a cycle is broken at its smallest key."""
    waiting = {i: {d for d in deps(item) if d in items and d != i} for i, item in items.items()}
    users: dict[int, list[int]] = {}
    for i, ds in waiting.items():
        for d in ds:
            users.setdefault(d, []).append(i)
    heap = [(key(items[i]), i) for i, ds in waiting.items() if not ds]
    heapq.heapify(heap)
    order: list[T] = []
    done: set[int] = set()
    while len(order) < len(items):
        if not heap:  # a cycle: release its most urgent member
            rest = min((key(items[i]), i) for i in items if i not in done)
            heapq.heappush(heap, rest)
        _, i = heapq.heappop(heap)
        if i in done:
            continue
        done.add(i)
        order.append(items[i])
        for user in users.get(i, ()):
            waiting[user].discard(i)
            if not waiting[user] and user not in done:
                heapq.heappush(heap, (key(items[user]), user))
    return order


def _dependency_order(tasks: Mapping[int, Task]) -> list[Task]:
    """Tasks after their dependencies, by due date (none last) then id among the ready."""
    return topological(
        tasks,
        lambda t: t.depends_on,
        lambda t: (t.due is None, t.due.timestamp() if t.due else 0.0, t.id),
    )
