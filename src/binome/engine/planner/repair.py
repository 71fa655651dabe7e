"""Repair of missed deadlines by local search over the greedy's task order.

The greedy is a decoder: an order of tasks in, a placement out. EDF's order is good for
lateness but blind to priority: one long low-priority task can make a heavier one miss its
deadline, and a task due much later may take time it did not need so early. Starting from
a greedy order, each round takes the first task in the order that misses its deadline and
tries, in turn: putting it just before one of the on-time tasks that use its owner's time
before its due date, those with the most slack first, then the lightest; moving the
lightest of those to the end; or moving the late task itself to the end (the
Moore-Hodgson rule: a deadline that cannot be met should not take the time another one
needs). A move is kept only if it lowers (weighted misses, weighted lateness) and keeps
the lateness under the caller's cap. The number of decodes is fixed by the caller, so the
result is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence

from binome.engine.planner.extract import Cost, cost
from binome.engine.planner.greedy import Handover, Placement, greedy_placement
from binome.engine.planner.problem import Job, Problem

__all__ = ["dependency_first", "is_late", "repair", "repair_order"]

CANDIDATES = 3  # lighter on-time tasks tried per late task


def dependency_first(jobs: Sequence[Job]) -> list[Job]:
    """``jobs`` in the same order except that each comes after its dependencies."""
    index = {j.id: j for j in jobs}
    done: set[int] = set()
    out: list[Job] = []

    def visit(job: Job) -> None:
        if job.id in done:
            return
        done.add(job.id)
        for dep in job.deps:
            if dep in index:
                visit(index[dep])
        out.append(job)

    for job in jobs:
        visit(job)
    return out


def _before(order: list[Job], mover: Job, anchor: Job) -> list[Job]:
    rest = [j for j in order if j.id != mover.id]
    at = next(i for i, j in enumerate(rest) if j.id == anchor.id)
    return dependency_first([*rest[:at], mover, *rest[at:]])


def _to_end(order: list[Job], mover: Job) -> list[Job]:
    return dependency_first([*(j for j in order if j.id != mover.id), mover])


def is_late(problem: Problem, job: Job, placement: Placement) -> bool:
    chunks = placement.get(job.id)
    if job.task.due is None or job.due > problem.timeline.end:
        return False
    return not chunks or chunks[-1][1] > job.due


def _lighter(problem: Problem, late: Job, order: list[Job], placement: Placement) -> list[Job]:
    """On-time tasks of the same owner lighter than ``late``, using time it could use."""
    found = []
    for job in order:
        chunks = placement.get(job.id)
        if job.owner != late.owner or not chunks or job.weight >= late.weight:
            continue
        if job.id in late.deps or is_late(problem, job, placement):
            continue
        used = sum(max(0, min(b, late.due) - max(a, late.release)) for a, b in chunks)
        if used > 0:
            found.append((job.weight, -used, job.id, job))
    return [job for *_, job in sorted(found)[:CANDIDATES]]


def _slack(problem: Problem, late: Job, order: list[Job], placement: Placement) -> list[Job]:
    """On-time tasks of the same owner using time ``late`` could use, most slack first:
    they may still be on time after it (EDF put them first only by due date)."""
    found = []
    for job in order:
        chunks = placement.get(job.id)
        if job.owner != late.owner or not chunks or job.due <= late.due:
            continue
        if job.id in late.deps or is_late(problem, job, placement):
            continue
        if any(max(0, min(b, late.due) - max(a, late.release)) for a, b in chunks):
            found.append((-(job.due - chunks[-1][1]), job.id, job))
    return [job for *_, job in sorted(found)[:CANDIDATES]]


def repair(
    problem: Problem,
    order: list[Job],
    *,
    decodes: int,
    handover: Handover | None = None,
    lateness_cap: int | None = None,
) -> Placement:
    """The best placement found from ``order`` within ``decodes`` greedy runs; with
    ``lateness_cap``, moves that would raise the weighted lateness above it are refused
    (fewer misses, but never more lateness than the baseline)."""
    return repair_order(
        problem, order, decodes=decodes, handover=handover, lateness_cap=lateness_cap
    )[0]


def repair_order(
    problem: Problem,
    order: list[Job],
    *,
    decodes: int,
    handover: Handover | None = None,
    lateness_cap: int | None = None,
    keep: bool = False,
) -> tuple[Placement, list[Job]]:
    """``repair``, and the order that gives its placement; with ``keep``, existing blocks
    that still fit stay where they are in every decode (a stable re-plan)."""
    best = greedy_placement(problem, order, handover=handover, keep=keep)
    best_cost: Cost = cost(problem, best)
    given_up: set[int] = set()
    left = decodes
    while left > 0:
        late = next((j for j in order if j.id not in given_up and is_late(problem, j, best)), None)
        if late is None:
            break
        lighter = _lighter(problem, late, order, best)
        slack = [j for j in _slack(problem, late, order, best) if j not in lighter]
        trials = [_before(order, late, other) for other in [*slack, *lighter]]
        trials += [_to_end(order, lighter[0])] if lighter else []
        trials.append(_to_end(order, late))
        given_up.add(late.id)
        for trial in trials:
            if left <= 0:
                break
            left -= 1
            placement = greedy_placement(problem, trial, handover=handover, keep=keep)
            value = cost(problem, placement)
            if value < best_cost and (lateness_cap is None or value[1] <= lateness_cap):
                order, best, best_cost = trial, placement, value
                given_up.discard(late.id)
                break
    return best, order
