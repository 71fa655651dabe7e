"""Time language: days, weeks, dayparts, clock times, durations, deadlines, recurrence.

``scan`` reads one folded phrase and returns ``Facts`` (see ``facts``) — still relative
(a date, a daypart, a clock time, a week range). Turning facts into instants is left to
``resolve`` helpers because the same words resolve differently by intent (SCHEMA.md
"Resolution conventions": "next week" is Mon–Sat for scheduling, Mon–Mon for "how busy").
Each pattern consumes its span (``blank``) so later, looser patterns cannot re-read it;
patterns run from the most specific to the loosest.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from binome.engine.understand.clock import read_clock, read_durations
from binome.engine.understand.facts import (
    MONTHS,
    NUM,
    WEEKDAYS,
    Facts,
    consume,
    last_working_day,
    next_day_of_month,
    next_weekday,
    number,
    upcoming,
    week_monday,
)
from binome.engine.understand.normalize import blank

_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = NUM
_DAYPART_WORDS: tuple[tuple[str, str], ...] = (
    (r"fin de (?:la )?matinee|late morning", "late_morning"),
    (r"fin d'apres-midi|fin de l'apres-midi|late afternoon", "late_afternoon"),
    (r"apres-midi|apres midi|afternoons?|aprem", "afternoon"),
    (r"matinee|matin|mornings?", "morning"),
    (r"soiree|soir|evenings?|tonight|verre|diner|dinner|drinks?|apero", "evening"),
    (r"dejeuner|lunch", "lunch"),
)
ZONES = {
    "new york": "America/New_York",
    "tokyo": "Asia/Tokyo",
    "londres": "Europe/London",
    "london": "Europe/London",
    "san francisco": "America/Los_Angeles",
    "los angeles": "America/Los_Angeles",
    "singapour": "Asia/Singapore",
    "singapore": "Asia/Singapore",
    "montreal": "America/Toronto",
    "toronto": "America/Toronto",
    "chicago": "America/Chicago",
    "berlin": "Europe/Berlin",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "bruxelles": "Europe/Brussels",
    "brussels": "Europe/Brussels",
    "geneve": "Europe/Zurich",
    "geneva": "Europe/Zurich",
    "zurich": "Europe/Zurich",
    "dubai": "Asia/Dubai",
    "mumbai": "Asia/Kolkata",
    "hong kong": "Asia/Hong_Kong",
    "shanghai": "Asia/Shanghai",
    "pekin": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "sydney": "Australia/Sydney",
    "sao paulo": "America/Sao_Paulo",
}
_ZONE = "|".join(ZONES)
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def scan(text: str, *, now: datetime, base_day: date | None = None) -> Facts:
    """The time facts of one folded phrase; ``base_day`` anchors "la semaine suivante"."""
    f = Facts()
    today = now.date()
    text = _zone_and_recurrence(text, f)
    text = _explicit_dates(text, f, today)
    text = _spans(text, f, today, base_day)
    text = _relative(text, f, today)
    text = _weekdays(text, f, today)
    text = _dayparts(text, f)
    text = read_clock(text, f)
    read_durations(text, f)
    return f


def _zone_and_recurrence(text: str, f: Facts) -> str:
    m, text = consume(rf"\b(?:heure de|heure d')\s*({_ZONE})\b|\b({_ZONE}) time\b", text)
    if m:
        f.zone = ZONES[m.group(1) or m.group(2)]
    m, text = consume(r"\bmeme heure\b|\bsame time\b|\bkeep(?:ing)? the time\b", text)
    f.keep_time = m is not None
    plural = rf"(?:tous les|chaque|every|each|on)\s+((?:{_WD})s?(?:\s*(?:,|et|and)\s*(?:{_WD})s?)*)"
    m = re.search(plural, text)
    if m and (not m.group(0).startswith("on") or m.group(1).endswith("s")):
        days = sorted(
            {
                WEEKDAYS[w.rstrip("s") if w.rstrip("s") in WEEKDAYS else w]
                for w in re.findall(rf"{_WD}", m.group(1))
            }
        )
        f.weekdays = tuple(days)
        f.recurrence = "FREQ=WEEKLY;BYDAY=" + ",".join(_BYDAY[d] for d in days)
        return blank(text, m.start(), m.end())
    m, text = consume(r"\b(?:tous les jours|chaque jour|every day|daily)\b", text)
    if m:
        f.recurrence = "FREQ=DAILY"
    m, text = consume(r"\b(?:toutes les semaines|chaque semaine|every week|weekly)\b", text)
    if m:
        f.recurrence = "FREQ=WEEKLY"
    return text


def _explicit_dates(text: str, f: Facts, today: date) -> str:
    day_first = rf"\b(?:(?:{_WD})\s+)?(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MO})\b\.?"
    month_first = (
        rf"\b(?:(?:{_WD}),?\s+)?({_MO})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:h\b|:))"
    )
    m = re.search(r"\bweek of\s+|\b(?:la )?semaine du\s+", text)
    for pattern, dm in ((day_first, (2, 1)), (month_first, (1, 2))):
        found = re.search(pattern, text)
        if found:
            mo, dd = found.group(dm[0]), found.group(dm[1])
            day = upcoming(today, MONTHS[mo], int(dd))
            if day is not None:
                if m and m.end() == found.start():
                    monday = week_monday(day)
                    f.span, f.span_kind = (monday, monday + timedelta(days=5)), "week_of"
                    return blank(text, m.start(), found.end())
                f.day, f.day_kind = day, "explicit"
                return blank(text, found.start(), found.end())
    m, text = consume(r"\bnoel\b|\bchristmas\b", text)
    if m:
        f.day, f.day_kind = upcoming(today, 12, 25), "explicit"
    return text


def _spans(text: str, f: Facts, today: date, base_day: date | None) -> str:
    monday = week_monday(today)
    nxt = monday + timedelta(days=7)
    rules: tuple[tuple[str, str], ...] = (
        (r"\b(?:debut de (?:la )?semaine prochaine|early next week)\b", "early_next_week"),
        (r"\b(?:la )?semaine (?:prochaine|d'apres)\b|\bnext week\b", "next_week"),
        (r"\b(?:la )?semaine suivante\b|\bthe following week\b|\bthe week after\b", "following"),
        (r"\b(?:la )?fin de (?:la )?semaine\b|\bend of (?:the )?week\b", "week_end"),
        (r"\bcette semaine\b|\bthis week\b", "this_week"),
        (r"\bfin du mois\b|\bend of (?:the )?month\b", "month_end"),
        (r"\bdans le mois\b|\bwithin (?:the|a) month\b|\bthis month\b|\bce mois-ci\b", "month"),
    )
    for pattern, kind in rules:
        m, text = consume(pattern, text)
        if not m:
            continue
        if kind == "early_next_week":
            f.span = (nxt, nxt + timedelta(days=2))
        elif kind == "next_week":
            f.span = (nxt, nxt + timedelta(days=5))
        elif kind == "following":
            anchor = week_monday(base_day) + timedelta(days=7) if base_day else nxt
            f.span = (anchor, anchor + timedelta(days=5))
        elif kind == "week_end":
            f.week_end = True
            f.day = monday + timedelta(days=4)
            continue
        elif kind == "this_week":
            f.span = (today, monday + timedelta(days=5))
        elif kind == "month_end":
            f.month_end = True
            f.day = last_working_day(today.year, today.month)
            continue
        elif kind == "month":
            f.span = (today, today + timedelta(days=31))
        f.span_kind = kind
    m, text = consume(rf"\b(debut|mi|fin|early|mid|late)[- ]({_MO})\b", text)
    if m:
        month = MONTHS[m.group(2)]
        first = upcoming(today, month, 1) or today
        first = first if first.month == month else date(today.year, month, 1)
        last = last_working_day(first.year, month).replace(day=1) + timedelta(days=31)
        last = last.replace(day=1)
        bounds = {"debut": (1, 11), "early": (1, 11), "mi": (11, 21), "mid": (11, 21)}
        lo, hi = bounds.get(m.group(1), (21, 0))
        end = first.replace(day=hi) if hi else last
        f.span, f.span_kind = (first.replace(day=lo), end), "month_part"
    return text


def _relative(text: str, f: Facts, today: date) -> str:
    m, text = consume(rf"\b(?:dans|in)\s+({_NUM}|quinze)\s+(jours?|days?|semaines?|weeks?)\b", text)
    if m:
        n = 15 if m.group(1) == "quinze" else number(m.group(1))
        days = n * 7 if m.group(2)[0] in "sw" else n
        days = 14 if m.group(1) == "quinze" and m.group(2)[0] == "j" else days
        f.day, f.day_kind = today + timedelta(days=days), "relative"
    m, text = consume(
        rf"\b(?:dans|in)\s+({_NUM}|une demi|half an?)\s*(heures?|hours?|h|minutes?|mins?)\b", text
    )
    if m:
        unit = 60 if m.group(2)[0] == "h" else 1
        amount = 30 if m.group(1) in ("une demi", "half a", "half an") else number(m.group(1))
        f.offset = timedelta(minutes=amount * (unit if "demi" not in m.group(1) else 1))
    for pattern, delta, kind in (
        (
            r"\bapres-demain\b|\bapres demain\b|\bthe day after tomorrow\b|\bday after tomorrow\b",
            2,
            "relative",
        ),
        (r"\bdemain\b|\btomorrow(?:'s)?\b", 1, "relative"),
        (
            (
                r"\baujourd'hui\b|\btoday(?:'s)?\b|\bce soir\b|\btonight\b|\bce matin\b"
                r"|\bcet apres-midi\b|\bthis (?:morning|afternoon|evening)\b"
            ),
            0,
            "today",
        ),
    ):
        m = re.search(pattern, text)
        if m:
            f.day, f.day_kind = today + timedelta(days=delta), kind
            keep_daypart = re.sub(r"^(?:ce|cet|this)\s+", "", m.group(0))
            if keep_daypart != m.group(0):
                text = blank(text, m.start(), m.start() + len(m.group(0)) - len(keep_daypart))
            else:
                text = blank(text, m.start(), m.end())
            break
    return text


def _weekdays(text: str, f: Facts, today: date) -> str:
    pattern = (
        rf"\b(?:(ce|cette|this|on|le)\s+)?(next\s+)?({_WD})(?:'s)?\b"
        r"(?:\s+(prochain|en huit|en quinze))?"
    )
    m = re.search(pattern, text)
    if not m:
        m2, text = consume(
            r"\b(?:le|the|on the)\s+(\d{1,2})(?:er|st|nd|rd|th)?\b"
            r"(?!\s*(?:h\b|:|min|heure|hour|jour|day|pm|am))",
            text,
        )
        if m2 and 1 <= int(m2.group(1)) <= 31:
            f.day, f.day_kind = next_day_of_month(today, int(m2.group(1))), "explicit"
        return text
    wd = WEEKDAYS[m.group(3)]
    this, nxt, suffix = m.group(1), m.group(2), m.group(4)
    if suffix == "en huit":
        f.day = next_weekday(today + timedelta(days=7), wd, strictly=False)
    elif suffix == "en quinze":
        f.day = next_weekday(today + timedelta(days=14), wd, strictly=False)
    elif suffix == "prochain" or nxt:
        f.day = week_monday(today) + timedelta(days=7 + wd)
        if wd > today.weekday():
            f.next_ambiguous = (today + timedelta(days=wd - today.weekday()), f.day)
    elif this in ("ce", "cette", "this"):
        f.day = next_weekday(today, wd, strictly=False)
    else:
        f.day = next_weekday(today, wd)
        if wd == today.weekday():
            f.notes.append("same_weekday")
    f.day_kind = "weekday"
    return blank(text, m.start(), m.end())


def _dayparts(text: str, f: Facts) -> str:
    m, text = consume(r"\b(?:right )?after lunch\b|\bapres (?:le )?dejeuner\b", text)
    if m:
        f.after_lunch = True
    m, text = consume(r"\b(?:en )?fin de journee\b|\bend of (?:the )?day\b|\beod\b|\bcob\b", text)
    if m:
        f.eod = True
    for pattern, part in _DAYPART_WORDS:
        m = re.search(rf"(?:\b(whole|entiere|toute|la|l')\s*(?:of\s+)?)?\b(?:{pattern})\b", text)
        if m:
            f.daypart = part
            f.whole_daypart = m.group(1) is not None or bool(
                re.search(r"\bwhole\b|\btoute\b", text)
            )
            text = blank(text, m.start(), m.end())
            break
    return text
