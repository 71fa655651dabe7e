"""Time algebra: zones, durations, spans, and the three kinds of event timing.

Conventions (the invariants every layer relies on):

- An *instant* is an aware ``datetime``. Stored instants are UTC; the original zone is kept
  beside them as an IANA key so wall-clock recurrence and display stay exact.
- A ``Span`` is half-open ``[start, end)`` over aware datetimes, ``end > start``.
- ``AllDay`` holds dates; ``end`` is *exclusive*, as in iCalendar (a one-day event on
  3 December is ``AllDay(2026-12-03, 2026-12-04)``). Shown inclusively to people.
- ``Floating`` holds naive wall times that mean "this time wherever the reader is"; it is
  resolved in the principal's zone only when compared with instants, never stored as UTC.
- Local wall times are turned into instants the way RFC 5545 §3.3.5 says: a time in a DST
  gap takes the offset before the gap (02:30 on a spring-forward day in Paris is 03:30
  CEST); a time in a fold takes the first occurrence (``fold=0``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from binome.domain.errors import N_, InvalidInput

__all__ = [
    "UTC",
    "AllDay",
    "Floating",
    "Span",
    "Timed",
    "Timing",
    "format_duration",
    "local_to_utc",
    "parse_datetime",
    "parse_duration",
    "zone",
]


class UnknownZone(InvalidInput):
    message = N_("Unknown time zone: {zone}.")


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The IANA zone named ``name``; ``UnknownZone`` if there is none."""
    if not name or "\x00" in name or name.startswith(("/", ".")) or ".." in name:
        raise UnknownZone(zone=name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownZone(zone=name) from exc


def zone_key(tz: tzinfo | None) -> str | None:
    if tz is None:
        return None
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key
    if tz is UTC or tz.utcoffset(None) == timedelta(0):
        return "UTC"
    return None


def local_to_utc(wall: datetime, tz: tzinfo) -> datetime:
    """The instant of naive wall time ``wall`` in ``tz`` (RFC 5545 gap/fold rules)."""
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def in_gap(wall: datetime, tz: tzinfo) -> bool:
    """Whether naive ``wall`` does not exist in ``tz`` (a spring-forward gap)."""
    aware = wall.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return back != wall


_DURATION = re.compile(
    r"^\s*(?:(?P<d>\d+)\s*(?:d|j|days?|jours?)\s*)?"
    r"(?:(?P<h>\d+)\s*(?:h|hours?|heures?)\s*)?"
    r"(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?\s*)?$",
    re.IGNORECASE,
)


class BadDuration(InvalidInput):
    message = N_("Invalid duration: {value} (expected e.g. 45m, 1h30, 2h).")


def parse_duration(text: str) -> timedelta:
    """``45m``, ``1h30``, ``2h``, ``90``, ``1d``, or ISO 8601 ``PT1H30M``; strictly positive."""
    raw = text.strip()
    match = _DURATION.match(raw)
    if not raw or match is None or not any(match.groupdict().values()):
        iso = _parse_iso_duration(raw)
        if iso is None:
            raise BadDuration(value=text)
        return iso
    days = int(match["d"] or 0)
    hours = int(match["h"] or 0)
    minutes = int(match["m"] or 0)
    value = timedelta(days=days, hours=hours, minutes=minutes)
    if value <= timedelta(0) or value > timedelta(days=366):
        raise BadDuration(value=text)
    return value


_ISO_DURATION = re.compile(
    r"^P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$"
)


def _parse_iso_duration(raw: str) -> timedelta | None:
    match = _ISO_DURATION.match(raw.upper())
    if match is None or not any(match.groupdict().values()):
        return None
    parts = {k: int(v or 0) for k, v in match.groupdict().items()}
    value = timedelta(
        weeks=parts["w"], days=parts["d"], hours=parts["h"], minutes=parts["m"], seconds=parts["s"]
    )
    return value if timedelta(0) < value <= timedelta(days=366) else None


def format_duration(value: timedelta) -> str:
    """``1h30``, ``45m``, ``2h`` (the CLI's own input form)."""
    minutes = int(value.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours}h{rest:02d}"
    if hours:
        return f"{hours}h"
    return f"{rest}m"


class BadDatetime(InvalidInput):
    message = N_("Invalid date or time: {value} (expected ISO 8601, e.g. 2026-12-03T14:00).")


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """An ISO 8601 date-time; without an offset it is wall time in ``tz``. Returns aware."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            value = datetime.combine(date.fromisoformat(raw), time(0))
        else:
            value = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadDatetime(value=text) from exc
    if value.tzinfo is None:
        return value.replace(tzinfo=tz, fold=0)
    return value


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadDatetime(value=text) from exc


class BadSpan(InvalidInput):
    message = N_("The end ({end}) must be after the start ({start}).")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open interval ``[start, end)`` of aware instants; ``end > start``."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise InvalidInput(N_("Span bounds must carry a time zone."))
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):  # see Timed: fold
            raise BadSpan(start=self.start.isoformat(), end=self.end.isoformat())

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


@dataclass(frozen=True, slots=True)
class Timed:
    """A fixed instant range; ``start``/``end`` are aware, in the event's original zone."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise InvalidInput(N_("A timed event needs a time zone."))
        # Compare instants, not wall times: Python ignores ``fold`` between two values of
        # the same zone, so 01:30 EDT → 01:30 EST (RFC 5545 §3.3.5 fall-back) looked empty.
        if self.end.astimezone(UTC) <= self.start.astimezone(UTC):
            raise BadSpan(start=self.start.isoformat(), end=self.end.isoformat())

    @property
    def tzid(self) -> str | None:
        return zone_key(self.start.tzinfo)

    def span(self, tz: tzinfo) -> Span:
        return Span(self.start.astimezone(UTC), self.end.astimezone(UTC))


@dataclass(frozen=True, slots=True)
class AllDay:
    """Whole days ``[start, end)``; ``end`` exclusive (iCalendar), shown inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise BadSpan(start=self.start.isoformat(), end=self.end.isoformat())

    def span(self, tz: tzinfo) -> Span:
        return Span(
            local_to_utc(datetime.combine(self.start, time(0)), tz),
            local_to_utc(datetime.combine(self.end, time(0)), tz),
        )

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Floating:
    """Naive wall times, the same clock reading in any zone; resolved only when compared."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise InvalidInput(N_("A floating time has no time zone."))
        if self.end <= self.start:
            raise BadSpan(start=self.start.isoformat(), end=self.end.isoformat())

    def span(self, tz: tzinfo) -> Span:
        return Span(local_to_utc(self.start, tz), local_to_utc(self.end, tz))


Timing = Timed | AllDay | Floating


def shown_bounds(timing: Timing, span: Span, tz: tzinfo) -> tuple[str, str]:
    """An occurrence's bounds as a reader in ``tz`` is shown them (ISO 8601): the days of
    an all-day occurrence, else its instants in ``tz`` with their offset. The occurrence
    index stores exactly these strings, so a year's agenda needs no conversion."""
    if isinstance(timing, AllDay):
        return timing.start.isoformat(), timing.end.isoformat()
    return span.start.astimezone(tz).isoformat(), span.end.astimezone(tz).isoformat()
