"""A minimal-disruption re-plan: keep every existing block, make room only where needed.

Issue 6 asks that a re-plan after a small change (one short task added) moves as few
existing blocks as possible. A solver that also likes earlier work will happily slide
every block along to fit a newcomer; this pass starts from the other end. Every existing
block that still fits stays exactly where it is and new or changed work goes into the
free gaps around it (``greedy_placement(keep=True)``). Then, for each task the change
leaves late (new or changed; tasks already late in the last plan are the repair's and
CP-SAT's business), it tries an *ejection chain*: unpin one kept task whose blocks sit in
the time the late task could use (one freeing a piece big enough first, then on-time ones
with the most slack, then already-late ones, the lightest first), so the late task takes
that place; if the unpinned task then has no room before its own due date, make room for
it the same way, up to ``DEPTH`` links, the shortest chains first. A chain is kept only if
it lowers (weighted misses, weighted lateness) and stays under the caller's lateness cap,
so each moved block buys a real gain.

``solve._choose`` then takes, among the plans as good as the best one found (misses equal,
lateness within ``LATENESS_SLACK``), the one that moves the fewest blocks: this plan wins
whenever making room costs nothing in deadlines. The number of decodes is fixed by the
caller, so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from binome.engine.planner.extract import Cost, cost
from binome.engine.planner.greedy import Handover, Placement, greedy_placement, inherited_order
from binome.engine.planner.problem import Job, Problem
from binome.engine.planner.repair import dependency_first, is_late

__all__ = ["Stable", "stable"]

CANDIDATES = 4  # kept tasks tried as room-makers per link
DEPTH = 3  # tasks moved at most to make room for one late task


@dataclass(frozen=True, slots=True)
class Stable:
    """The plan, and what gives it (so it can be decoded again with a ``handover``)."""

    placement: Placement
    order: tuple[Job, ...]
    unpinned: frozenset[int]

    def decode(self, problem: Problem, handover: Handover | None = None) -> Placement:
        return greedy_placement(
            problem, self.order, keep=True, handover=handover, unpinned=self.unpinned
        )


@dataclass(frozen=True, slots=True)
class Found:
    """A better plan an ejection chain found; ``whole`` when the task the chain makes room
    for is on time and no task moved for it became late."""

    placement: Placement
    order: list[Job]
    unpinned: frozenset[int]
    whole: bool


def _overlap(chunks: list[tuple[int, int]], low: int, high: int) -> int:
    return sum(max(0, min(b, high) - max(a, low)) for a, b in chunks)


def _room_makers(
    problem: Problem, late: Job, placement: Placement, unpinned: frozenset[int]
) -> list[Job]:
    """Kept tasks of the late task's owner whose blocks use time it could use and that no
    task waits on (moving them could push a dependant out); on-time ones first, then
    those already late, the lightest first (a heavy newcomer may take a light late
    task's time: the cost test decides); the most slack
    first (they stay on time after moving), then the smallest."""
    awaited = {d for job in problem.jobs for d in job.deps}
    found = []
    for job in problem.jobs:
        chunks = placement.get(job.id)
        if not chunks or not job.existing or job.id in unpinned or job.owner != late.owner:
            continue
        if job.id in awaited:
            continue
        if job.id == late.id or job.id in late.deps:
            continue
        if chunks != sorted((s, e) for s, e, _ in job.existing):
            continue  # not kept: it moves anyway
        room = max(_overlap([c], late.release, late.due) for c in chunks)
        if room > 0:
            short = room < (late.size if late.chunks == 1 else late.least)
            behind = is_late(problem, job, placement)
            rank = job.weight if behind else -(job.due - chunks[-1][1])
            found.append((short, behind, rank, job.size, job.id, job))
    return [job for *_, job in sorted(found)[:CANDIDATES]]


def _eject(
    problem: Problem,
    order: list[Job],
    chain: list[Job],
    found: tuple[Placement, frozenset[int]],
    good: Callable[[Cost], bool],
    left: list[int],
    depth: int,
    was_late: frozenset[int],
) -> Found | None:
    """An ejection chain: unpin a room-maker for the last task of ``chain``; if that task
    now fits but the room-maker does not, make room for the room-maker in turn (at most
    ``depth`` links). The first plan ``good`` accepts with no link late that was on
    time (``was_late``: the late tasks before the chain, the newcomer among them) is
    returned, else the first one ``good`` accepts, else None."""
    placement, unpinned = found
    fallback = None
    for maker in _room_makers(problem, chain[-1], placement, unpinned):
        if left[0] <= 0:
            break
        left[0] -= 1
        links = [*chain, maker]
        ids = {j.id for j in links}
        trial_order = dependency_first([*links, *(j for j in order if j.id not in ids)])
        trial_unpinned = unpinned | {maker.id}
        trial = greedy_placement(problem, trial_order, keep=True, unpinned=trial_unpinned)
        if good(cost(problem, trial)):
            whole = not any(
                is_late(problem, j, trial) for j in links if j is chain[0] or j.id not in was_late
            )
            if whole:
                return Found(trial, trial_order, trial_unpinned, whole)
            fallback = fallback or Found(trial, trial_order, trial_unpinned, whole)
        if len(links) <= depth and not is_late(problem, chain[-1], trial):
            deeper = _eject(
                problem, order, links, (trial, trial_unpinned), good, left, depth, was_late
            )
            if deeper is not None and deeper.whole:
                return deeper
            fallback = fallback or deeper
    return fallback


def _by_change(problem: Problem, order: list[Job], placement: Placement) -> list[Job]:
    """Late tasks the change concerns (new or changed: not kept in place). Those already
    late in the last plan, kept where they were, are the repair's and CP-SAT's business:
    making room for them here would spend the budget on what the change did not cause."""
    return [
        j
        for j in order
        if is_late(problem, j, placement)
        and placement.get(j.id) != sorted((s, e) for s, e, _ in j.existing)
    ]


def stable(problem: Problem, *, decodes: int, lateness_cap: int | None = None) -> Stable:
    """The plan keeping the most existing blocks found within ``decodes`` greedy runs."""
    order = inherited_order(problem)
    unpinned: frozenset[int] = frozenset()
    best = greedy_placement(problem, order, keep=True)
    best_cost: Cost = cost(problem, best)
    given_up: set[int] = set()
    left = [decodes]
    while left[0] > 0:
        late = next((j for j in _by_change(problem, order, best) if j.id not in given_up), None)
        if late is None:
            break
        given_up.add(late.id)
        bar = best_cost

        def good(value: Cost, bar: Cost = bar) -> bool:
            return value < bar and (lateness_cap is None or value[1] <= lateness_cap)

        was_late = frozenset(j.id for j in problem.jobs if is_late(problem, j, best))
        found = None
        for depth in range(1, DEPTH + 1):  # the shortest chain first
            chain = _eject(problem, order, [late], (best, unpinned), good, left, depth, was_late)
            found = found or chain
            if chain is not None and chain.whole:
                found = chain
                break
        if found is not None:
            best, order, unpinned = found.placement, found.order, found.unpinned
            best_cost = cost(problem, best)
    return Stable(best, tuple(order), unpinned)
