"""Simple period phrases ("next week", "demain", "dans deux semaines") as spans of time.

``binome slots --within TEXT`` takes the words a director or an assistant would say. Each
phrase is resolved in the principal's zone relative to ``now`` (a parameter, never the
system clock), and gives a half-open UTC ``Span`` starting and ending at local midnights,
except the periods that contain ``now`` (today, this week, the next N days) which start at
``now`` itself: nobody books in the past.

Weeks are ISO weeks (Monday to Sunday). Phrases understood, in English and French:

| phrase                                       | period                                    |
|----------------------------------------------|-------------------------------------------|
| today, aujourd'hui                           | now → tonight midnight                    |
| tomorrow, demain                             | tomorrow 00:00 → 24:00                    |
| day after tomorrow, après-demain             | that day                                  |
| this week, cette semaine                     | now → next Monday 00:00                   |
| next week, la semaine prochaine              | next Monday → the Monday after            |
| in N weeks, dans N semaines                  | the week starting on the Nth Monday ahead |
| next N days/weeks, within N days/weeks,      | now → the end of the Nth day after today  |
| les N prochains jours, d'ici N jours/semaines|                                           |

N is a number or a small number word (one..ten, un..dix). Midnights are resolved with the
RFC 5545 §3.3.5 rules (``local_to_utc``), so a DST change inside the period is exact.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from binome.domain.errors import N_, InvalidInput
from binome.domain.timing import Span, local_to_utc, zone

__all__ = ["PHRASES_HELP", "resolve_within"]

PHRASES_HELP = (
    "today, tomorrow, this week, next week, in two weeks, next 10 days, "
    "aujourd'hui, demain, cette semaine, la semaine prochaine, dans deux semaines"
)

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "a": 1,
}  # fmt: skip
_NUMBER = r"(\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(days?|weeks?|jours?|semaines?)"
_SINGLE_DAYS = {
    "today": 0, "aujourd'hui": 0, "aujourdhui": 0, "tomorrow": 1, "demain": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "apres-demain": 2, "apres demain": 2,
}  # fmt: skip
_THIS_WEEK = {"this week", "cette semaine", "week", "semaine"}
_NEXT_WEEK = {"next week", "la semaine prochaine", "semaine prochaine"}
_WEEKS_AHEAD = re.compile(rf"(?:in|dans) {_NUMBER} (?:weeks?|semaines?)")
_RUN_AHEAD = re.compile(
    rf"(?:(?:the )?next|within|d'ici|les|dans les) {_NUMBER} (?:prochains? |prochaines? )?{_UNIT}"
)


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces, typographic apostrophes made straight."""
    folded = unicodedata.normalize("NFKD", text.replace("’", "'").strip().lower())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _WORDS[token]


def _midnight(day: date, tz_name: str) -> datetime:
    return local_to_utc(datetime.combine(day, time(0)), zone(tz_name))


def resolve_within(text: str, now: datetime, tz: str) -> Span:
    """The period ``text`` names, in zone ``tz``, relative to ``now`` (see the table above)."""
    phrase = _plain(text)
    today = now.astimezone(zone(tz)).date()
    monday = today - timedelta(days=today.weekday())
    if phrase in _SINGLE_DAYS:
        first = today + timedelta(days=_SINGLE_DAYS[phrase])
        start = max(now, _midnight(first, tz))
        return Span(start, _midnight(first + timedelta(days=1), tz))
    if phrase in _THIS_WEEK:
        return Span(now, _midnight(monday + timedelta(days=7), tz))
    if phrase in _NEXT_WEEK:
        return _week(monday + timedelta(days=7), tz)
    match = _WEEKS_AHEAD.fullmatch(phrase)
    if match:
        weeks = _number(match[1])
        if 1 <= weeks <= 52:
            return _week(monday + timedelta(days=7 * weeks), tz)
    match = _RUN_AHEAD.fullmatch(phrase)
    if match:
        count = _number(match[1])
        days = count * 7 if match[2].startswith(("week", "semaine")) else count
        if 1 <= days <= 366:
            return Span(now, _midnight(today + timedelta(days=days + 1), tz))
    raise InvalidInput(
        N_("Unknown period: {value} (try {examples})."),
        field="within",
        value=text,
        examples=PHRASES_HELP,
    )


def _week(monday: date, tz: str) -> Span:
    return Span(_midnight(monday, tz), _midnight(monday + timedelta(days=7), tz))
