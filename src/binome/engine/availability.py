"""When each person can meet: working hours, holidays, busy time and the principal's rules.

Everything here turns wall-clock rules into interval sets over UTC instants
(``binome.domain.intervals``) for one query window. Wall-clock rules are applied *per local
day in the person's own zone*, so a DST change is exact: 09:00 in New York is 14:00 UTC in
winter and 13:00 UTC in summer, and the day of the change gets the right offset on each
side. Wall times are resolved as RFC 5545 §3.3.5 says (``local_to_utc``: a time in a gap
takes the offset before the gap, a time in a fold its first occurrence).

Public holidays come from the ``holidays`` library (pure data, no I/O), by country and
subdivision, for the years the window touches; a holiday blocks the whole local day.

Results that depend only on (zone, rule, window) are cached: in a company most people
share a handful of zones and working hours, so a 200-person query computes each once.
Cached lists are shared between callers and must never be mutated (no caller does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from binome.domain import intervals as iv
from binome.domain.model import WorkingHours
from binome.domain.profile import Profile, TimeRange
from binome.domain.timing import Span, local_to_utc, zone

__all__ = [
    "Busy",
    "Participant",
    "busy_intervals",
    "daily_intervals",
    "holiday_dates",
    "holiday_free",
    "holiday_intervals",
    "local_dates",
    "lunch_windows",
    "no_meeting_intervals",
    "principal_hours",
    "travel_blocked",
    "working_intervals",
]

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Busy:
    """One busy occurrence of a person's calendar, as the store's occurrence index holds it."""

    span: Span
    tentative: bool = False
    location: str | None = None
    event_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """Someone a meeting needs: identified by ``key`` (e-mail), with their own zone and hours."""

    key: str
    name: str
    tz: str
    hours: WorkingHours = field(default_factory=WorkingHours)
    country: str | None = None
    region: str | None = None
    busy: Sequence[Busy] = ()

    def __post_init__(self) -> None:
        zone(self.tz)


def local_dates(window: iv.Interval, tz: str) -> list[date]:
    """Every local date of ``tz`` that the UTC window touches (one day of margin each side
    is cheap and covers ranges that start the evening before)."""
    tzinfo = zone(tz)
    first = window[0].astimezone(tzinfo).date() - ONE_DAY
    last = window[1].astimezone(tzinfo).date() + ONE_DAY
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def daily_intervals(
    window: iv.Interval, tz: str, ranges_for: Callable[[date], Iterable[tuple[time, time]]]
) -> iv.IntervalSet:
    """The union over local dates of ``ranges_for(date)`` (wall times in ``tz``), in UTC,
    clipped to ``window``. Each date is resolved with its own offset (exact across DST)."""
    tzinfo = zone(tz)
    pairs: iv.IntervalSet = []
    for day in local_dates(window, tz):
        for start, end in ranges_for(day):
            pairs.append(
                (
                    local_to_utc(datetime.combine(day, start), tzinfo),
                    local_to_utc(datetime.combine(day, end), tzinfo),
                )
            )
    return iv.clip(iv.normalize(pairs), window)


@lru_cache(maxsize=1024)
def working_intervals(hours: WorkingHours, tz: str, window: iv.Interval) -> iv.IntervalSet:
    """Working time of someone with ``hours`` in ``tz``, in UTC, within ``window``."""

    def ranges(day: date) -> list[tuple[time, time]]:
        return [(hours.start, hours.end)] if day.isoweekday() in hours.days else []

    return daily_intervals(window, tz, ranges)


def principal_hours(profile: Profile, window: iv.Interval) -> iv.IntervalSet:
    """The principal's working time: the profile's hours per weekday, in its zone."""

    def ranges(day: date) -> list[tuple[time, time]]:
        r = profile.hours.get(day.isoweekday())
        return [(r.start, r.end)] if r is not None else []

    return daily_intervals(window, profile.timezone, ranges)


@lru_cache(maxsize=256)
def holiday_dates(country: str, region: str | None, years: tuple[int, ...]) -> frozenset[date]:
    """Public holidays of ``country`` (and subdivision ``region``) in ``years``."""
    import holidays  # slow to import; pure data

    try:
        table = holidays.country_holidays(country, subdiv=region, years=years)
    except NotImplementedError:  # unknown country: holidays raises it; treat as none known
        return frozenset()
    return frozenset(table.keys())


@lru_cache(maxsize=1024)
def holiday_intervals(
    country: str | None, region: str | None, tz: str, window: iv.Interval
) -> iv.IntervalSet:
    """The whole local days of public holidays, in UTC, within ``window``."""
    if not country:
        return []
    days = local_dates(window, tz)
    found = holiday_dates(country, region, tuple(range(days[0].year, days[-1].year + 1)))
    tzinfo = zone(tz)
    pairs = [
        (
            local_to_utc(datetime.combine(day, time(0)), tzinfo),
            local_to_utc(datetime.combine(day + ONE_DAY, time(0)), tzinfo),
        )
        for day in days
        if day in found
    ]
    return iv.clip(iv.normalize(pairs), window)


@lru_cache(maxsize=1024)
def holiday_free(
    country: str | None, region: str | None, tz: str, window: iv.Interval
) -> iv.IntervalSet:
    """The window minus those holidays (cached: callers must not mutate the list)."""
    return iv.complement(holiday_intervals(country, region, tz, window), window)


def busy_intervals(busy: Iterable[Busy], *, count_tentative: bool) -> iv.IntervalSet:
    """The busy time of a calendar (tentative occurrences only if ``count_tentative``)."""
    return iv.normalize(
        (b.span.start, b.span.end) for b in busy if count_tentative or not b.tentative
    )


def travel_blocked(busy: Iterable[Busy], profile: Profile) -> iv.IntervalSet:
    """Off-site meetings grown by the travel time to and from them."""
    pairs: iv.IntervalSet = []
    for b in busy:
        if b.tentative and not profile.count_tentative_as_busy:
            continue
        minutes = profile.travel_for(b.location)
        if minutes:
            pad = timedelta(minutes=minutes)
            pairs.append((b.span.start - pad, b.span.end + pad))
    return iv.normalize(pairs)


def no_meeting_intervals(profile: Profile, window: iv.Interval) -> iv.IntervalSet:
    """The principal's no-meeting days and half-days, in UTC."""

    def ranges(day: date) -> list[tuple[time, time]]:
        return [(r.start, r.end) for r in profile.blocked_ranges(day.isoweekday())]

    return daily_intervals(window, profile.timezone, ranges)


def _windows(
    ranges: Iterable[tuple[frozenset[int], TimeRange]], day: date
) -> list[tuple[time, time]]:
    return [(r.start, r.end) for days, r in ranges if day.isoweekday() in days]


def window_intervals(
    profile: Profile, windows: Iterable[tuple[frozenset[int], TimeRange]], window: iv.Interval
) -> iv.IntervalSet:
    """Weekday wall-clock windows (focus, preferred) of the principal, in UTC."""
    items = list(windows)
    return daily_intervals(window, profile.timezone, lambda day: _windows(items, day))


def lunch_windows(profile: Profile, window: iv.Interval) -> dict[date, iv.Interval]:
    """The principal's lunch window of each local working day, in UTC."""
    tzinfo = zone(profile.timezone)
    out: dict[date, iv.Interval] = {}
    for day in local_dates(window, profile.timezone):
        if day.isoweekday() in profile.hours:
            out[day] = (
                local_to_utc(datetime.combine(day, profile.lunch.start), tzinfo),
                local_to_utc(datetime.combine(day, profile.lunch.end), tzinfo),
            )
    return out
