"""Free windows as buckets of minutes, and the sequencing pass that turns an assignment
of minutes to buckets into exact blocks.

The CP-SAT model (``bucket_model``) decides only *how many units of each task go into
which free window*; a deterministic pass then lays the pieces of each window out in
earliest-deadline order (dependencies first, as each task inherits the deadlines of the
tasks waiting on it), keeping an existing block exactly where it was when its task has the
same time in that window (stability). Each task has one contiguous piece per window, so a
chunk never straddles a meeting and the minimum chunk of the model is the chunk placed.

Buckets are the owner's free windows minus started blocks, in time order; ``index`` is
their rank per owner, which the model uses to order dependencies of one owner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from binome.engine.planner.problem import Job, Problem

__all__ = [
    "Assignment",
    "Bucket",
    "Placement",
    "bucket_of",
    "buckets",
    "order_keys",
    "releases",
    "sequence",
    "to_assignment",
]

Placement = dict[int, list[tuple[int, int]]]
Assignment = dict[int, dict[int, int]]  # task id -> bucket index -> units
Key = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Bucket:
    owner: str
    index: int
    start: int
    stop: int
    focus: bool

    @property
    def size(self) -> int:
        return self.stop - self.start


def _cut(pieces: list[tuple[int, int, bool]], a: int, b: int) -> list[tuple[int, int, bool]]:
    out = []
    for s, e, focus in pieces:
        if e <= a or b <= s:
            out.append((s, e, focus))
            continue
        if s < a:
            out.append((s, a, focus))
        if b < e:
            out.append((b, e, focus))
    return out


def buckets(problem: Problem) -> dict[str, tuple[Bucket, ...]]:
    """Each owner's free windows minus the time its started blocks take."""
    out: dict[str, tuple[Bucket, ...]] = {}
    for owner, windows in problem.timeline.windows.items():
        pieces = list(windows)
        for a, b in problem.taken.get(owner, ()):
            pieces = _cut(pieces, a, b)
        out[owner] = tuple(Bucket(owner, i, a, b, f) for i, (a, b, f) in enumerate(pieces))
    return out


def bucket_of(row: Sequence[Bucket], start: int, stop: int) -> Bucket | None:
    return next((b for b in row if b.start <= start and stop <= b.stop), None)


def releases(problem: Problem) -> dict[int, int]:
    """First unit each task may start: its own earliest start, and not before each of its
    dependencies could have run from their own release (a valid bound for any plan)."""
    out: dict[int, int] = {}
    size = {j.id: j.size for j in problem.jobs}
    for job in problem.jobs:  # dependencies come first
        out[job.id] = max([job.release, *(out[d] + size[d] for d in job.deps)])
    return out


def order_keys(problem: Problem) -> dict[int, Key]:
    """Sequencing order inside a window: earliest inherited deadline first (a dependency
    inherits its dependant's due minus the dependant's size, so it always comes first),
    then the problem's dependency order."""
    due = {j.id: j.due for j in problem.jobs}
    for job in reversed(problem.jobs):
        for dep in job.deps:
            due[dep] = min(due[dep], due[job.id] - job.size)
    return {j.id: (due[j.id], i) for i, j in enumerate(problem.jobs)}


def to_assignment(
    problem: Problem, rows: Mapping[str, Sequence[Bucket]], p: Placement
) -> Assignment:
    """Units per bucket of a placement (chunks outside every bucket are ignored)."""
    owner = {j.id: j.owner for j in problem.jobs}
    out: Assignment = {}
    for tid, chunks in p.items():
        for a, b in chunks:
            bucket = bucket_of(rows[owner[tid]], a, b)
            if bucket is not None:
                cells = out.setdefault(tid, {})
                cells[bucket.index] = cells.get(bucket.index, 0) + b - a
    return out


def _pins(job: Job, bucket: Bucket, units: int, release: int) -> list[tuple[int, int]]:
    """The job's existing blocks in ``bucket`` if they hold exactly its ``units`` there."""
    blocks = [(s, e) for s, e, _ in job.existing if bucket.start <= s and e <= bucket.stop]
    if not blocks or sum(e - s for s, e in blocks) != units or blocks[0][0] < release:
        return []
    return blocks


def _pack(
    bucket: Bucket,
    pinned: list[tuple[int, int, int]],
    rest: list[tuple[int, int]],
    release: Mapping[int, int],
) -> list[tuple[int, int, int]] | None:
    """Pinned blocks stay; the rest go one after the other into the gaps, in order."""
    busy = sorted((a, b) for _, a, b in pinned)
    out = list(pinned)
    cursor = bucket.start
    for tid, units in rest:
        start = max(cursor, release[tid])
        for a, b in busy:
            if start < b and a < start + units:
                start = b
        if start + units > bucket.stop:
            return None
        out.append((tid, start, start + units))
        cursor = start + units
    return out


def _deps_hold(pieces: list[tuple[int, int, int]], jobs: Mapping[int, Job]) -> bool:
    span = {tid: (a, b) for tid, a, b in pieces}
    return all(
        span[d][1] <= span[tid][0] for tid, _, _ in pieces for d in jobs[tid].deps if d in span
    )


def _lay_out(
    bucket: Bucket,
    units: dict[int, int],
    jobs: Mapping[int, Job],
    keys: Mapping[int, Key],
    release: Mapping[int, int],
) -> list[tuple[int, int, int]] | None:
    """Pieces of one window: with pins in deadline order, else without pins in deadline
    order, else in release order (which always fits when the model's release capacities
    hold: on one machine, release order minimises the makespan)."""
    by_key = sorted(units, key=lambda t: keys[t])
    by_release = sorted(units, key=lambda t: (release[t], keys[t]))
    pins = {t: _pins(jobs[t], bucket, units[t], release[t]) for t in by_key}
    pinned = [(t, a, b) for t in by_key for a, b in pins[t]]
    attempts = [
        (pinned, [(t, units[t]) for t in by_key if not pins[t]]),
        ([], [(t, units[t]) for t in by_key]),
        ([], [(t, units[t]) for t in by_release]),
    ]
    for fixed, rest in attempts if pinned else attempts[1:]:
        pieces = _pack(bucket, fixed, rest, release)
        if pieces is not None and _deps_hold(pieces, jobs):
            return pieces
    return None


def sequence(
    problem: Problem, rows: Mapping[str, Sequence[Bucket]], assignment: Assignment
) -> Placement | None:
    """Exact chunks from units per bucket, or None if some window cannot hold its pieces."""
    jobs = {j.id: j for j in problem.jobs}
    keys = order_keys(problem)
    release = releases(problem)
    per_bucket: dict[tuple[str, int], dict[int, int]] = {}
    for tid, cells in assignment.items():
        for index, units in cells.items():
            if units > 0:
                per_bucket.setdefault((jobs[tid].owner, index), {})[tid] = units
    placement: Placement = {}
    for (owner, index), shares in sorted(per_bucket.items()):
        pieces = _lay_out(rows[owner][index], shares, jobs, keys, release)
        if pieces is None:
            return None
        for tid, a, b in pieces:
            placement.setdefault(tid, []).append((a, b))
    for chunks in placement.values():
        chunks.sort()
    return placement if _dependencies_met(problem, placement) else None


def _dependencies_met(problem: Problem, placement: Placement) -> bool:
    """Every placed task starts after its dependencies end (a safety net: the model and
    the window order guarantee it)."""
    for job in problem.jobs:
        chunks = placement.get(job.id)
        if not chunks:
            continue
        for dep in job.deps:
            before = placement.get(dep)
            if not before or before[-1][1] > chunks[0][0]:
                return False
    return True
