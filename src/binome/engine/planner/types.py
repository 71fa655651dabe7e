"""The planner's inputs and outputs, and the 15-minute time units it reasons in.

Time is discretised to 15-minute *units* counted from ``origin`` (``now`` floored to the
quarter hour, UTC). The CP-SAT model does not place anything on that grid: it assigns
units of each task to whole free windows (``bucket_model``) and a sequencing pass lays
them out inside each window (``buckets``), so a chunk never straddles a meeting.

A window is rounded *inwards* (start up, end down) so a placed block always lies inside
the free time it was given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Task
from binome.domain.proposal import Proposal
from binome.domain.text import Message
from binome.domain.timing import Span

__all__ = [
    "UNIT",
    "Block",
    "FreeWindow",
    "LateTask",
    "MovableMeeting",
    "Owner",
    "Plan",
    "Timeline",
]

UNIT = timedelta(minutes=15)
MAX_CHUNKS = 4  # a splittable task is placed in at most this many chunks
DEEP_WORK = timedelta(hours=1)  # an estimate at least this long is deep work

Owner = Literal["principal", "assistant"]
Status = Literal["optimal", "feasible", "infeasible"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FreeWindow:
    """Free time of one owner (working hours minus meetings and buffers). Unstarted
    planner blocks must NOT be subtracted: the planner may move them."""

    span: Span
    focus: bool = False
    owner: Owner = "principal"


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """Time given to a task. ``event_id`` is the calendar event holding it, if any;
    a ``started`` block is in progress or done and is never moved."""

    task_id: int
    span: Span
    event_id: int | None = None
    started: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class MovableMeeting:
    """A meeting the principal could move or shorten to make room."""

    event_id: int
    span: Span
    title: str
    attendees_count: int = 1
    vip: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class LateTask:
    """A deadline the best plan cannot meet, why, and what could be done about it."""

    task_id: int
    due: datetime
    expected_finish: datetime | None
    reason: Message
    alternatives: tuple[Proposal, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """``objective`` is the first objective: missed deadlines weighted by priority (Σ
    weight of the tasks whose due date inside the horizon is not met, weight = round(score
    × 10)); ``bound`` a lower bound on it: the higher of CP-SAT's (in the window model,
    among plans no later than the repaired greedy one) and ``bound.forced_misses`` (valid
    for every plan); ``gap`` = (objective − bound) / objective. ``status`` is "optimal"
    when CP-SAT proved the first two stages in the window model. ``lateness`` is the
    second objective, Σ weight × lateness in 15-minute units (a task left out counting a
    day past the horizon end); ``moved_blocks`` counts existing unstarted blocks not kept
    in place."""

    blocks: tuple[Block, ...]
    late: tuple[LateTask, ...]
    status: Status
    gap: float
    objective: float
    bound: float
    moved_blocks: int
    lateness: float = 0.0

    def blocks_of(self, task_id: int) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.task_id == task_id)


@dataclass(frozen=True, slots=True)
class Timeline:
    """Conversion between instants and units, and each owner's free windows in units."""

    origin: datetime
    end: int
    windows: dict[str, tuple[tuple[int, int, bool], ...]]

    @classmethod
    def build(cls, free: Sequence[FreeWindow], now: datetime, horizon_end: datetime) -> Timeline:
        if now.tzinfo is None or horizon_end.tzinfo is None:
            raise InvalidInput(N_("The planner needs time-zone-aware instants."))
        if horizon_end <= now:
            raise InvalidInput(N_("The planning horizon must end after now."))
        utc = now.astimezone(UTC)
        origin = utc.replace(minute=utc.minute - utc.minute % 15, second=0, microsecond=0)
        timeline = cls(origin, 0, {})
        end = timeline.floor(horizon_end)
        per_owner: dict[str, list[tuple[int, int, bool]]] = {"principal": [], "assistant": []}
        for window in free:
            start = max(timeline.ceil(window.span.start), timeline.ceil(now))
            stop = min(timeline.floor(window.span.end), end)
            if stop > start:
                per_owner[window.owner].append((start, stop, window.focus))
        merged = {owner: _merge(items) for owner, items in per_owner.items()}
        return cls(origin, end, merged)

    def ceil(self, instant: datetime) -> int:
        return math.ceil((instant - self.origin) / UNIT)

    def floor(self, instant: datetime) -> int:
        return math.floor((instant - self.origin) / UNIT)

    def at(self, unit: int) -> datetime:
        return self.origin + unit * UNIT

    def span(self, start: int, stop: int) -> Span:
        return Span(self.at(start), self.at(stop))

    def free_units(self, owner: str, start: int, stop: int) -> int:
        """Free units of ``owner`` within ``[start, stop)``."""
        return sum(max(0, min(b, stop) - max(a, start)) for a, b, _ in self.windows.get(owner, ()))


def _merge(items: list[tuple[int, int, bool]]) -> tuple[tuple[int, int, bool], ...]:
    """Sort windows and merge overlapping ones of the same focus flag; where a focus and a
    plain window overlap, the overlap is trimmed from the later one."""
    out: list[tuple[int, int, bool]] = []
    for start, stop, focus in sorted(items):
        if out and start <= out[-1][1]:
            last = out[-1]
            if last[2] == focus:
                out[-1] = (last[0], max(last[1], stop), focus)
                continue
            start = last[1]
            if stop <= start:
                continue
        out.append((start, stop, focus))
    return tuple(out)


def units(duration: timedelta) -> int:
    """Whole units needed to hold ``duration`` (rounded up)."""
    return max(1, math.ceil(duration / UNIT))


def chunk_plan(task: Task, remaining: int) -> tuple[int, int]:
    """(minimum chunk size, maximum number of chunks) for ``remaining`` units of ``task``."""
    if not task.splittable:
        return remaining, 1
    least = min(units(task.min_chunk), remaining)
    return least, max(1, min(MAX_CHUNKS, remaining // least))


def is_deep(task: Task) -> bool:
    return task.estimate >= DEEP_WORK
