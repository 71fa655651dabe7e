"""A lower bound on weighted missed deadlines that holds for every plan.

CP-SAT's bound is weak on large plans within the time limit (its linear relaxation is not
even solved), so the plan's gap would say nothing. Some deadlines, though, cannot be met
by any plan: the task alone does not fit in its owner's free time between its release
(pushed back by its dependencies' own sizes) and its due date, or, if it may not be
split, no single free window holds it. Each such task is a miss in every plan, so the
sum of their weights is a valid bound: a relaxation (the number of chunks and the other
tasks are ignored), hence never above the optimum.

On top of those, capacity: for each due date ``d`` of an owner, the tasks due by ``d``
need more time than the owner has free before ``d``, the excess must come from tasks that
miss, and the cheapest way to cover it (a fractional knapsack, cheapest weight per unit
first) bounds their weight. Taking the largest such bound per owner stays valid.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence

from binome.engine.planner.bucket_model import deadline_counts
from binome.engine.planner.buckets import Bucket, releases
from binome.engine.planner.problem import Job, Problem

__all__ = ["forced_misses"]


def _can_finish(job: Job, row: Sequence[Bucket], release: int) -> bool:
    left = job.size
    for b in row:
        start, stop = max(b.start, release), min(b.stop, job.due)
        room = stop - start
        if job.chunks == 1:
            if room >= job.size:
                return True
            continue
        if room >= min(job.least, left):
            left -= room
            if left <= 0:
                return True
    return False


def _free_before(row: Sequence[Bucket], unit: int) -> int:
    return sum(max(0, min(b.stop, unit) - b.start) for b in row)


def _excess_cost(jobs: list[Job], row: Sequence[Bucket]) -> float:
    """The largest, over due dates, cheapest fractional cover of the excess demand."""
    best = 0.0
    demand = 0
    by_price: list[tuple[float, int, int]] = []  # (weight per unit, size, weight)
    for job in sorted(jobs, key=lambda j: (j.due, j.id)):
        demand += job.size
        bisect.insort(by_price, (job.weight / job.size, job.size, job.weight))
        excess = demand - _free_before(row, job.due)
        cost = 0.0
        for price, size, _ in by_price:
            if excess <= 0:
                break
            take = min(size, excess)
            cost += price * take
            excess -= take
        best = max(best, cost)
    return best


def forced_misses(problem: Problem, rows: Mapping[str, Sequence[Bucket]]) -> int:
    """A lower bound on Σ weight of missed deadlines: tasks that cannot finish in time
    even alone, plus the cheapest cover of each owner's excess demand by the others."""
    release = releases(problem)
    counted = [job for job in problem.jobs if deadline_counts(problem, job)]
    forced = [j for j in counted if not _can_finish(j, rows[j.owner], release[j.id])]
    rest = [j for j in counted if j not in forced]
    excess = sum(
        _excess_cost([j for j in rest if j.owner == owner], row) for owner, row in rows.items()
    )
    return sum(j.weight for j in forced) + math.ceil(excess - 1e-9)
