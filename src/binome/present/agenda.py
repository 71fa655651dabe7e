"""Agenda lines in the reader's language: times in the principal's zone, each remote
participant's local time beside them, and "Occupé"/"Busy" for what the reader may not see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from binome.app.agenda import AgendaListing
from binome.app.views import EventPart
from binome.domain.errors import N_
from binome.domain.timing import zone
from binome.i18n import format_day, format_time, t

BUSY = N_("Busy")
ALL_DAY = N_("all day")


def item_day(item: dict[str, Any]) -> date:
    start = item["start"]
    return date.fromisoformat(start[:10])


def time_range(item: dict[str, Any], lang: str) -> str:
    if item["all_day"]:
        return t(lang, ALL_DAY)
    return f"{_clock(item['start'], lang)}–{_clock(item['end'], lang)}"


@lru_cache(maxsize=4096)
def _clock_of(hh_mm: str, lang: str) -> str:
    # Not strptime: its first call imports _strptime and compiles its regexes (~2-4 ms of
    # a command's start-up), for a fixed "HH:MM".
    return format_time(datetime(1900, 1, 1, int(hh_mm[:2]), int(hh_mm[3:5])), lang)


def _clock(iso: str, lang: str) -> str:
    """The wall time of an ISO 8601 date-time as ``format_time`` writes it; ISO puts the
    hour and minute at fixed places, and a year has only so many distinct times."""
    return _clock_of(iso[11:16], lang)


def title_of(item: dict[str, Any], lang: str) -> str:
    if item.get("masked"):
        return t(lang, BUSY)
    return str(item.get("title") or "")


def remote_note(item: dict[str, Any], lang: str) -> str:
    """``Ann 03 h (New York)``: each remote participant's local start time."""
    parts = []
    for r in item.get("remote") or ():
        local = datetime.fromisoformat(r["local_start"])
        city = r["tz"].rsplit("/", 1)[-1].replace("_", " ")
        first = (r.get("name") or r["email"]).split(" ")[0]
        parts.append(f"{first} {format_time(local, lang)} ({city})")
    return ", ".join(parts)


def agenda_lines(
    items: Sequence[dict[str, Any]], lang: str, *, with_days: bool = True
) -> list[str]:
    """Plain-text lines, grouped by day, from the agenda's views (``agenda_of``)."""
    lines: list[str] = []
    current = ""
    for item in items:
        day = item["start"][:10]
        if with_days and day != current:
            current = day
            lines.append(day_heading(day, lang))
        lines.append(_head(time_range(item, lang)) + _tail(item, lang))
    return lines


def listing_lines(listing: AgendaListing, lang: str) -> list[str]:
    """The same lines from the agenda's listing (``agenda_listing``): a year is ~10^5
    lines and a series repeats one line week after week, so each distinct line (event,
    start and end times) is written once; only remote participants' local times, which
    depend on the date, are added line by line."""
    lines: list[str] = []
    append = lines.append
    current = ""
    made: dict[tuple[int, str, str], str] = {}
    all_day = _head(t(lang, ALL_DAY))
    tz = zone(listing.tz)
    parts = listing.parts
    remote = {i for i, part in parts.items() if part.maybe_remote and part.visible}
    for event_id, start, end in listing.rows:
        day = start[:10]
        if day != current:
            current = day
            append(day_heading(day, lang))
        key = (event_id, start[11:16], end[11:16])  # no times: an all-day occurrence
        line = made.get(key)
        if line is None:
            span = (
                all_day if len(start) == 10 else _head(f"{_clock(start, lang)}–{_clock(end, lang)}")
            )
            line = made[key] = span + _tail(_listed(parts[event_id]), lang)
        if event_id in remote and (note := parts[event_id].remote(start, tz)):
            line = f"{line}  [{remote_note({'remote': note}, lang)}]"
        append(line)
    return lines


def _listed(part: EventPart) -> dict[str, Any]:
    """The fields of ``part`` that a line shows, without its remote participants (they
    depend on the occurrence)."""
    return {**part.base, "remote": None}


def _head(span: str) -> str:
    """``"  14 h–15 h 30     "``: a line's time range (or "all day"), padded to where the
    title (or "Busy"), place and remote participants begin (``_tail``)."""
    return f"  {span:<15} "


def _tail(item: dict[str, Any], lang: str) -> str:
    text = title_of(item, lang)
    if not item.get("masked"):
        if item.get("location"):
            text += f" · {item['location']}"
        if item.get("remote"):
            text += f"  [{remote_note(item, lang)}]"
    return text


def day_heading(day: str, lang: str) -> str:
    """``Jeudi 26 novembre`` for an ISO date (not str.capitalize: "November")."""
    words = format_day(date.fromisoformat(day), lang)
    return words[:1].upper() + words[1:]
