"""From a request's words to the structured interpretation of SCHEMA.md.

The steps, each a named function: detect the language and the intent, take out the
deadline phrase, then read the rest by intent — a move is split into the event it refers
to ("de 15h", "from Dec 10") and where it goes ("à demain matin", "to Dec 17"); a reminder
or a block "N minutes before" an event is anchored on that event. Window conventions
(working hours, dayparts, week ranges) are the schema's "Resolution conventions".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from binome.engine.understand.facts import (
    DAYPARTS,
    Facts,
    at,
    midnight,
    next_weekday,
    week_monday,
)
from binome.engine.understand.normalize import blank
from binome.engine.understand.temporal import scan

Json = dict[str, Any]
_DEADLINE = re.compile(r"\b(avant|d'ici|jusqu'a|before|by|due|until|pour le|pour)\s+([^,.;!?]*)")
_RELATIVE = re.compile(
    r"\b(\d+|une?|a|an|deux|two|dix|ten|quinze|fifteen|trente|thirty)\s*"
    r"(minutes?|mins?|min|heures?|hours?|h)\s+(avant|before|apres|after)\s+(.*)"
)
_SMALL = {"un": 1, "une": 1, "a": 1, "an": 1, "deux": 2, "two": 2, "dix": 10, "ten": 10}
_SMALL |= {"quinze": 15, "fifteen": 15, "trente": 30, "thirty": 30}


def empty_interpretation(intent: str) -> Json:
    return {
        "intent": intent,
        "participants": [],
        "title": None,
        "when": None,
        "duration_minutes": None,
        "deadline": None,
        "urgent": False,
        "priority": "normal",
        "recurrence": None,
        "event_ref": None,
        "shift_minutes": None,
        "keep_time_of_day": False,
        "reminder_offset_minutes": None,
        "scope": "single",
    }


def when_dict(
    start: datetime, end: datetime | None, *, exact: bool, daypart: str | None = None
) -> Json:
    return {
        "start": start.isoformat(),
        "end": end.isoformat() if end else None,
        "exact": exact,
        "all_day": False,
        "daypart": daypart,
    }


def ref_dict(**fields: Any) -> Json:
    ref: Json = {"start": None, "date": None, "range": None, "title_hint": None}
    ref["all_matching"] = False
    ref.update(fields)
    return ref


def take_deadline(folded: str, now: datetime, tz: ZoneInfo) -> tuple[datetime | None, str]:
    """The deadline phrase ("avant vendredi midi", "by Friday EOD") and the text without it."""
    for m in _DEADLINE.finditer(folded):
        marker, phrase = m.group(1), m.group(2)
        if re.match(r"\s*(?:mon|ma|my|the|le|la|l')?\s*(?:rendez-vous|rdv|call|meeting)\b", phrase):
            continue
        f = scan(phrase, now=now)
        if marker.startswith("pour") and not re.match(r"\s*(?:le\s+\d|\d|la fin)", phrase):
            continue
        if not (f.day or f.clock or f.eod):
            continue
        day = f.day or now.date()
        if f.clock:
            moment = f.clock
        elif f.eod or f.week_end or f.month_end or marker not in ("avant", "before"):
            moment = time(18)
        else:
            moment = time(0)
        return at(day, moment, tz), blank(folded, m.start(), m.end())
    return None, folded


def clock_day(f: Facts, now: datetime, tz: ZoneInfo) -> datetime:
    """The start for a clock time: on the said day, else today, else tomorrow if past."""
    assert f.clock is not None
    day = f.day or now.date()
    wall = f.clock
    if f.zone:
        there = datetime.combine(day, wall, tzinfo=ZoneInfo(f.zone)).astimezone(tz)
        return there
    start = at(day, wall, tz)
    if f.day is None and start < now:
        start = at(day + timedelta(days=1), wall, tz)
    return start


def first_occurrence(f: Facts, now: datetime, tz: ZoneInfo) -> date:
    """The first day of a weekly rule whose start is strictly after ``now``."""
    day = now.date()
    for _ in range(8):
        if day.weekday() in f.weekdays and at(day, f.clock or time(0), tz) > now:
            return day
        day += timedelta(days=1)
    return now.date()


def build_when(f: Facts, intent: str, now: datetime, tz: ZoneInfo) -> Json | None:
    """``when`` for one phrase's facts under one intent (SCHEMA.md conventions)."""
    if f.eod and not f.daypart:
        f.daypart = "late_afternoon"  # "en fin de journée" as a time to meet, not a deadline
    if f.recurrence and f.weekdays and f.day is None:
        f.day = first_occurrence(f, now, tz)
    if f.offset is not None:
        start = now + f.offset
        end = start + timedelta(minutes=f.duration) if f.duration else None
        return when_dict(start, end, exact=True)
    if f.clock:
        return _clock_when(f, intent, now, tz)
    if f.after_lunch:
        start = at(f.day or now.date(), time(14), tz)
        end = start + timedelta(minutes=f.duration) if f.duration else None
        return when_dict(start, end, exact=True)
    if f.span:
        return _span_when(f, intent, now, tz)
    if f.day and f.daypart:
        lo, hi = DAYPARTS[f.daypart]
        exact = intent == "block_time" and f.whole_daypart and not f.duration
        return when_dict(
            at(f.day, time(lo), tz), at(f.day, time(hi), tz), exact=exact, daypart=f.daypart
        )
    if f.day:
        if intent in ("schedule_meeting", "block_time") and f.day.weekday() < 5:
            return when_dict(at(f.day, time(9), tz), at(f.day, time(18), tz), exact=False)
        return when_dict(midnight(f.day, tz), midnight(f.day + timedelta(days=1), tz), exact=False)
    return None


def _clock_when(f: Facts, intent: str, now: datetime, tz: ZoneInfo) -> Json:
    start = clock_day(f, now, tz)
    if f.clock_end:
        end = at(start.date(), f.clock_end, tz)
        if not f.between:
            f.duration = f.duration or int((end - start).total_seconds() // 60)
        return when_dict(start, end, exact=not f.between)
    finish = start + timedelta(minutes=f.duration) if f.duration else None
    return when_dict(start, finish, exact=True)


def _span_when(f: Facts, intent: str, now: datetime, tz: ZoneInfo) -> Json:
    assert f.span is not None
    first, after = f.span
    start = max(now, midnight(first, tz))
    if f.span_kind == "month":
        month = now.month % 12 + 1
        year = now.year + (now.month == 12)
        return when_dict(now, now.replace(year=year, month=month), exact=False, daypart=f.daypart)
    if intent == "ask_info" and f.span_kind in ("this_week", "next_week"):
        after = week_monday(first) + timedelta(days=7)
    return when_dict(start, midnight(after, tz), exact=False, daypart=f.daypart)


def split_move(folded: str, now: datetime) -> tuple[str, str] | None:
    """The move's two halves: the event it refers to, and where it goes."""
    for m in re.finditer(r"\s(?:a|au|to|pour|until|jusqu'a|vers)\s+", folded):
        target = folded[m.end() :]
        if not scan(target, now=now).empty or re.match(
            r"(?:the|l')\s*(?:afternoon|morning)", target
        ):
            return folded[: m.start()], target
    return None


def event_ref_from(f: Facts, now: datetime, tz: ZoneInfo, hint: str | None) -> Json:
    if f.clock:
        day = f.day or now.date()
        return ref_dict(start=at(day, f.clock, tz).isoformat(), title_hint=hint)
    if f.day:
        return ref_dict(date=f.day.isoformat(), title_hint=hint)
    return ref_dict(title_hint=hint)


def relative_anchor(folded: str) -> tuple[int, str, str] | None:
    """``(minutes, "avant"/"apres", rest)`` for "15 minutes avant le comité"."""
    m = _RELATIVE.search(folded)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _SMALL[m.group(1)]
    minutes = n * 60 if m.group(2)[0] == "h" else n
    side = "avant" if m.group(3) in ("avant", "before") else "apres"
    return minutes, side, m.group(4)


def next_day_of_week(day: date, wd: int) -> date:
    return next_weekday(day, wd, strictly=False)
