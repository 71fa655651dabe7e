"""The CP-SAT model: units of each task assigned to free windows (buckets).

Per task and usable window: ``used`` (a piece of the task goes there) and ``x`` units,
``x ≥ min chunk`` when used (an unsplittable task: one window, all of it), ``Σ x`` the
estimate when the task is placed, at most ``Job.chunks`` windows. Per window: ``Σ x`` at
most its length and, for each release inside it, the units of tasks released then or
later at most the time left after it. Dependencies: for one owner, the predecessor's last
window index at most the dependant's first (the sequencing pass orders a shared window);
across owners, the predecessor's last window ends before the dependant's first starts.

Lateness is exact for the window holding a task's due date (pieces are laid out in
deadline order, so the task finishes at the window start plus the units of the tasks up
to it in that order) and counted to the window end in windows after the due date (an
upper bound: late tasks go first there). A task left out costs a day past the horizon.

Three objectives, solved in turn by ``solve``: weighted missed deadlines, weighted
lateness, then comfort (existing blocks kept, deep work in focus windows, earlier work).
The model is small (tasks × windows, not tasks × quarter hours) and LP-friendly; a task
late anyway only gets a few windows after its due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from binome.engine.planner.buckets import Assignment, Bucket, bucket_of, order_keys, releases
from binome.engine.planner.extract import unplaced_lateness
from binome.engine.planner.problem import Job, Problem

__all__ = ["FOCUS_COST", "MOVE_COST", "BucketModel", "build", "hint", "read"]

LATE_WINDOWS = 6  # windows after its due date a task may use (besides its hint's)
MOVE_COST = 1000  # one existing block moved: worse than any preference
FOCUS_COST = 10  # per unit of task in the wrong kind of window (vs 1 per window later)
Expr = cp_model.LinearExprT


@dataclass(slots=True)
class Cell:
    bucket: Bucket
    x: Expr
    used: cp_model.IntVar
    var: cp_model.IntVar | None  # ``x`` when it is a variable (splittable tasks)


@dataclass(slots=True)
class TaskVars:
    job: Job
    placed: cp_model.IntVar
    cells: dict[int, Cell]
    late: cp_model.IntVar
    missed: cp_model.IntVar | None
    bounds: dict[str, cp_model.IntVar] = field(default_factory=dict)  # first/last/begin/end
    kept: list[tuple[cp_model.IntVar, int, int]] = field(default_factory=list)


@dataclass(slots=True)
class BucketModel:
    model: cp_model.CpModel
    rows: dict[str, tuple[Bucket, ...]]
    tasks: dict[int, TaskVars]
    missed: Expr = 0
    lateness: Expr = 0
    comfort: Expr = 0


def deadline_counts(problem: Problem, job: Job) -> bool:
    """Whether missing this task's due date counts (a due date inside the horizon)."""
    return job.task.due is not None and job.due <= problem.timeline.end


def _add_task(
    bm: BucketModel, problem: Problem, job: Job, release: int, keep: set[int]
) -> TaskVars:
    m = bm.model
    single = job.chunks == 1
    least = job.size if single else job.least
    placed = m.new_bool_var(f"placed_{job.id}")
    cells: dict[int, Cell] = {}
    after_due = 0
    for b in bm.rows[job.owner]:
        cap = min(b.stop - max(b.start, release), job.size)
        if cap < least:
            continue
        after_due += b.start >= job.due
        if after_due > LATE_WINDOWS and b.index not in keep:
            continue
        used = m.new_bool_var(f"used_{job.id}_{b.index}")
        if single:
            cells[b.index] = Cell(b, job.size * used, used, None)
            continue
        x = m.new_int_var(0, cap, f"x_{job.id}_{b.index}")
        m.add(x >= least * used)
        m.add(x <= cap * used)
        cells[b.index] = Cell(b, x, used, x)
    used_all = [c.used for c in cells.values()]
    m.add(sum(used_all) <= (placed if single else job.chunks * placed))
    m.add(cp_model.LinearExpr.sum([c.x for c in cells.values()]) == job.size * placed)
    penalty = unplaced_lateness(problem, job)
    top = max([penalty, *(c.bucket.stop - job.due for c in cells.values())])
    late = m.new_int_var(0, top, f"late_{job.id}")
    m.add(late >= penalty).only_enforce_if(placed.Not())
    for c in cells.values():
        if c.bucket.start >= job.due:
            m.add(late >= c.bucket.stop - job.due).only_enforce_if(c.used)
    missed = None
    if deadline_counts(problem, job):
        missed = m.new_bool_var(f"missed_{job.id}")
        m.add(late == 0).only_enforce_if(missed.Not())
    return TaskVars(job=job, placed=placed, cells=cells, late=late, missed=missed)


def _add_windows(
    bm: BucketModel, keys: Mapping[int, tuple[int, int]], release: Mapping[int, int]
) -> None:
    """Capacities, release capacities, and lateness where a window holds the due date."""
    m = bm.model
    for row in bm.rows.values():
        for b in row:
            members = sorted(
                (tv for tv in bm.tasks.values() if b.index in tv.cells and tv.job.owner == b.owner),
                key=lambda tv: keys[tv.job.id],
            )
            if not members:
                continue
            m.add(cp_model.LinearExpr.sum([tv.cells[b.index].x for tv in members]) <= b.size)
            for r in sorted({release[tv.job.id] for tv in members if b.start < release[tv.job.id]}):
                later = [tv.cells[b.index].x for tv in members if release[tv.job.id] >= r]
                m.add(cp_model.LinearExpr.sum(later) <= b.stop - r)
            prefix: list[Expr] = []
            for tv in members:
                prefix.append(tv.cells[b.index].x)
                if b.start < tv.job.due < b.stop:
                    finish = b.start + cp_model.LinearExpr.sum(prefix)
                    m.add(tv.late >= finish - tv.job.due).only_enforce_if(tv.cells[b.index].used)


def _bound(tv: TaskVars, m: cp_model.CpModel, name: str, low: int, high: int) -> cp_model.IntVar:
    """``first``/``last`` window index or ``begin``/``end`` unit of the task's windows
    (a bound on the true value, tight enough for the dependency constraints)."""
    if name in tv.bounds:
        return tv.bounds[name]
    var = tv.bounds[name] = m.new_int_var(low, high, f"{name}_{tv.job.id}")
    for c in tv.cells.values():
        if name == "first":
            m.add(var <= c.bucket.index).only_enforce_if(c.used)
        elif name == "last":
            m.add(var >= c.bucket.index).only_enforce_if(c.used)
        elif name == "begin":
            m.add(var <= c.bucket.start).only_enforce_if(c.used)
        else:
            m.add(var >= c.bucket.stop).only_enforce_if(c.used)
    return var


def _add_dependencies(bm: BucketModel, problem: Problem) -> None:
    m = bm.model
    end = problem.timeline.end
    for tv in bm.tasks.values():
        for dep in tv.job.deps:
            before = bm.tasks[dep]
            m.add_implication(tv.placed, before.placed)
            if before.job.owner == tv.job.owner:
                n = len(bm.rows[tv.job.owner])
                last = _bound(before, m, "last", 0, n)
                first = _bound(tv, m, "first", 0, n)
                m.add(last <= first).only_enforce_if(tv.placed)
            else:
                done = _bound(before, m, "end", 0, end)
                begin = _bound(tv, m, "begin", 0, end)
                m.add(done <= begin).only_enforce_if(tv.placed)


def _comfort(bm: BucketModel) -> list[Expr]:
    """Existing blocks kept in their window with the same time (the sequencing pass then
    leaves them in place), deep work in focus windows, short tasks elsewhere, earlier."""
    m = bm.model
    terms: list[Expr] = []
    for tv in bm.tasks.values():
        job = tv.job
        for c in tv.cells.values():
            wrong = c.bucket.focus != job.deep
            terms.append((c.bucket.index + (FOCUS_COST if wrong else 0)) * c.x)
        groups: dict[int, list[int]] = {}
        for s, e, _ in job.existing:
            b = bucket_of(bm.rows[job.owner], s, e)
            if b is not None and b.index in tv.cells:
                groups.setdefault(b.index, []).append(e - s)
        for index, sizes in sorted(groups.items()):
            kept = m.new_bool_var(f"kept_{job.id}_{index}")
            m.add(tv.cells[index].x == sum(sizes)).only_enforce_if(kept)
            m.add_implication(kept, tv.cells[index].used)
            tv.kept.append((kept, index, sum(sizes)))
            terms.append(MOVE_COST * len(sizes) * (1 - kept))
    return terms


def build(problem: Problem, rows: dict[str, tuple[Bucket, ...]], start: Assignment) -> BucketModel:
    """Variables, constraints and the three objective expressions (none set yet). A task
    late anyway may only use the first ``LATE_WINDOWS`` windows after its due date, or
    those it has in ``start`` (the hint): that keeps large models small."""
    bm = BucketModel(model=cp_model.CpModel(), rows=rows, tasks={})
    release = releases(problem)
    for job in problem.jobs:
        keep = set(start.get(job.id, {}))
        bm.tasks[job.id] = _add_task(bm, problem, job, release[job.id], keep)
    _add_windows(bm, order_keys(problem), release)
    _add_dependencies(bm, problem)
    tvs = list(bm.tasks.values())
    bm.missed = cp_model.LinearExpr.sum(
        [tv.job.weight * tv.missed for tv in tvs if tv.missed is not None]
    )
    bm.lateness = cp_model.LinearExpr.sum([tv.job.weight * tv.late for tv in tvs])
    bm.comfort = cp_model.LinearExpr.sum(_comfort(bm))
    return bm


def _late_of(problem: Problem, bm: BucketModel, assignment: Assignment) -> dict[int, int]:
    """The model's lateness of each task under ``assignment`` (to hint it exactly)."""
    keys = order_keys(problem)
    late: dict[int, int] = {}
    for tid, tv in bm.tasks.items():
        cells = assignment.get(tid, {})
        if not cells:
            late[tid] = unplaced_lateness(problem, tv.job)
            continue
        worst = 0
        for index in cells:
            b = bm.rows[tv.job.owner][index]
            if b.start >= tv.job.due:
                worst = max(worst, b.stop - tv.job.due)
            elif b.start < tv.job.due < b.stop:
                before = sum(
                    a.get(index, 0)
                    for other, a in assignment.items()
                    if bm.tasks[other].job.owner == b.owner and keys[other] <= keys[tid]
                )
                worst = max(worst, b.start + before - tv.job.due)
        late[tid] = worst
    return late


def hint(bm: BucketModel, problem: Problem, assignment: Assignment) -> int:
    """Hint every variable from an assignment (a greedy plan's); return the model's
    weighted lateness of it."""
    m = bm.model
    m.clear_hints()  # type: ignore[no-untyped-call]
    late = _late_of(problem, bm, assignment)
    for tid, tv in bm.tasks.items():
        cells = {i: u for i, u in assignment.get(tid, {}).items() if i in tv.cells}
        m.add_hint(tv.placed, bool(cells))
        for index, c in tv.cells.items():
            m.add_hint(c.used, index in cells)
            if c.var is not None:
                m.add_hint(c.var, cells.get(index, 0))
        m.add_hint(tv.late, late[tid])
        if tv.missed is not None:
            m.add_hint(tv.missed, late[tid] > 0)
        used = [tv.cells[i].bucket for i in cells]
        values = {
            "first": min((b.index for b in used), default=0),
            "last": max((b.index for b in used), default=0),
            "begin": min((b.start for b in used), default=0),
            "end": max((b.stop for b in used), default=0),
        }
        for name, var in tv.bounds.items():
            m.add_hint(var, values[name])
        for kept, index, units in tv.kept:
            m.add_hint(kept, cells.get(index) == units)
    return sum(bm.tasks[tid].job.weight * value for tid, value in late.items())


def read(bm: BucketModel, solver: cp_model.CpSolver) -> Assignment:
    """Units per window of the solver's solution (read from the response in bulk)."""
    sol = solver.response_proto.solution
    out: Assignment = {}
    for tid, tv in bm.tasks.items():
        cells = {
            i: tv.job.size if c.var is None else sol[c.var.index]
            for i, c in tv.cells.items()
            if sol[c.used.index]
        }
        if cells:
            out[tid] = cells
    return out
