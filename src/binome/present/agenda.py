"""Agenda lines in the reader's language: times in the principal's zone, each remote
participant's local time beside them, and "Occupé"/"Busy" for what the reader may not see."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from binome.domain.errors import N_
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
    return format_time(datetime.strptime(hh_mm, "%H:%M"), lang)


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
    """Plain-text lines, grouped by day."""
    lines: list[str] = []
    current = ""
    for item in items:
        day = item["start"][:10]
        if with_days and day != current:
            current = day
            words = format_day(date.fromisoformat(day), lang)  # not str.capitalize: "November"
            lines.append(words[:1].upper() + words[1:])
        text = f"  {time_range(item, lang):<15} {title_of(item, lang)}"
        if not item.get("masked"):
            if item.get("location"):
                text += f" · {item['location']}"
            if item.get("remote"):
                text += f"  [{remote_note(item, lang)}]"
        lines.append(text)
    return lines
