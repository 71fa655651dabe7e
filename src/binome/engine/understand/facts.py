"""What a time phrase says (``Facts``) and the calendar arithmetic every reader shares.

``Facts`` is filled by ``temporal.scan`` and ``clock`` while they read a phrase, then turned
into instants by ``interpretation``; it stays relative (a date, a daypart, a clock time)
because the same words resolve differently by intent. Instants are built with
``at``, which applies RFC 5545 §3.3.5 (a wall time in a DST gap takes the offset before it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from binome.domain.timing import local_to_utc
from binome.engine.understand import lexicon_en as en
from binome.engine.understand import lexicon_fr as fr
from binome.engine.understand.normalize import blank

WEEKDAYS = {**fr.WEEKDAYS, **en.WEEKDAYS}
MONTHS = {**en.MONTHS, **fr.MONTHS}
NUMBERS = {**en.NUMBERS, **fr.NUMBERS}
NUM = r"\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True))

#: SCHEMA.md dayparts, [start hour, end hour).
DAYPARTS: dict[str, tuple[int, int]] = {
    "morning": (8, 12),
    "late_morning": (10, 12),
    "lunch": (12, 14),
    "afternoon": (14, 18),
    "late_afternoon": (16, 18),
    "evening": (18, 22),
}


@dataclass(slots=True)
class Facts:
    """What one phrase says about time, still relative to ``now``."""

    day: date | None = None
    day_kind: str | None = None  # "bare", "this", "next", "relative", "explicit", "offset"
    span: tuple[date, date] | None = None  # [first day, day after last)
    span_kind: str | None = None  # "this_week", "next_week", "month", ...
    daypart: str | None = None
    whole_daypart: bool = False
    clock: time | None = None
    clock_end: time | None = None
    between: bool = False  # "entre 14h et 16h": a window, not an exact slot
    after_lunch: bool = False
    eod: bool = False
    duration: int | None = None
    offset: timedelta | None = None  # "dans deux heures", "in 30 minutes"
    weekdays: tuple[int, ...] = ()
    recurrence: str | None = None
    zone: str | None = None
    keep_time: bool = False
    week_end: bool = False  # "fin de la semaine"
    month_end: bool = False
    next_ambiguous: tuple[date, date] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.day or self.span or self.daypart or self.clock or self.offset)


def number(word: str) -> int:
    """An integer from digits or a French/English number word (``deux``, ``two``)."""
    return int(word) if word.isdigit() else NUMBERS[word]


def at(d: date, t: time, tz: ZoneInfo) -> datetime:
    """Wall time ``t`` on ``d`` in ``tz`` as an aware datetime (RFC 5545 §3.3.5 gap rule)."""
    return local_to_utc(datetime.combine(d, t), tz).astimezone(tz)


def midnight(d: date, tz: ZoneInfo) -> datetime:
    return at(d, time(0), tz)


def next_weekday(today: date, wd: int, *, strictly: bool = True) -> date:
    ahead = (wd - today.weekday()) % 7
    if ahead == 0 and strictly:
        ahead = 7
    return today + timedelta(days=ahead)


def week_monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def last_working_day(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    d = first_next - timedelta(days=1)
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def next_day_of_month(today: date, day: int) -> date:
    """The next date strictly after ``today`` whose day of month is ``day`` (1–31)."""
    d = today + timedelta(days=1)
    for _ in range(62):  # two months always contain every day number
        if d.day == day:
            return d
        d += timedelta(days=1)
    return d


def upcoming(today: date, month: int, day: int) -> date | None:
    """The next ``day``/``month`` on or after ``today`` (this year or next)."""
    for year in (today.year, today.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d >= today:
            return d
    return None


def consume(pattern: str, text: str) -> tuple[re.Match[str] | None, str]:
    m = re.search(pattern, text)
    if m:
        text = blank(text, m.start(), m.end())
    return m, text
