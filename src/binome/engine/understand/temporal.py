"""Time language: days, weeks, dayparts, clock times, durations, deadlines, recurrence.

``scan`` reads one folded phrase and returns ``Facts`` — what was said, still relative
(a date, a daypart, a clock time, a week range). Turning facts into instants is left to
``resolve`` helpers because the same words resolve differently by intent (SCHEMA.md
"Resolution conventions": "next week" is Mon–Sat for scheduling, Mon–Mon for "how busy").
Each pattern consumes its span (``blank``) so later, looser patterns cannot re-read it;
patterns run from the most specific to the loosest.
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
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True))

#: SCHEMA.md dayparts, [start hour, end hour).
DAYPARTS: dict[str, tuple[int, int]] = {
    "morning": (8, 12),
    "late_morning": (10, 12),
    "lunch": (12, 14),
    "afternoon": (14, 18),
    "late_afternoon": (16, 18),
    "evening": (18, 22),
}
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
}
_ZONE = "|".join(ZONES)
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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


def _sub(pattern: str, text: str) -> tuple[re.Match[str] | None, str]:
    m = re.search(pattern, text)
    if m:
        text = blank(text, m.start(), m.end())
    return m, text


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
    text = _clock(text, f)
    _durations(text, f)
    return f


def _zone_and_recurrence(text: str, f: Facts) -> str:
    m, text = _sub(rf"\b(?:heure de|heure d')\s*({_ZONE})\b|\b({_ZONE}) time\b", text)
    if m:
        f.zone = ZONES[m.group(1) or m.group(2)]
    m, text = _sub(r"\bmeme heure\b|\bsame time\b|\bkeep(?:ing)? the time\b", text)
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
    m, text = _sub(r"\b(?:tous les jours|chaque jour|every day|daily)\b", text)
    if m:
        f.recurrence = "FREQ=DAILY"
    m, text = _sub(r"\b(?:toutes les semaines|chaque semaine|every week|weekly)\b", text)
    if m:
        f.recurrence = "FREQ=WEEKLY"
    return text


def _explicit_dates(text: str, f: Facts, today: date) -> str:
    day_first = rf"\b(?:(?:{_WD})\s+)?(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MO})\b\.?"
    month_first = (
        rf"\b(?:(?:{_WD}),?\s+)?({_MO})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:h\b|:))"
    )
    m = re.search(r"\bweek of\s+", text)
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
    m, text = _sub(r"\bnoel\b|\bchristmas\b", text)
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
        m, text = _sub(pattern, text)
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
    m, text = _sub(rf"\b(debut|mi|fin|early|mid|late)[- ]({_MO})\b", text)
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
    m, text = _sub(rf"\b(?:dans|in)\s+({_NUM}|quinze)\s+(jours?|days?|semaines?|weeks?)\b", text)
    if m:
        n = 15 if m.group(1) == "quinze" else number(m.group(1))
        days = n * 7 if m.group(2)[0] in "sw" else n
        days = 14 if m.group(1) == "quinze" and m.group(2)[0] == "j" else days
        f.day, f.day_kind = today + timedelta(days=days), "relative"
    m, text = _sub(
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
        m2, text = _sub(
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
    m, text = _sub(r"\b(?:right )?after lunch\b|\bapres (?:le )?dejeuner\b", text)
    if m:
        f.after_lunch = True
    m, text = _sub(r"\b(?:en )?fin de journee\b|\bend of (?:the )?day\b|\beod\b|\bcob\b", text)
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


_T = r"(\d{1,2})(?:\s*(?:h|:)\s*(\d{2})?|\s*(am|pm|a\.m\.|p\.m\.))"


def _clock_value(
    hour: str, minute: str | None, ampm: str | None, sep: str, lang_en: bool
) -> time | None:
    h, mi = int(hour), int(minute or 0)
    if ampm and ampm.startswith("p") and h < 12:
        h += 12
    if ampm and ampm.startswith("a") and h == 12:
        h = 0
    if not ampm and sep != "h" and lang_en and 1 <= h <= 7:
        h += 12  # "at 4", "4:30": office hours, not 04:00
    if h > 23 or mi > 59:
        return None
    return time(h, mi)


def _one_time(raw: str) -> time | None:
    raw = raw.strip()
    if raw in ("midi", "noon"):
        return time(12)
    if raw in ("minuit", "midnight"):
        return time(0)
    m = re.fullmatch(r"(\d{1,2})\s*(h|:)?\s*(\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?", raw)
    if not m:
        return None
    return _clock_value(m.group(1), m.group(3), m.group(4), m.group(2) or "", m.group(2) != "h")


_CLOCK = (
    r"(?:\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?:\s*(?:am|pm))?|\d{1,2}\s*(?:am|pm)|midi|noon|\d{1,2})"
)


def _clock(text: str, f: Facts) -> str:
    rng = (
        rf"\b(de|des|from|entre|between)\s+({_CLOCK})\s*(?:a|à|to|et|and|-|jusqu'a|until)\s+"
        rf"({_CLOCK})(?!\s*(?:min|jours?|days?|heures|hours))"
    )
    m = re.search(rng, text)
    if m:
        a, b = _one_time(m.group(2)), _one_time(m.group(3))
        if a and b:
            if b <= a and b.hour + 12 < 24 and not re.search(r"h", m.group(3)):
                b = time(b.hour + 12, b.minute)
            f.clock, f.clock_end, f.between = a, b, m.group(1) in ("entre", "between")
            return blank(text, m.start(), m.end())
    m, text = _sub(r"\b(?:a |at |vers |around )?(midi|noon|minuit|midnight)\b", text)
    if m:
        f.clock = _one_time(m.group(1))
        return text
    explicit = r"\b(\d{1,2})\s*(?:(h)\s*(\d{2})?|(:)\s*(\d{2})|(am|pm|a\.m\.|p\.m\.))(?![\w])"
    for m in re.finditer(explicit, text):
        minute = m.group(3) or m.group(5)
        if m.group(2) and _is_duration_h(text, m.start(), int(m.group(1)), bool(minute)):
            continue
        sep = "h" if m.group(2) else (":" if m.group(4) else "")
        f.clock = _clock_value(m.group(1), minute, m.group(6), sep, sep != "h")
        return blank(text, m.start(), m.end())
    m, text = _sub(
        r"\b(?:at|from|to|a)\s+(\d{1,2})\b(?![\s-]*(?:min|heure|hour|jour|day|semaine|week|%|personnes?|people))",
        text,
    )
    if m:
        f.clock = _clock_value(m.group(1), None, None, "", True)
    return text


def _is_duration_h(text: str, start: int, hour: int, minutes: bool) -> bool:
    """Whether "2h" / "1h30" is a length, not a clock time: no "à"/"vers" before, early hour."""
    before = text[:start].rstrip().rsplit(" ", 1)[-1] if text[:start].strip() else ""
    if before in ("a", "vers", "jusqu'a", "entre", "et", "avant", "apres", "d'ici"):
        return False
    if hour < 6 and before in ("de", "d'", "pendant", "pour", ""):
        return before != "" or not minutes
    if minutes:
        return False
    return before != "" and before not in (
        "a",
        "de",
        "des",
        "vers",
        "entre",
        "et",
        "jusqu'a",
        "avant",
        "apres",
        "pour",
        "d'ici",
        "le",
    )


_DUR = (
    (r"\bune heure et quart\b|\ban hour and a quarter\b", 75),
    (r"\bune heure et demie\b|\ban hour and a half\b|\bone and a half hours?\b", 90),
    (r"\b(?:une )?demi-heure\b|\bhalf an hour\b|\bhalf-hour\b", 30),
    (r"\bun quart d'heure\b|\ba quarter of an hour\b|\bquarter of an hour\b", 15),
)


def _durations(text: str, f: Facts) -> None:
    for pattern, minutes in _DUR:
        if re.search(pattern, text):
            f.duration = minutes
            return
    m = re.search(r"\b(\d{1,2})\s*h\s*(\d{2})\b", text)
    if m:
        f.duration = int(m.group(1)) * 60 + int(m.group(2))
        return
    m = re.search(
        r"\b(?:an?|une?|d'une)\s+(?:free\s+|full\s+|good\s+|petite\s+)?(?:hour|heure)\b", text
    )
    if m:
        f.duration = 60
        return
    unit = r"(heures?|hours?|hrs?|h|minutes?|mins?|min)"
    m = re.search(rf"\b({_NUM})[\s-]*{unit}(?![\w])", text)
    if m:
        scale = 60 if m.group(2)[0] == "h" else 1
        f.duration = number(m.group(1)) * scale


def duration_minutes(phrase: str) -> int | None:
    """Minutes in a duration phrase alone: ``1h30`` → 90, ``une demi-heure`` → 30."""
    f = Facts()
    _durations(phrase, f)
    return f.duration
