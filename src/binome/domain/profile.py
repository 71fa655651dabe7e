"""The principal's work style, held explicitly so every proposed time can honour it.

A ``Profile`` is a frozen value. Its one serial form is a nested, JSON-able dict
(``profile_to_dict``/``profile_from_dict``), used by the store; the TOML file
(``binome profile import``) is that same dict written as TOML, and ``binome profile set``
edits one dotted key of it (``profile_edit``). So there is one validator: the dict reader,
and every error names the key and the value the user gave.

Conventions:

- All clock times are wall times in the principal's zone (``timezone``), per ISO weekday
  (1 = Monday). A ``TimeRange`` is half-open ``[start, end)``; ``24:00`` is not accepted,
  ``23:59`` is the latest end.
- A half-day is ``am`` (before ``MIDDAY``) or ``pm`` (from ``MIDDAY``); ``day`` is both.
- A meeting location is *off-site* unless it is empty or contains one of ``onsite``
  keywords (case-insensitive). Travel time for an off-site place is the value of the first
  ``travel`` keyword found in it, else ``travel_default_minutes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time
from typing import Any, Literal

from binome.domain.errors import N_, InvalidInput
from binome.domain.text import Message
from binome.domain.timing import zone

__all__ = [
    "DAY_NAMES",
    "KINDS",
    "MIDDAY",
    "HalfDay",
    "Kind",
    "Profile",
    "TimeRange",
    "Window",
    "parse_days",
]

Kind = Literal["1on1", "external", "lunch", "call"]
KINDS: tuple[Kind, ...] = ("1on1", "external", "lunch", "call")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MIDDAY = time(13, 0)
DEFAULT_RADAR: dict[str, float | int] = {
    "commitment_warning_days": 2,
    "request_waiting_hours": 24,
    "prep_minutes": 30,
    "overload_ratio": 1.0,
    "night_start_hour": 20,
    "night_end_hour": 7,
}


def bad(
    key: str, value: object, why: str = N_("expected {expected}"), **params: Any
) -> InvalidInput:
    """The one error of this module: a profile key with a value it cannot take.

    ``why`` is a msgid; ``reason`` carries it as a ``Message`` (with ``expected`` itself a
    msgid) for the interface to render in French, ``why`` is its English text for logs.
    """
    fields = {k: Message.of(v) if k == "expected" else v for k, v in params.items()}
    return InvalidInput(
        N_("Invalid profile value for {key}: {value} ({why})."),
        field=key,
        key=key,
        value=str(value),
        why=why.format(**params) if params else why,
        reason=Message.of(why, **fields),
    )


def _clock(text: str, key: str, whole: str) -> time:
    match = re.fullmatch(r"(\d{1,2})[:h](\d{2})", text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise bad(key, whole, expected=N_("HH:MM-HH:MM"))
    return time(int(match[1]), int(match[2]))


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class TimeRange:
    """Wall-clock ``[start, end)`` within one day, ``end > start``."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise bad("range", self.render(), expected=N_("HH:MM-HH:MM, end after start"))

    @classmethod
    def parse(cls, text: str, key: str) -> TimeRange:
        parts = text.split("-")
        if len(parts) != 2:
            raise bad(key, text, expected=N_("HH:MM-HH:MM"))
        start, end = _clock(parts[0], key, text), _clock(parts[1], key, text)
        if end <= start:
            raise bad(key, text, expected=N_("HH:MM-HH:MM, end after start"))
        return cls(start=start, end=end)

    def render(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


def parse_days(text: str, key: str) -> frozenset[int]:
    """``mon``, ``mon-thu``, ``*`` (every day) → ISO weekdays."""
    raw = text.strip().lower()
    if raw in ("*", "all"):
        return frozenset(range(1, 8))
    ends = raw.split("-")
    if len(ends) > 2 or any(e not in DAY_NAMES for e in ends):
        raise bad(key, text, N_("unknown weekday; use mon..sun, mon-fri or *"))
    first, last = DAY_NAMES.index(ends[0]) + 1, DAY_NAMES.index(ends[-1]) + 1
    if last < first:
        raise bad(key, text, N_("unknown weekday; use mon..sun, mon-fri or *"))
    return frozenset(range(first, last + 1))


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Window:
    """A wall-clock range on some weekdays, e.g. ``mon-thu 08:30-10:30``."""

    days: frozenset[int]
    range: TimeRange

    @classmethod
    def parse(cls, text: str, key: str) -> Window:
        parts = text.split()
        if len(parts) != 2:
            raise bad(key, text, expected=N_("DAYS HH:MM-HH:MM, e.g. mon-thu 08:30-10:30"))
        return cls(days=parse_days(parts[0], key), range=TimeRange.parse(parts[1], key))

    def render(self) -> str:
        return f"{_render_days(self.days)} {self.range.render()}"


def _render_days(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if ordered == list(range(1, 8)):
        return "*"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{DAY_NAMES[ordered[0] - 1]}-{DAY_NAMES[ordered[-1] - 1]}"
    if len(ordered) == 1:
        return DAY_NAMES[ordered[0] - 1]
    raise ValueError("a window's days must be one day or a run of days")  # parse guarantees


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class HalfDay:
    """A no-meeting day or half-day: ``wed-pm``, ``fri-am``, ``wed`` (whole day)."""

    weekday: int
    part: Literal["am", "pm", "day"]

    @classmethod
    def parse(cls, text: str, key: str) -> HalfDay:
        raw = text.strip().lower()
        name, _, part = raw.partition("-")
        part = part or "day"
        if name not in DAY_NAMES:
            raise bad(key, text, N_("unknown weekday; use mon..sun, mon-fri or *"))
        if part not in ("am", "pm", "day"):
            raise bad(key, text, expected=N_("e.g. wed-pm, fri-am, wed"))
        return cls(weekday=DAY_NAMES.index(name) + 1, part=part)  # type: ignore[arg-type]

    def render(self) -> str:
        name = DAY_NAMES[self.weekday - 1]
        return name if self.part == "day" else f"{name}-{self.part}"

    def range(self) -> TimeRange:
        if self.part == "am":
            return TimeRange(start=time(0), end=MIDDAY)
        if self.part == "pm":
            return TimeRange(start=MIDDAY, end=time(23, 59))
        return TimeRange(start=time(0), end=time(23, 59))


def _default_hours() -> dict[int, TimeRange]:
    long_day = TimeRange(start=time(8, 30), end=time(19, 0))
    return {1: long_day, 2: long_day, 3: long_day, 4: long_day,
            5: TimeRange(start=time(8, 30), end=time(17, 0))}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """The principal's work style. ``hours`` maps ISO weekday → range; absent = not worked.

    ``urgency`` holds coefficients the planner merges over its own defaults (empty here on
    purpose); ``radar`` holds detector thresholds with defaults in ``DEFAULT_RADAR``.
    """

    timezone: str = "Europe/Paris"
    country: str = "FR"
    region: str | None = None
    hours: dict[int, TimeRange] = field(default_factory=_default_hours)
    lunch: TimeRange = TimeRange(start=time(12, 0), end=time(14, 0))
    lunch_min_minutes: int = 45
    buffer_minutes: int = 10
    max_meeting_hours_day: float = 6.0
    max_meeting_hours_week: float = 25.0
    focus_hours_week: float = 8.0
    focus_windows: tuple[Window, ...] = ()
    no_meeting: tuple[HalfDay, ...] = ()
    preferred: dict[str, tuple[Window, ...]] = field(default_factory=dict)
    travel_minutes: dict[str, int] = field(default_factory=dict)
    travel_default_minutes: int = 30
    onsite: tuple[str, ...] = ("bureau", "office", "siège", "visio", "zoom", "teams", "meet")
    count_tentative_as_busy: bool = True
    urgency: dict[str, float] = field(default_factory=dict)
    radar: dict[str, float | int] = field(default_factory=lambda: dict(DEFAULT_RADAR))

    def __post_init__(self) -> None:
        zone(self.timezone)
        if not set(self.hours) <= set(range(1, 8)):
            raise bad(
                "hours", sorted(self.hours), N_("unknown weekday; use mon..sun, mon-fri or *")
            )
        for key, value in (
            ("buffer_minutes", self.buffer_minutes),
            ("lunch.min_minutes", self.lunch_min_minutes),
            ("travel.default_minutes", self.travel_default_minutes),
            ("max_meeting_hours.day", self.max_meeting_hours_day),
            ("max_meeting_hours.week", self.max_meeting_hours_week),
            ("focus.hours_per_week", self.focus_hours_week),
            *((f"travel.minutes.{k}", v) for k, v in self.travel_minutes.items()),
        ):
            if value < 0:
                raise bad(key, value, N_("must not be negative"))
        if self.lunch_min_minutes > self.lunch.minutes:
            raise bad(
                "lunch.min_minutes", self.lunch_min_minutes, N_("longer than the lunch window")
            )
        if not set(self.preferred) <= set(KINDS):
            raise bad(
                "preferred",
                ",".join(sorted(self.preferred)),
                expected=N_("1on1, external, lunch, call"),
            )

    @classmethod
    def default(cls) -> Profile:
        return cls()

    def travel_for(self, location: str | None) -> int:
        """Minutes of travel each way to ``location`` (0 when on-site or unknown place)."""
        if not location or not location.strip():
            return 0
        lowered = location.casefold()
        if any(word.casefold() in lowered for word in self.onsite):
            return 0
        for word, minutes in sorted(self.travel_minutes.items()):
            if word.casefold() in lowered:
                return minutes
        return self.travel_default_minutes

    def blocked_ranges(self, weekday: int) -> list[TimeRange]:
        """The no-meeting ranges of ``weekday`` (wall times)."""
        return [h.range() for h in self.no_meeting if h.weekday == weekday]


# The serial forms live in their own module (size); re-exported so callers import one name.
from binome.domain.profile_io import (  # noqa: E402
    describe_profile,
    profile_from_dict,
    profile_from_toml,
    profile_to_dict,
    profile_to_toml,
    set_profile_value,
)

__all__ += [
    "describe_profile",
    "profile_from_dict",
    "profile_from_toml",
    "profile_to_dict",
    "profile_to_toml",
    "set_profile_value",
]
