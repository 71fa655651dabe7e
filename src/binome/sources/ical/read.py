"""Read an .ics file into binome values: events, tasks, and what was skipped and why.

The reader is the one boundary where icalendar, x-wr-timezone, dateutil and zoneinfo
exceptions and warnings are translated into binome's own (``ParseError`` with
``where="file:line"``, or a warning ``Message``). Order of work:

1. ``limits.scan``: size, binary bytes, UTF-8, line length, BEGIN/END balance and depth,
   refused before icalendar sees a byte (SECURITY.md row 30);
2. icalendar parses the whole file; if it refuses (a broken VTIMEZONE, an impossible date
   in a VFREEBUSY), each top-level component is parsed on its own so one bad component
   costs only itself (row 31: "valid items kept, nothing dropped silently");
3. X-WR-TIMEZONE calendars (Google) are normalised with ``x_wr_timezone``;
4. each VEVENT/VTODO becomes a value (``convert``); a failure becomes a ``Skip``.

Duplicate ``(UID, RECURRENCE-ID)`` keep the highest SEQUENCE, then the latest
LAST-MODIFIED, then the last in the file (RFC 5546 §2.1.5; SECURITY.md row 33).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import icalendar
import x_wr_timezone
from icalendar.cal.component import Component

from binome.domain.errors import N_, InvalidInput, ParseError
from binome.domain.text import Message
from binome.domain.timing import UTC, zone
from binome.sources.ical.convert import ParsedEvent, check_errors, to_event
from binome.sources.ical.limits import Limits, scan
from binome.sources.ical.todo import ParsedTask, to_task
from binome.sources.ical.zones import ZoneResolver

__all__ = ["ParsedCalendar", "ParsedEvent", "ParsedTask", "Skip", "read_calendar"]

# What icalendar, dateutil and zoneinfo raise on bad input (translated here, once).
_LIBRARY_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    AttributeError,
    InvalidInput,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip:
    """A component left out: its UID if known, its first line, and why."""

    uid: str | None
    line: int
    reason: ParseError


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedCalendar:
    events: list[ParsedEvent] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    calendar_name: str | None = None
    x_wr_timezone: str | None = None


def read_calendar(
    data: bytes, *, name: str, default_tz: str, limits: Limits | None = None
) -> ParsedCalendar:
    """Parse ``data`` (an .ics file called ``name``). ``ParseError`` if the whole file is
    refused; otherwise per-component problems are in ``skipped`` and ``warnings``."""
    limits = limits or Limits()
    tz = zone(default_tz)
    checked = scan(data, name=name, limits=limits)
    notes = list(checked.warnings)
    started = time.monotonic()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, offset = _wrapped(checked.text)
        blocks = list(_components(text, offset, checked.component_lines, name, notes))
    for warning in caught:
        _note(notes, name, 1, str(warning.message))
    result = ParsedCalendar(warnings=notes)
    zones = ZoneResolver(name=name, default=tz, warnings=notes)
    chosen: dict[tuple[str, Any], ParsedEvent] = {}
    for comp, line, meta in blocks:
        if time.monotonic() - started > limits.parse_seconds:
            raise ParseError(
                N_("Reading took too long (limit {limit} s)."),
                where=f"{name}:{line}",
                limit=limits.parse_seconds,
            )
        object.__setattr__(result, "calendar_name", result.calendar_name or meta.get("name"))
        object.__setattr__(result, "x_wr_timezone", result.x_wr_timezone or meta.get("xwr"))
        if isinstance(comp, ParseError):
            result.skipped.append(Skip(uid=None, line=line, reason=comp))
            continue
        _read_one(comp, line, name, zones, result, chosen)
    result.events.extend(chosen.values())
    result.events.sort(key=lambda p: p.line)
    return result


def _read_one(
    comp: Component,
    line: int,
    name: str,
    zones: ZoneResolver,
    result: ParsedCalendar,
    chosen: dict[tuple[str, Any], ParsedEvent],
) -> None:
    where = f"{name}:{line}"
    uid = str(comp.get("UID")) if comp.get("UID") is not None else None
    problems: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            check_errors(comp, where, problems)
            if comp.name == "VTODO":
                result.tasks.append(to_task(comp, zones=zones, where=where, line=line))
            else:
                for parsed in to_event(
                    comp,
                    calendar=result.calendar_name or "default",
                    zones=zones,
                    where=where,
                    line=line,
                ):
                    _keep(parsed, chosen, result.warnings, where)
    except ParseError as exc:
        result.skipped.append(Skip(uid=uid, line=line, reason=exc))
        return
    except _LIBRARY_ERRORS as exc:
        reason = ParseError(
            N_("unreadable {kind}: {problem}"), where=where, kind=comp.name, problem=_short(exc)
        )
        result.skipped.append(Skip(uid=uid, line=line, reason=reason))
        return
    for problem in problems + [str(w.message) for w in caught]:
        _note(result.warnings, name, line, problem)


def _keep(
    parsed: ParsedEvent,
    chosen: dict[tuple[str, Any], ParsedEvent],
    notes: list[Message],
    where: str,
) -> None:
    key = (parsed.uid, parsed.recurrence_id)
    old = chosen.get(key)
    if old is not None:
        notes.append(
            Message.of(
                N_("{where}: duplicate UID {uid}; the newest version is kept."),
                where=where,
                uid=parsed.uid[:80],
            )
        )
        if _rank(old) > _rank(parsed):
            return
    chosen[key] = parsed


def _rank(parsed: ParsedEvent) -> tuple[int, datetime]:
    modified = parsed.last_modified
    if modified is None or modified.tzinfo is None:
        modified = datetime.min.replace(tzinfo=UTC)
    return parsed.sequence, modified


def _note(notes: list[Message], name: str, line: int, problem: str) -> None:
    message = Message.of(N_("{where}: {problem}"), where=f"{name}:{line}", problem=problem[:200])
    if message not in notes:
        notes.append(message)


def _short(exc: BaseException) -> str:
    text = exc.english() if isinstance(exc, InvalidInput) else str(exc)
    return (text.splitlines() or [type(exc).__name__])[0][:160]


Block = tuple[Component | ParseError, int, dict[str, str]]


def _wrapped(text: str) -> tuple[str, int]:
    """Bare VEVENT/VTODO files (exported snippets, test corpora) wrapped in a VCALENDAR;
    the offset maps our line numbers back to the file's."""
    if text[:15].upper().startswith("BEGIN:VCALENDAR"):
        return text, 0
    return "BEGIN:VCALENDAR\r\n" + text.rstrip("\r\n") + "\r\nEND:VCALENDAR\r\n", 1


def _components(
    text: str, offset: int, lines: dict[str, list[int]], name: str, notes: list[Message]
) -> Iterator[Block]:
    """Each VEVENT/VTODO with its line and its calendar's name and X-WR-TIMEZONE."""
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except _LIBRARY_ERRORS as exc:
        _note(notes, name, 1, _short(exc))
        yield from _one_by_one(text, offset, name, notes)
        return
    seen: dict[str, int] = {}
    for calendar in calendars:
        cal, meta = _standardise(calendar, name, notes)
        for comp in cal.walk():
            kind = str(comp.name)
            index = seen.get(kind, 0)
            seen[kind] = index + 1
            if kind in ("VEVENT", "VTODO"):
                found = lines.get(kind, [])
                yield comp, found[index] if index < len(found) else 1, meta


def _standardise(
    cal: Component, name: str, notes: list[Message]
) -> tuple[Component, dict[str, str]]:
    meta = {
        k: str(cal[p])
        for k, p in (("name", "X-WR-CALNAME"), ("xwr", "X-WR-TIMEZONE"))
        if cal.get(p) is not None
    }
    if "xwr" in meta:
        try:
            cal = x_wr_timezone.to_standard(cal)
        except Exception as exc:  # noqa: BLE001 - x_wr_timezone raises its own types
            _note(notes, name, 1, f"X-WR-TIMEZONE {meta['xwr'][:40]}: {_short(exc)}")
    return cal, meta


def _one_by_one(text: str, offset: int, name: str, notes: list[Message]) -> Iterator[Block]:
    """Fallback: parse each top-level component alone, with the file's usable VTIMEZONEs."""
    header: list[str] = []
    zones: list[str] = []
    children: list[tuple[int, str, list[str]]] = []
    depth = 0
    current: tuple[int, str, list[str]] | None = None
    for number, raw in enumerate(text.split("\n"), start=1 - offset):
        line = raw.rstrip("\r")
        upper = line[:10].upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            if depth == 2:
                current = (number, line[6:].strip().upper(), [])
                children.append(current)
        if current is not None:
            current[2].append(line)
        elif depth == 1 and not upper.startswith(("BEGIN:", "END:")):
            header.append(line)
        if upper.startswith("END:"):
            if depth == 2:
                current = None
            depth -= 1
    meta: dict[str, str] = {}
    wrap = ["BEGIN:VCALENDAR", *header]
    for number, kind, body in children:
        if kind == "VTIMEZONE":
            try:
                icalendar.Calendar.from_ical("\r\n".join([*wrap, *body, "END:VCALENDAR"]))
                zones.extend(body)
            except _LIBRARY_ERRORS as exc:
                _note(notes, name, number, f"VTIMEZONE ignored: {_short(exc)}")
    for number, kind, body in children:
        if kind not in ("VEVENT", "VTODO"):
            continue
        try:
            whole = "\r\n".join([*wrap, *zones, *body, "END:VCALENDAR"])
            cal, meta = _standardise(icalendar.Calendar.from_ical(whole), name, notes)
            found = [c for c in cal.walk() if c.name == kind]
            if not found:
                raise ValueError("empty component")
            yield found[0], number, meta
        except _LIBRARY_ERRORS as exc:
            yield (
                ParseError(
                    N_("unreadable {kind}: {problem}"),
                    where=f"{name}:{number}",
                    kind=kind,
                    problem=_short(exc),
                ),
                number,
                meta,
            )
