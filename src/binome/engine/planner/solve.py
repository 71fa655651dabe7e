"""``plan()``: put open tasks into free time before their deadlines, with CP-SAT.

The steps are named: prepare the problem in units, compute the greedy EDF baseline, build
the model, solve the lateness stage (hinted with the baseline), solve the preference and
stability stage (lateness held at its best value, hinted with the previous solution),
extract blocks, explain each missed deadline. Lexicographic objectives are solved as two
stages rather than one big weighted sum, so no weight can trade a deadline for comfort.

Deterministic: one search worker, a fixed seed and a deterministic time limit, so the same
input gives the same plan whenever that limit (or optimality) stops the search, which is
the case for plans of a few dozen tasks; on large plans the wall-clock limit may stop it
first, and two runs may then differ (both no worse than the greedy hint). If the
solver finds nothing better within the limit, the baseline plan is returned: ``plan`` is
never worse than ``greedy_edf`` on weighted lateness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ortools.sat.python import cp_model

from binome.domain.model import Task
from binome.engine.planner.explain import late_tasks
from binome.engine.planner.extract import to_plan, weighted_lateness
from binome.engine.planner.greedy import Placement, portfolio
from binome.engine.planner.model import PlannerModel, add_hint, build, read_placement
from binome.engine.planner.problem import Problem, prepare
from binome.engine.planner.types import Block, FreeWindow, MovableMeeting, Plan, Status
from binome.engine.priority import Score

__all__ = ["plan"]

WORKERS = 1  # >1 turns on interleaved search: deterministic too, slower on 2 cores
FIRST_STAGE_SHARE = 0.6  # of the time limit, for the lateness stage
# Deterministic time advances at 0.01 to 0.15 units per wall second on the planner's models
# (2-core VM, bench/planner.py): it binds first on small plans, which are then exactly
# reproducible; on large plans the wall-clock limit binds, keeping ``time_limit_s``.
DETERMINISTIC_PER_SECOND = 0.05
SECOND_STAGE_SHARE = 0.2  # preparation, hints and explanations take the rest


@dataclass(frozen=True, slots=True)
class Stage:
    status: Status
    placement: Placement
    objective: float
    bound: float


def _solver(budget: float, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # The deterministic limit stops the search at the same point on every run (wall-clock
    # limits do not); the wall-clock limit keeps the promise of ``time_limit_s``.
    solver.parameters.max_deterministic_time = max(0.02, budget) * DETERMINISTIC_PER_SECOND
    solver.parameters.max_time_in_seconds = max(0.05, budget)
    # Interleaved search runs several subsolvers (LNS included) in a fixed order, so it is
    # deterministic like a single worker but improves large plans much faster.
    solver.parameters.num_workers = WORKERS
    solver.parameters.interleave_search = WORKERS > 1
    solver.parameters.random_seed = seed
    # Probing costs seconds of wall time on these models for little gain (seen in the bench).
    solver.parameters.cp_model_probing_level = 0
    # No LP relaxation: it is weak on these models (big-M enforcements) and slows the
    # search; on the bench it found plans twice as good in the same time.
    solver.parameters.linearization_level = 0
    return solver


def _hint_all(pm: PlannerModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable with its value in the last solution (a complete, feasible hint)."""
    model = pm.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))


def _lateness_stage(
    pm: PlannerModel, baseline: Placement, budget: float, seed: int
) -> tuple[Stage, cp_model.CpSolver]:
    pm.model.minimize(pm.lateness)
    add_hint(pm, baseline)
    solver = _solver(budget, seed)
    code = solver.solve(pm.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        status: Status = "infeasible" if code == cp_model.INFEASIBLE else "feasible"
        return Stage(status, {}, float("inf"), 0.0), solver
    return Stage(
        "optimal" if code == cp_model.OPTIMAL else "feasible",
        read_placement(pm, solver),
        solver.objective_value,
        solver.best_objective_bound,
    ), solver


def _comfort_stage(
    pm: PlannerModel, first: Stage, previous: cp_model.CpSolver, budget: float, seed: int
) -> Stage:
    """Preferences and stability, lateness held at the first stage's value."""
    _hint_all(pm, previous)
    pm.model.add(pm.lateness <= round(first.objective))
    pm.model.minimize(pm.secondary)
    solver = _solver(budget, seed)
    code = solver.solve(pm.model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return first
    status: Status = (
        "optimal" if first.status == "optimal" and code == cp_model.OPTIMAL else "feasible"
    )
    return Stage(status, read_placement(pm, solver), first.objective, first.bound)


def _best_stages(problem: Problem, baseline: Placement, time_limit_s: float, seed: int) -> Stage:
    greedy_value = weighted_lateness(problem, baseline)
    fallback = Stage("feasible", baseline, greedy_value, 0.0)
    if not problem.jobs:
        return Stage("optimal", {}, 0.0, 0.0)
    pm = build(problem)
    first, solver = _lateness_stage(pm, baseline, time_limit_s * FIRST_STAGE_SHARE, seed)
    if first.status == "infeasible" or not first.objective <= greedy_value:
        return fallback if first.status != "infeasible" else first
    return _comfort_stage(pm, first, solver, SECOND_STAGE_SHARE * time_limit_s, seed)


def _best_hint(problem: Problem) -> Placement:
    """The cheapest of a small portfolio of greedy plans: CP-SAT's starting point."""
    return min(portfolio(problem), key=lambda p: weighted_lateness(problem, p))


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
    weights lateness. ``owed_to`` maps task id to the e-mail of the person the result is
    owed to, for the renegotiation draft.
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
    baseline = _best_hint(problem)
    best = _best_stages(problem, baseline, time_limit_s, seed)
    blocks, moved = to_plan(problem, best.placement)
    late = late_tasks(
        problem, best.placement, scores=totals, movable=movable, owed_to=owed_to or {}
    )
    objective = 0.0 if best.objective == float("inf") else best.objective
    gap = 0.0 if objective <= 0 else max(0.0, (objective - best.bound) / objective)
    return Plan(
        blocks=blocks,
        late=late,
        status=best.status,
        gap=round(gap, 6),
        objective=objective,
        bound=best.bound,
        moved_blocks=moved,
    )
