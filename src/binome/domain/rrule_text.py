"""RRULE values (RFC 5545 §3.3.10) parsed into checked parts, then built for dateutil.

We parse the rule ourselves instead of handing the text to ``dateutil.rrule.rrulestr``
because clients break §3.3.10 in ways dateutil refuses or mishandles: UNTIL in UTC on a
floating or all-day start (khal, node-ical fixtures), a DATE UNTIL on a timed start
(Google), ``BYDAY=0TH``, ``INTERVAL=0`` (dateutil#1094 loops). Parsing first lets the
expander normalise UNTIL to wall time, refuse what cannot be evaluated with a clear
message, and detect rules that can never match before dateutil scans to year 9999.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from math import prod
from typing import Literal

from dateutil import rrule as du

from binome.domain.errors import N_, InvalidInput

__all__ = ["RuleParts", "build_rrule", "parse_rule"]

MAX_CROSS_PRODUCT = 10_000

_FREQS: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {
    "YEARLY": du.YEARLY,
    "MONTHLY": du.MONTHLY,
    "WEEKLY": du.WEEKLY,
    "DAILY": du.DAILY,
    "HOURLY": du.HOURLY,
    "MINUTELY": du.MINUTELY,
    "SECONDLY": du.SECONDLY,
}
_UNIT = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}
_DAYS = {"MO": du.MO, "TU": du.TU, "WE": du.WE, "TH": du.TH, "FR": du.FR, "SA": du.SA, "SU": du.SU}
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
# (name, lowest, highest, zero allowed) — RFC 5545 §3.3.10 value ranges.
_RANGES = {
    "BYSECOND": (0, 60, True),
    "BYMINUTE": (0, 59, True),
    "BYHOUR": (0, 23, True),
    "BYMONTHDAY": (-31, 31, False),
    "BYYEARDAY": (-366, 366, False),
    "BYWEEKNO": (-53, 53, False),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (-366, 366, False),
}


class BadRule(InvalidInput):
    message = N_("Invalid recurrence rule {rule}: {problem}.")


@dataclass(frozen=True, slots=True)
class RuleParts:
    freq: str
    interval: int = 1
    count: int | None = None
    until: datetime | date | None = None
    wkst: str = "MO"
    byday: tuple[tuple[int, str], ...] = ()
    by: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def get(self, name: str) -> tuple[int, ...]:
        return dict(self.by).get(name, ())

    def has_by(self) -> bool:
        return bool(self.by or self.byday)

    def period(self) -> timedelta | None:
        unit = _UNIT.get(self.freq)
        return unit * self.interval if unit is not None else None

    def without_count(self) -> RuleParts:
        return replace(self, count=None)

    def impossible(self) -> bool:
        """True when BYMONTH × BYMONTHDAY has no real date (``BYMONTH=2;BYMONTHDAY=30``)."""
        monthdays = self.get("BYMONTHDAY")
        if not monthdays:
            return False
        months = self.get("BYMONTH") or tuple(range(1, 13))
        return not any(
            abs(md) <= calendar.monthrange(2024, m)[1] for m in months for md in monthdays
        )


def _bad(rule: str, problem: str) -> BadRule:
    return BadRule(rule=rule[:200], problem=problem)


def parse_rule(value: str) -> RuleParts:
    """Parse an RRULE value (``FREQ=WEEKLY;BYDAY=MO``) into checked parts."""
    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    fields: dict[str, str] = {}
    for item in filter(None, text.split(";")):
        key, sep, val = item.partition("=")
        if not sep or not val:
            raise _bad(value, f"'{item[:40]}' is not NAME=VALUE")
        fields[key.strip().upper()] = val.strip().upper()
    freq = fields.pop("FREQ", None)
    if freq not in _FREQS:
        raise _bad(value, "FREQ is missing or unknown")
    interval = _int(value, fields.pop("INTERVAL", "1"), "INTERVAL")
    if interval < 1:
        raise _bad(value, "INTERVAL must be at least 1")
    count = fields.pop("COUNT", None)
    until = fields.pop("UNTIL", None)
    if count is not None and until is not None:
        raise _bad(value, "COUNT and UNTIL together")
    parts = RuleParts(
        freq=freq,
        interval=interval,
        count=_positive(value, count, "COUNT") if count is not None else None,
        until=_until(value, until) if until is not None else None,
        wkst=_weekday(value, fields.pop("WKST", "MO")),
        byday=_bydays(value, fields.pop("BYDAY", "")),
        by=tuple((k, _ints(value, fields.pop(k), k)) for k in list(_RANGES) if k in fields),
    )
    # RFC 7529: only the Gregorian scale is evaluated; SKIP is read as OMIT (dateutil).
    if fields.pop("RSCALE", "GREGORIAN") != "GREGORIAN":
        raise _bad(value, "only RSCALE=GREGORIAN is supported")
    fields.pop("SKIP", None)
    unknown = [k for k in fields if not k.startswith("X-")]
    if unknown:
        raise _bad(value, f"unknown part {unknown[0][:20]}")
    sizes = [len(v) for _, v in parts.by if _ != "BYSETPOS"] + [len(parts.byday) or 1]
    if prod(sizes) > MAX_CROSS_PRODUCT:
        raise _bad(value, "too many BYxxx combinations")
    return parts


def build_rrule(parts: RuleParts, dtstart: datetime, *, until: datetime | None) -> du.rrule:
    """A dateutil rule over naive wall times; ``until`` (naive) overrides the parts'."""
    kwargs: dict[str, object] = {name.lower(): list(v) for name, v in parts.by}
    if parts.byday:
        kwargs["byweekday"] = [_DAYS[d](n) if n else _DAYS[d] for n, d in parts.byday]
    try:
        return du.rrule(
            _FREQS[parts.freq],
            dtstart=dtstart,
            interval=parts.interval,
            count=parts.count,
            until=until,
            wkst=_DAYS[parts.wkst],
            **kwargs,  # type: ignore[arg-type]
        )
    except (ValueError, TypeError, OverflowError) as exc:
        raise _bad(parts.freq, str(exc)[:80]) from exc


def _int(rule: str, text: str, name: str) -> int:
    if not re.fullmatch(r"[+-]?\d{1,10}", text):
        raise _bad(rule, f"{name} is not a number")
    return int(text)


def _positive(rule: str, text: str, name: str) -> int:
    number = _int(rule, text, name)
    if number < 1:
        raise _bad(rule, f"{name} must be at least 1")
    return number


def _ints(rule: str, text: str, name: str) -> tuple[int, ...]:
    low, high, zero = _RANGES[name]
    values = tuple(_int(rule, t, name) for t in text.split(","))
    for v in values:
        if not low <= v <= high or (v == 0 and not zero):
            raise _bad(rule, f"{name}={v} is out of range")
    return values


def _weekday(rule: str, text: str) -> str:
    if text not in _DAYS:
        raise _bad(rule, "WKST is not a weekday")
    return text


def _bydays(rule: str, text: str) -> tuple[tuple[int, str], ...]:
    out = []
    for item in filter(None, text.split(",")):
        match = _BYDAY.match(item)
        if match is None:
            raise _bad(rule, f"BYDAY={item[:10]} is not a weekday")
        n = int(match[1]) if match[1] else 0
        if match[1] and not 1 <= abs(n) <= 53:
            raise _bad(rule, f"BYDAY={item} has no such week")
        out.append((n, match[2]))
    return tuple(out)


def _until(rule: str, text: str) -> datetime | date:
    match = re.fullmatch(r"(\d{8})(?:T(\d{6})(Z?))?", text)
    try:
        if match is None:
            raise ValueError(text)
        day = datetime.strptime(match[1], "%Y%m%d")
        if match[2] is None:
            return day.date()
        value = datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
    except ValueError as exc:
        raise _bad(rule, f"UNTIL={text[:20]} is not a date") from exc
    return value.replace(tzinfo=UTC) if match[3] else value
