"""The CP-SAT model of a planning problem: variables, constraints and the three objectives.

Per task: up to ``Job.chunks`` optional intervals ordered in time (chunk *i* present only
if chunk *i-1* is), sizes summing to the estimate when the task is placed, each at least
the minimum chunk. A chunk's start ranges over its owner's free windows only; the time
between windows (and started blocks) sits as fixed intervals in the owner's NoOverlap, so
a chunk never straddles a meeting. Dependencies: a task's first chunk starts after its
dependencies finish, and a task is only placed if its dependencies are.

Objectives (solved lexicographically by ``solve``): weighted lateness first (a task left
out costs a day past the horizon, a missed deadline ten days more), then preferences and
stability together: deep work in focus windows, short tasks out of them, earlier finishes,
and few existing blocks moved. Within that second stage a moved block weighs more than a
preference: a block the director sees move is a change to explain, and CP-SAT rarely
proves the preference stage optimal, so a strict order would re-shuffle the calendar for
small gains each time a task is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from binome.engine.planner.extract import MISS_UNITS, unplaced_lateness
from binome.engine.planner.problem import Job, Problem

__all__ = [
    "FOCUS_COST",
    "MOVE_COST",
    "ChunkVars",
    "JobVars",
    "PlannerModel",
    "add_hint",
    "build",
    "read_placement",
]

MOVE_COST = 1000  # one existing block moved ≈ ten days of one task's earliness
FOCUS_COST = 25  # per unit of task in the wrong kind of window (1 h of deep work ≈ a day)

Placement = dict[int, list[tuple[int, int]]]


@dataclass(slots=True)
class ChunkVars:
    present: cp_model.IntVar
    start: cp_model.IntVar
    size: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar
    focus: cp_model.IntVar | None = None


@dataclass(slots=True)
class JobVars:
    job: Job
    placed: cp_model.IntVar
    chunks: list[ChunkVars]
    finish: cp_model.IntVar
    late: cp_model.IntVar
    penalty: int
    missed: cp_model.IntVar | None
    kept: list[cp_model.IntVar] = field(default_factory=list)


@dataclass(slots=True)
class PlannerModel:
    model: cp_model.CpModel
    jobs: dict[int, JobVars]
    lateness: cp_model.LinearExprT = 0
    secondary: cp_model.LinearExprT = 0


def _domain(intervals: list[tuple[int, int]]) -> cp_model.Domain:
    return cp_model.Domain.from_intervals([[a, b] for a, b in intervals if a <= b])


def _start_domain(problem: Problem, job: Job, least: int, focus: bool | None) -> cp_model.Domain:
    """Starts from which at least ``least`` units fit in one window, from the release on."""
    windows = problem.timeline.windows.get(job.owner, ())
    return _domain(
        [
            (max(a, job.release), b - least)
            for a, b, is_focus in windows
            if focus is None or is_focus == focus
        ]
    )


def _earliest_finish(problem: Problem, job: Job) -> int:
    left = job.size
    for a, b, _ in problem.timeline.windows.get(job.owner, ()):
        a = max(a, job.release)
        if b > a:
            if b - a >= left:
                return a + left
            left -= b - a
    return problem.timeline.end


def _add_job(pm: PlannerModel, problem: Problem, job: Job) -> JobVars:
    m = pm.model
    horizon = problem.timeline.end
    single = job.chunks == 1
    least = job.size if single else job.least
    domain = _start_domain(problem, job, least, None)
    placed = m.new_bool_var(f"placed_{job.id}")
    if domain.is_empty():
        m.add(placed == 0)
        domain = cp_model.Domain(0, 0)
    chunks: list[ChunkVars] = []
    for i in range(job.chunks):
        present = placed if i == 0 else m.new_bool_var(f"present_{job.id}_{i}")
        start = m.new_int_var_from_domain(domain, f"start_{job.id}_{i}")
        if single:
            size = m.new_constant(job.size)
        else:
            size = m.new_int_var(0, job.size, f"size_{job.id}_{i}")
            m.add(size >= least).only_enforce_if(present)
            m.add(size == 0).only_enforce_if(present.Not())
        end = m.new_int_var(0, horizon + job.size, f"end_{job.id}_{i}")
        interval = m.new_optional_interval_var(start, size, end, present, f"chunk_{job.id}_{i}")
        m.add(end <= horizon).only_enforce_if(present)
        if chunks:
            m.add_implication(present, chunks[-1].present)
            m.add(start >= chunks[-1].end).only_enforce_if(present)
        chunks.append(ChunkVars(present, start, size, end, interval))
    if not single:
        m.add(sum(c.size for c in chunks) == job.size * placed)
    finish = m.new_int_var(0, horizon, f"finish_{job.id}")
    # Redundant but it tightens the relaxation: a task cannot finish before its owner has
    # had ``size`` free units since its release.
    m.add(finish >= _earliest_finish(problem, job)).only_enforce_if(placed)
    for c in chunks:
        m.add(finish >= c.end).only_enforce_if(c.present)
    penalty = unplaced_lateness(problem, job)
    late = m.new_int_var(0, penalty, f"late_{job.id}")
    m.add(late >= finish - job.due).only_enforce_if(placed)
    m.add(late >= penalty).only_enforce_if(placed.Not())
    missed = None
    if job.task.due is not None:
        missed = m.new_bool_var(f"missed_{job.id}")
        m.add(late == 0).only_enforce_if(missed.Not())
    return JobVars(
        job=job,
        placed=placed,
        chunks=chunks,
        finish=finish,
        late=late,
        penalty=penalty,
        missed=missed,
    )


def _add_dependencies(pm: PlannerModel) -> None:
    for jv in pm.jobs.values():
        for dep in jv.job.deps:
            before = pm.jobs[dep]
            pm.model.add_implication(jv.placed, before.placed)
            pm.model.add(jv.chunks[0].start >= before.finish).only_enforce_if(jv.placed)


def _add_no_overlap(pm: PlannerModel, problem: Problem) -> None:
    horizon = problem.timeline.end
    for owner, windows in problem.timeline.windows.items():
        blocked = list(problem.taken.get(owner, ()))
        cursor = 0
        for a, b, _ in windows:
            if a > cursor:
                blocked.append((cursor, a))
            cursor = max(cursor, b)
        if cursor < horizon:
            blocked.append((cursor, horizon))
        intervals = [
            pm.model.new_fixed_size_interval_var(a, b - a, f"busy_{owner}_{a}")
            for a, b in blocked
            if b > a
        ]
        intervals += [
            c.interval for jv in pm.jobs.values() if jv.job.owner == owner for c in jv.chunks
        ]
        pm.model.add_no_overlap(intervals)


def _preferences(pm: PlannerModel, problem: Problem) -> list[cp_model.LinearExprT]:
    """Deep work in focus windows, short tasks elsewhere, earlier finishes."""
    m = pm.model
    terms: list[cp_model.LinearExprT] = []
    for jv in pm.jobs.values():
        job = jv.job
        terms.append(jv.finish)
        least = job.size if job.chunks == 1 else job.least
        in_focus = _start_domain(problem, job, least, True)
        outside = _start_domain(problem, job, least, False)
        if in_focus.is_empty() or outside.is_empty():
            continue  # no choice to make
        for c in jv.chunks:
            c.focus = m.new_bool_var(f"focus_{job.id}")
            m.add_linear_expression_in_domain(c.start, in_focus).only_enforce_if(c.focus)
            m.add_linear_expression_in_domain(c.start, outside).only_enforce_if(c.focus.Not())
            wrong = m.new_bool_var(f"wrong_{job.id}")
            if job.deep:
                m.add_bool_or([c.present.Not(), c.focus, wrong])
            else:
                m.add_bool_or([c.present.Not(), c.focus.Not(), wrong])
            terms.append(FOCUS_COST * job.size * wrong)
    return terms


def _stability(pm: PlannerModel) -> list[cp_model.LinearExprT]:
    """One term per existing unstarted block: ``MOVE_COST`` unless kept in place."""
    m = pm.model
    terms: list[cp_model.LinearExprT] = []
    for jv in pm.jobs.values():
        for c, (start, stop, _) in zip(jv.chunks, jv.job.existing, strict=False):
            kept = m.new_bool_var(f"kept_{jv.job.id}")
            size_ok = stop - start == jv.job.size if len(jv.chunks) == 1 else True
            if not size_ok or start < 0:
                m.add(kept == 0)
            else:
                m.add_implication(kept, c.present)
                m.add(c.start == start).only_enforce_if(kept)
                m.add(c.size == stop - start).only_enforce_if(kept)
            jv.kept.append(kept)
            terms.append(MOVE_COST * (1 - kept))
        terms.extend(MOVE_COST for _ in jv.job.existing[len(jv.chunks) :])
    return terms


def build(problem: Problem) -> PlannerModel:
    """Variables and constraints, plus both objective expressions (not yet set)."""
    pm = PlannerModel(model=cp_model.CpModel(), jobs={})
    for job in problem.jobs:
        pm.jobs[job.id] = _add_job(pm, problem, job)
    _add_dependencies(pm)
    _add_no_overlap(pm, problem)
    lateness: list[cp_model.LinearExprT] = []
    for jv in pm.jobs.values():
        lateness.append(jv.job.weight * jv.late)
        if jv.missed is not None:
            lateness.append(jv.job.weight * MISS_UNITS * jv.missed)
    pm.lateness = cp_model.LinearExpr.sum(lateness)
    pm.secondary = cp_model.LinearExpr.sum([*_preferences(pm, problem), *_stability(pm)])
    return pm


def add_hint(pm: PlannerModel, placement: Placement) -> None:
    """Hint every decision from a full placement (the greedy plan or a previous stage)."""
    m = pm.model
    m.clear_hints()  # type: ignore[no-untyped-call]
    for tid, jv in pm.jobs.items():
        chunks = sorted(placement.get(tid, []))
        m.add_hint(jv.placed, bool(chunks))
        for i, c in enumerate(jv.chunks):
            if i > 0:
                m.add_hint(c.present, i < len(chunks))
            if i < len(chunks):
                a, b = chunks[i]
                m.add_hint(c.start, a)
                m.add_hint(c.end, b)
                if len(jv.chunks) > 1:
                    m.add_hint(c.size, b - a)
        finish = max((b for _, b in chunks), default=0)
        m.add_hint(jv.finish, finish)
        late = max(0, finish - jv.job.due) if chunks else jv.penalty
        m.add_hint(jv.late, late)
        if jv.missed is not None:
            m.add_hint(jv.missed, late > 0)


def read_placement(pm: PlannerModel, solver: cp_model.CpSolver) -> Placement:
    out: Placement = {}
    for tid, jv in pm.jobs.items():
        chunks = [
            (solver.value(c.start), solver.value(c.end))
            for c in jv.chunks
            if solver.boolean_value(c.present)
        ]
        if chunks:
            out[tid] = chunks
    return out
