"""``plan()``: put open tasks into free time before their deadlines, with CP-SAT.

The steps are named: prepare the problem in units; repair the greedy EDF plan by local
search on its task order (``repair``); build the window model (``bucket_model``) hinted
with it and solve it in three lexicographic stages, each hinted with the previous
solution and holding the earlier objectives: (1) missed deadlines weighted by priority,
(2) weighted lateness (within ``LATENESS_SLACK`` for the next stage), (3) comfort
(existing blocks kept, preferences). Stages rather than one weighted sum, so no weight can
trade a deadline for comfort. A sequencing pass turns each stage's windows into blocks;
``_choose`` keeps the best on (weighted misses, weighted lateness) among plans no later
than the EDF baseline, so ``plan`` is never worse than ``greedy_edf`` on either measure.
When the model would be too large for the limit (``CELLS_PER_SECOND``: about 650 tasks
for 2 s), the repair gets its time instead. The bound is the better of CP-SAT's and
``bound.forced_misses``.

Deterministic: one search worker, a fixed seed and a deterministic time limit per stage
(calibrated so it binds before the wall-clock limit on the bench machine, which only
guards ``time_limit_s`` on much slower ones): the same input gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ortools.sat.python import cp_model

from binome.domain.model import Task
from binome.engine.planner.bound import forced_misses
from binome.engine.planner.bucket_model import BucketModel, build, hint, read
from binome.engine.planner.buckets import (
    Assignment,
    Bucket,
    Placement,
    bucket_of,
    buckets,
    sequence,
    to_assignment,
)
from binome.engine.planner.explain import late_tasks
from binome.engine.planner.extract import Cost, cost, moved, to_plan
from binome.engine.planner.greedy import Handover, greedy_placement, inherited_order, portfolio
from binome.engine.planner.problem import Problem, prepare
from binome.engine.planner.repair import repair_order
from binome.engine.planner.stable import stable
from binome.engine.planner.types import Block, FreeWindow, MovableMeeting, Plan, Status
from binome.engine.priority import Score

__all__ = ["plan"]

WORKERS = 1
# Greedy runs the minimal-disruption plan may make at least: enough for one ejection chain
# of every depth (``stable.CANDIDATES ** stable.DEPTH`` and the shorter ones), about 0.3 s
# at 300 tasks; spent only when the change leaves a task late.
STABLE_DECODES = 100
# Shares of ``time_limit_s`` for the three stages; the rest is preparation, the greedy
# portfolio, building the model, sequencing and explanations.
SHARES = (0.15, 0.1, 0.05)
# Deterministic time per wall second the stages are given: CP-SAT's deterministic clock
# runs at 0.1 to 0.3 units per wall second on these models (2-core VM, bench/planner.py).
DETERMINISTIC_PER_SECOND = 0.08
DECODES_PER_SECOND = 200  # greedy runs per second of limit, per 100 tasks
SMALL = 40  # tasks up to which the model is presolved
# Weighted lateness within this fraction of the best counts as equal, so that stability
# and preferences can win over a gain too small to be worth moving the calendar for
# (the model's lateness is an estimate to the window anyway).
LATENESS_SLACK = 0.01
SMALL_FACTOR = 5
# Above this many (task, window) pairs per second of limit, building and loading the model
# alone would overrun the limit (about 1 s per 25,000 pairs on the bench machine): the
# repaired greedy plan is returned, with the bound of ``bound``.
CELLS_PER_SECOND = 15_000
NO_MODEL_FACTOR = 6  # presolved small models run their deterministic clock that much faster


@dataclass(frozen=True, slots=True)
class Search:
    """What the stages found: their assignments (last stage first), whether the first
    two were proven optimal, and the first stage's bound."""

    assignments: tuple[Assignment, ...]
    optimal: bool
    bound: float


def _solver(budget: float, seed: int, small: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # The deterministic limit stops the search at the same point on every run; the
    # wall-clock limit (much looser) only guards ``time_limit_s`` on a slow host.
    per_second = DETERMINISTIC_PER_SECOND * (SMALL_FACTOR if small else 1)
    solver.parameters.max_deterministic_time = max(0.005, budget * per_second)
    solver.parameters.max_time_in_seconds = 5 * budget + 0.5
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed
    # Presolve costs seconds of wall time on large models (it re-encodes every window
    # assignment) and the hint is what the search improves on; small models are presolved
    # lightly, which lets CP-SAT prove them optimal.
    solver.parameters.cp_model_presolve = small
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.symmetry_level = 0
    return solver


def _hint_all(bm: BucketModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the last solution (complete and feasible),
    written straight into the proto: per-variable calls cost a quarter second at 300 tasks."""
    values = list(solver.response_proto.solution)
    bm.model.clear_hints()  # type: ignore[no-untyped-call]
    bm.model.proto.solution_hint.vars.extend(range(len(values)))
    bm.model.proto.solution_hint.values.extend(values)


def _search(problem: Problem, bm: BucketModel, time_limit_s: float, seed: int) -> Search:
    stages = (bm.missed, bm.lateness, bm.comfort)
    found: list[Assignment] = []
    optimal, bound = True, 0.0
    for number, (objective, share) in enumerate(zip(stages, SHARES, strict=True)):
        bm.model.minimize(objective)
        solver = _solver(share * time_limit_s, seed, len(problem.jobs) <= SMALL)
        code = solver.solve(bm.model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        found.append(read(bm, solver))
        if number == 0:
            bound = solver.best_objective_bound
        if number < 2:
            optimal = optimal and code == cp_model.OPTIMAL
        _hint_all(bm, solver)
        slack = LATENESS_SLACK if number == 1 else 0.0
        bm.model.add(objective <= math.floor(solver.objective_value * (1 + slack)))
    return Search(tuple(reversed(found)), optimal and len(found) >= 2, bound)


def _decodes(problem: Problem, time_limit_s: float) -> int:
    """Greedy runs the repair may make: about a quarter of the time limit (a run costs
    about 2.5 ms per 300 tasks on the bench machine), a count so the result is the same
    on every run."""
    return max(20, round(DECODES_PER_SECOND * time_limit_s * 100 / max(100, len(problem.jobs))))


def _handover(problem: Problem, rows: Mapping[str, Sequence[Bucket]]) -> Handover:
    def handover(owner: str, unit: int, successor: str) -> int:
        """The start of the dependant's first window after the dependency's window."""
        window = bucket_of(rows[owner], unit - 1, unit)
        stop = unit if window is None else window.stop
        return next((b.start for b in rows[successor] if b.start >= stop), problem.timeline.end)

    return handover


def _start(
    problem: Problem, rows: Mapping[str, Sequence[Bucket]], time_limit_s: float, cap: int
) -> tuple[list[Placement], Placement]:
    """The repaired greedy plans, best first (fewest weighted misses among those no later
    than the EDF baseline), and CP-SAT's hint: the same orders decoded so that they are
    feasible in the window model (``handover``), or a portfolio plan if better. On a
    re-plan one repair keeps existing blocks where they fit, for stability."""
    handover = _handover(problem, rows)
    decodes = _decodes(problem, time_limit_s)
    starts = [(inherited_order(problem), False), (list(problem.jobs), False)]
    replan = any(job.existing for job in problem.jobs)
    if replan:  # a re-plan: also try keeping blocks
        starts.append((list(problem.jobs), True))
    share = decodes // len(starts)
    repaired = [
        repair_order(problem, order, decodes=share, lateness_cap=cap, keep=keep)
        for order, keep in starts
    ]
    hints = [
        greedy_placement(problem, order, handover=handover, keep=keep)
        for (_, order), (_, keep) in zip(repaired, starts, strict=True)
    ]
    plans = [p for p, _ in repaired]
    if replan:  # the minimal-disruption plan (``stable``)
        kept = stable(problem, decodes=max(share, STABLE_DECODES), lateness_cap=cap)
        plans.append(kept.placement)
        hints.append(kept.decode(problem, handover))
    hints += portfolio(problem, handover=handover)

    def rank(p: Placement) -> tuple[bool, Cost, int]:
        value = cost(problem, p)
        return value[1] > cap, value, moved(problem, p)

    plans.sort(key=rank)  # the best first
    return plans, min(hints, key=rank)


def _best(problem: Problem, time_limit_s: float, seed: int) -> tuple[Placement, Status, float]:
    """The best placement, its status and the bound on weighted missed deadlines.

    Only plans whose weighted lateness is at most the EDF baseline's count, and a CP-SAT
    plan must be at least as good as the best greedy one on (weighted misses, weighted
    lateness), so the plan is never worse than the greedy on either measure (the baseline
    itself is always a candidate)."""
    baseline = greedy_placement(problem)
    if not problem.jobs:
        return {}, "optimal", 0.0
    cap = cost(problem, baseline)[1]
    rows = buckets(problem)
    cells = sum(len(rows[job.owner]) for job in problem.jobs)
    if cells > CELLS_PER_SECOND * time_limit_s:  # the repair gets the model's time too
        starts, _ = _start(problem, rows, time_limit_s * NO_MODEL_FACTOR, cap)
        return _choose(problem, Search((), False, 0.0), [], [*starts, baseline], cap)
    starts, hinted = _start(problem, rows, time_limit_s, cap)
    first = to_assignment(problem, rows, hinted)
    bm = build(problem, rows, first)
    # Stage 1 looks for fewer misses among plans no later than the start (in the model's
    # measure), as the final choice only takes plans no later than the EDF baseline.
    bm.model.add(bm.lateness <= hint(bm, problem, first))
    search = _search(problem, bm, time_limit_s, seed)
    solved = [sequence(problem, rows, assignment) for assignment in search.assignments]
    others = [*starts, hinted, baseline]
    return _choose(problem, search, [p for p in solved if p is not None], others, cap)


def _choose(
    problem: Problem, search: Search, solved: list[Placement], others: list[Placement], cap: int
) -> tuple[Placement, Status, float]:
    """Among plans no later than the EDF baseline (``cap``), those with the fewest weighted
    misses and a weighted lateness within ``LATENESS_SLACK`` of the best; of these, the one
    moving the fewest existing blocks, CP-SAT's latest stage first (comfort included)."""
    pool = [(cost(problem, p), i, p) for i, p in enumerate([*solved, *others])]
    pool += [(cost(problem, p), len(pool), p) for p in portfolio(problem)]
    admissible = [(c, i, p) for c, i, p in pool if c[1] <= cap]
    (missed, late), _, _ = min(admissible, key=lambda x: (x[0], x[1]))
    near = [
        (moved(problem, p), i, p)
        for (m, lt), i, p in admissible
        if m == missed and lt <= late * (1 + LATENESS_SLACK)
    ]
    _, index, chosen = min(near, key=lambda x: (x[0], x[1]))
    floor = max(search.bound, float(forced_misses(problem, buckets(problem))))
    bound = min(float(missed), floor)
    optimal = search.optimal and index < len(solved) and missed <= floor
    return chosen, "optimal" if optimal else "feasible", bound


def _totals(scores: Mapping[int, float | Score]) -> dict[int, float]:
    return {k: v.total if isinstance(v, Score) else float(v) for k, v in scores.items()}


def plan(
    tasks: Sequence[Task],
    *,
    free: Sequence[FreeWindow],
    existing_blocks: Sequence[Block] = (),
    now: datetime,
    horizon_end: datetime,
    scores: Mapping[int, float | Score],
    movable: Sequence[MovableMeeting] = (),
    owed_to: Mapping[int, str] | None = None,
    time_limit_s: float = 2.0,
    seed: int = 0,
) -> Plan:
    """The best plan found for the open ``tasks`` within ``time_limit_s``.

    ``scores`` maps task id to its priority (``priority.score(...)`` or its total); it
    weights missed deadlines and lateness. ``owed_to`` maps task id to the e-mail of the
    person the result is owed to, for the renegotiation draft.
    """
    totals = _totals(scores)
    problem = prepare(
        tasks,
        free=free,
        existing_blocks=existing_blocks,
        now=now,
        horizon_end=horizon_end,
        scores=totals,
    )
    placement, status, bound = _best(problem, time_limit_s, seed)
    blocks, moved = to_plan(problem, placement)
    late = late_tasks(problem, placement, scores=totals, movable=movable, owed_to=owed_to or {})
    missed, lateness = cost(problem, placement)
    gap = 0.0 if missed <= 0 else max(0.0, (missed - bound) / missed)
    return Plan(
        blocks=blocks,
        late=late,
        status=status,
        gap=round(gap, 6),
        objective=float(missed),
        bound=bound,
        moved_blocks=moved,
        lateness=float(lateness),
    )
