"""What the radar looks at: the horizon's occurrences and the work, as plain values.

``app.radar`` builds a ``RadarInput`` from the store (already expanded, already in UTC);
the detectors only read it. Items are sorted by start. ``past`` holds the occurrences of
the last four weeks (priority drift); ``items`` those of the horizon. ``late`` carries the
planner's late-task results when the caller ran the planner; without them the deadline
detector falls back to an earliest-deadline-first capacity check of its own.

Thresholds come from ``Profile.radar`` merged over ``DEFAULTS`` (``threshold``).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from binome.domain import intervals as iv
from binome.domain.model import (
    Commitment,
    EventKind,
    EventStatus,
    Objective,
    Request,
    Task,
    WorkingHours,
)
from binome.domain.profile import DEFAULT_RADAR, Profile
from binome.domain.timing import Span
from binome.engine.planner.types import LateTask

__all__ = ["DEFAULTS", "Item", "RadarInput", "RadarPerson"]

#: Every detector threshold and its default; ``Profile.radar`` overrides any of them.
DEFAULTS: Mapping[str, float] = {
    **DEFAULT_RADAR,  # the thresholds a profile stores by default (``domain.profile``)
    "tentative_conflicts": 1,  # 1: a tentative event can be double-booked; 0: ignored
    "important_weight": 30,  # objective weight from which a linked meeting is important
    "agenda_hours": 48,
    "agenda_external_only": 1,
    "prep_lookahead_days": 7,
    "focus_min_block_minutes": 60,
    "drift_days": 28,
    "drift_ratio": 0.5,  # an objective under half its weight share is drifting
    "drift_min_hours": 4,
    "slot_searches": 20,  # slot-finder runs per scan (moves, preparation, blocks)
    "slot_days": 14,  # items further ahead get the cheap fixes only, until they come near
}


@dataclass(frozen=True, slots=True, kw_only=True)
class RadarPerson:
    """Someone who may attend: their zone and hours (None: the principal's), VIP flag."""

    email: str
    name: str
    tz: str | None = None
    hours: WorkingHours = field(default_factory=WorkingHours)
    country: str | None = None
    region: str | None = None
    vip: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One occurrence in the principal's calendar. ``ref`` is ``event:<id>`` of the stored
    event (the series for an occurrence of a series); ``occurrence`` its agenda key."""

    ref: str
    occurrence: str
    title: str
    span: Span
    all_day: bool = False
    kind: EventKind = EventKind.MEETING
    status: EventStatus = EventStatus.CONFIRMED
    transparent: bool = False
    important: bool = False
    location: str | None = None
    description: str | None = None
    conference_url: str | None = None
    attendees: tuple[str, ...] = ()
    organizer: str | None = None
    objective_id: int | None = None
    task_id: int | None = None
    recurring: bool = False
    masked: bool = False  # the reader may not see its content: only its times count

    @property
    def blocks(self) -> bool:
        return not self.transparent and self.status is not EventStatus.CANCELLED

    @property
    def is_meeting(self) -> bool:
        return self.blocks and not self.all_day and self.kind is EventKind.MEETING


@dataclass(frozen=True, kw_only=True)
class RadarInput:
    """Everything the detectors read. ``horizon`` starts at ``now``."""

    now: datetime
    horizon: Span
    principal: str
    profile: Profile
    principal_name: str = ""
    items: Sequence[Item] = ()
    past: Sequence[Item] = ()
    people: Mapping[str, RadarPerson] = field(default_factory=dict)
    tasks: Sequence[Task] = ()
    commitments: Sequence[Commitment] = ()
    objectives: Sequence[Objective] = ()
    requests: Sequence[Request] = ()
    late: Sequence[LateTask] | None = None
    hidden: frozenset[str] = frozenset()  # refs whose content the reader may not see
    searches: list[int] = field(default_factory=lambda: [0])  # slot searches made so far

    def may_search(self, at: datetime) -> bool:
        """Whether one more slot search is allowed for something at ``at``: within
        ``slot_days`` of now and under ``slot_searches`` per scan, so a year of risks
        costs a bounded number of searches (the rest get theirs as they come near)."""
        if at > self.now + timedelta(days=self.threshold("slot_days")):
            return False
        if self.searches[0] >= self.threshold("slot_searches"):
            return False
        self.searches[0] += 1
        return True

    def threshold(self, name: str) -> float:
        value = self.profile.radar.get(name)
        return float(DEFAULTS[name] if value is None else value)

    @cached_property
    def blocking(self) -> list[Item]:
        """Timed items that hold the principal's time (tentative per the profile)."""
        tentative_busy = self.profile.count_tentative_as_busy
        return [
            i
            for i in self.items
            if i.blocks
            and not i.all_day
            and (tentative_busy or i.status is not EventStatus.TENTATIVE)
        ]

    @cached_property
    def busy(self) -> iv.IntervalSet:
        return iv.normalize((i.span.start, i.span.end) for i in self.blocking)

    @cached_property
    def _starts(self) -> list[datetime]:
        return [i.span.start for i in self.blocking]

    def blocking_between(self, start: datetime, end: datetime) -> list[Item]:
        """Blocking items overlapping ``[start, end)`` (items are at most a day long in
        practice; longer ones are found through the one-day look-back)."""
        lo = bisect.bisect_left(self._starts, start - timedelta(days=1))
        hi = bisect.bisect_left(self._starts, end)
        return [i for i in self.blocking[lo:hi] if i.span.end > start]

    def person(self, email: str) -> RadarPerson | None:
        return self.people.get(email)

    def vip_count(self, item: Item) -> int:
        return sum(1 for a in item.attendees if (p := self.people.get(a)) is not None and p.vip)

    def others(self, item: Item) -> tuple[str, ...]:
        return tuple(a for a in item.attendees if a != self.principal)
