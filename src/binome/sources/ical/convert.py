"""One VEVENT → binome ``Event`` values (``ParsedEvent``); VTODOs are in ``todo``.

Every RFC 5545 rule or client quirk this module applies is cited where it is applied.
Problems that make a component unusable raise ``ParseError`` (the reader turns it into a
``Skip`` naming the file and line); problems that lose only a detail become warnings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar.cal.component import Component

from binome.domain.errors import N_, InvalidInput, ParseError
from binome.domain.model import (
    Attendee,
    Classification,
    Event,
    EventStatus,
    Recurrence,
)
from binome.domain.rrule_text import parse_rule
from binome.domain.timing import UTC, AllDay, Floating, Timed, Timing
from binome.sources.ical.zones import ZoneResolver

__all__ = ["ParsedEvent", "check_errors", "digest", "to_event"]

_CONFERENCE = re.compile(
    r"https://(?:meet\.google\.com|[\w.-]*zoom\.us|teams\.microsoft\.com|teams\.live\.com"
    r"|[\w.-]*webex\.com)/[^\s<>\"']+",
    re.IGNORECASE,
)
_CONFERENCE_PROPS = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-ONLINEMEETINGURL",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
)
_ESSENTIAL = {"DTSTART", "DTEND", "DURATION", "DUE", "RRULE", "RECURRENCE-ID", "UID"}
NO_END = timedelta(minutes=1)
_STATUSES = {s.value for s in EventStatus}


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedEvent:
    """An event as read: ``event`` (id 0) keyed for upsert by ``(uid, recurrence_id)``."""

    event: Event
    uid: str
    recurrence_id: datetime | date | None
    line: int
    sequence: int
    last_modified: datetime | None
    content_hash: str
    organizer_name: str | None = None  # ORGANIZER's CN (RFC 5545 §3.2.2), for new people


def fail(where: str, msgid: str, **params: Any) -> ParseError:
    return ParseError(msgid, where=where, **params)


def text_of(comp: Component, name: str) -> str | None:
    value = comp.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0]
    text = str(value).strip()
    return text or None


def check_errors(comp: Component, where: str, warnings: list[str]) -> None:
    """icalendar keeps broken properties in ``comp.errors``: fatal if essential."""
    for prop, problem in comp.errors:
        if prop in _ESSENTIAL:
            raise fail(
                where, N_("invalid {prop}: {problem}"), prop=prop, problem=str(problem)[:120]
            )
        warnings.append(f"{prop or 'line'}: {str(problem)[:120]}")


def when(comp: Component, name: str, zones: ZoneResolver, line: int) -> Any:
    prop = comp.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        prop = prop[0]
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    return zones.value(getattr(prop, "dt", None), tzid, line)


def _timing(comp: Component, zones: ZoneResolver, where: str, line: int) -> Timing:
    start = when(comp, "DTSTART", zones, line)
    if start is None:
        raise fail(where, N_("no DTSTART"))
    end = when(comp, "DTEND", zones, line)
    duration = getattr(comp.get("DURATION"), "dt", None) if end is None else None
    if isinstance(start, datetime):
        return _timed(start, end, duration, zones)
    if isinstance(end, datetime):
        end = end.date()
    if isinstance(duration, timedelta) and duration >= timedelta(days=1):
        end = start + timedelta(days=duration.days)
    if not isinstance(end, date) or end <= start:
        # RFC 5545 §3.6.1: a DATE with no end lasts one day. Calendar Labs also writes
        # DTEND = DTSTART for one-day holidays: read as one day.
        end = start + timedelta(days=1)
    return AllDay(start, end)


def _timed(start: datetime, end: Any, duration: Any, zones: ZoneResolver) -> Timing:
    """RFC 5545 §3.6.1: no DTEND/DURATION → a point in time. binome's spans are never
    empty, so a point (or an end before the start) gets one minute (``NO_END``)."""
    if isinstance(end, datetime) and end.tzinfo is None and start.tzinfo is not None:
        end = end.replace(tzinfo=start.tzinfo)
    if isinstance(end, datetime) and end.tzinfo is not None and start.tzinfo is None:
        end = end.astimezone(zones.default).replace(tzinfo=None)  # khal mixed awareness
    if isinstance(duration, timedelta) and duration > timedelta(0):
        if start.tzinfo is None or not duration.seconds:
            end = start + duration  # days and weeks are nominal (§3.3.6)
        else:
            end = _exact_end(start, duration)  # hours and minutes are exact
    if not isinstance(end, datetime) or (end.tzinfo is None) != (start.tzinfo is None):
        end = start
    if start.tzinfo is None:
        return Floating(start, end if end > start else start + NO_END)
    if end.astimezone(UTC) <= start.astimezone(UTC):
        end = _exact_end(start, NO_END)
    return Timed(start, end)


def _exact_end(start: datetime, duration: timedelta) -> datetime:
    """``start`` plus an exact duration, in ``start``'s zone when it is an IANA zone (a
    start in a DST gap, 02:30 + 30 min, ends at 03:00 CEST, not before it begins)."""
    end = start.astimezone(UTC) + duration
    # Across a fold the local end can read earlier than the start (01:30 EDT + 1 h =
    # 01:30 EST); ``Timed`` compares instants, so the end stays in the event's zone.
    return end.astimezone(start.tzinfo) if isinstance(start.tzinfo, ZoneInfo) else end


def _dates(comp: Component, name: str, zones: ZoneResolver, line: int) -> list[Any]:
    """All values of a multi-line, multi-valued date list (EXDATE, RDATE)."""
    props = comp.get(name)
    if props is None:
        return []
    out: list[Any] = []
    for prop in props if isinstance(props, list) else [props]:
        tzid = prop.params.get("TZID")
        try:
            items = list(prop.dts)
        except (AttributeError, ValueError, TypeError):
            continue  # a broken line: already reported from comp.errors as a warning
        for item in items:
            value = item.dt
            if isinstance(value, tuple):  # RDATE;VALUE=PERIOD (§3.3.9)
                first = zones.value(value[0], tzid, line)
                other: Any = value[1]
                if isinstance(other, datetime):
                    other = zones.value(other, tzid, line)
                    both = isinstance(first, datetime) and isinstance(other, datetime)
                    other = other - first if both else None
                out.append((first, other))
            else:
                out.append(zones.value(value, tzid, line))
    return [v for v in out if v is not None]


def _same_kind(value: Any, start: date | datetime) -> date | datetime:
    """EXDATE/RDATE in the start's kind (khal "mixed awareness", Google DATE EXDATEs)."""
    if isinstance(start, datetime) and isinstance(value, datetime):
        if start.tzinfo is None and value.tzinfo is not None:
            return value.replace(tzinfo=None)
        if start.tzinfo is not None and value.tzinfo is None:
            return value.replace(tzinfo=start.tzinfo)
        return value
    if not isinstance(start, datetime) and isinstance(value, datetime):
        return value.date()
    day: date = value
    return day  # a DATE EXDATE on a timed series removes that whole day (Google)


def _recurrence(
    comp: Component, timing: Timing, zones: ZoneResolver, where: str, line: int
) -> tuple[Recurrence | None, list[tuple[Any, timedelta]]]:
    rule = comp.get("RRULE")
    text = None
    if rule is not None:
        if isinstance(rule, list):
            rule = rule[0]
        raw = rule.to_ical() if hasattr(rule, "to_ical") else str(rule)
        text = raw.decode() if isinstance(raw, bytes) else str(raw)
        try:
            parse_rule(text)
        except InvalidInput as exc:
            raise fail(where, exc.message, **exc.params) from exc
    rdates: list[Any] = []
    periods: list[tuple[Any, timedelta]] = []
    for value in _dates(comp, "RDATE", zones, line):
        if isinstance(value, tuple):
            rdates.append(_same_kind(value[0], timing.start))
            if value[1] is not None:
                periods.append((rdates[-1], value[1]))
        else:
            rdates.append(_same_kind(value, timing.start))
    exdates = [
        _same_kind(v, timing.start)
        for v in _dates(comp, "EXDATE", zones, line)
        if not isinstance(v, tuple)
    ]
    if text is None and not rdates:
        return None, []
    return Recurrence(rrule=text, rdates=tuple(rdates), exdates=tuple(exdates)), periods


def _email(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _attendees(comp: Component) -> tuple[Attendee, ...]:
    props = comp.get("ATTENDEE")
    if props is None:
        return ()
    out = []
    for prop in props if isinstance(props, list) else [props]:
        params = getattr(prop, "params", {})
        role = str(params.get("ROLE", "REQ-PARTICIPANT")).upper()
        out.append(
            Attendee(
                email=_email(prop),
                name=str(params["CN"]).strip() if params.get("CN") else None,
                required=role not in ("OPT-PARTICIPANT", "NON-PARTICIPANT"),
                partstat=str(params.get("PARTSTAT", "NEEDS-ACTION")).lower(),
            )
        )
    return tuple(out)


def _conference(comp: Component, *texts: str | None) -> str | None:
    for name in _CONFERENCE_PROPS:
        value = text_of(comp, name)
        if value and value.lower().startswith("https://"):
            return value
    for text in texts:
        match = _CONFERENCE.search(text or "")
        if match:
            return match.group(0).rstrip(".,;)")
    return None


def digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "replace")).hexdigest()


def to_event(
    comp: Component, *, calendar: str, zones: ZoneResolver, where: str, line: int
) -> list[ParsedEvent]:
    """The event(s) of a VEVENT: itself, plus one override per RDATE PERIOD whose length
    differs from the event's (§3.8.5.2), so instances keep their own end."""
    timing = _timing(comp, zones, where, line)
    recurrence, periods = _recurrence(comp, timing, zones, where, line)
    rid_prop = comp.get("RECURRENCE-ID")
    rid = when(comp, "RECURRENCE-ID", zones, line)
    if rid is not None:
        rid = _same_kind(rid, timing.start)
    title = (text_of(comp, "SUMMARY") or "")[:1000]
    description = text_of(comp, "DESCRIPTION")
    location = text_of(comp, "LOCATION")
    url = text_of(comp, "URL")
    organizer = comp.get("ORGANIZER")
    status = (text_of(comp, "STATUS") or "CONFIRMED").lower()
    event = Event(
        title=title,
        timing=timing,
        calendar=calendar,
        uid=None,
        recurrence=recurrence,
        recurrence_id=rid,
        this_and_future=bool(
            rid_prop is not None
            and str(rid_prop.params.get("RANGE", "")).upper() == "THISANDFUTURE"
        ),
        location=location,
        description=description,
        url=url,
        conference_url=_conference(comp, description, location, url),
        attendees=_attendees(comp),
        organizer=_email(organizer) if organizer is not None else None,
        classification=Classification.from_ical_class(text_of(comp, "CLASS")),
        status=EventStatus(status) if status in _STATUSES else EventStatus.CONFIRMED,
        transparent=(text_of(comp, "TRANSP") or "").upper() == "TRANSPARENT",
        sequence=int_of(comp.get("SEQUENCE")),
    )
    uid = text_of(comp, "UID") or "binome-" + digest(replace(event, calendar=""))[:32]
    event = replace(event, uid=uid)
    modified = when(comp, "LAST-MODIFIED", zones, line)
    parsed = ParsedEvent(
        event=event,
        uid=uid,
        recurrence_id=rid,
        line=line,
        sequence=event.sequence,
        last_modified=modified if isinstance(modified, datetime) else None,
        content_hash=digest(event),
        organizer_name=_cn(organizer),
    )
    return [parsed, *_period_overrides(parsed, periods)]


def _cn(prop: Any) -> str | None:
    params = getattr(prop, "params", None)
    name = params.get("CN") if params is not None else None
    return str(name).strip()[:200] or None if name else None


def _period_overrides(
    parsed: ParsedEvent, periods: list[tuple[Any, timedelta]]
) -> list[ParsedEvent]:
    out = []
    base = parsed.event
    own = base.timing.end - base.timing.start
    for start, length in periods:
        if length == own or length <= timedelta(0) or not isinstance(start, datetime):
            continue
        timing: Timing = (
            Timed(start, start + length)
            if start.tzinfo is not None
            else Floating(start, start + length)
        )
        event = replace(base, timing=timing, recurrence=None, recurrence_id=start)
        out.append(replace(parsed, event=event, recurrence_id=start, content_hash=digest(event)))
    return out


def int_of(value: Any) -> int:
    try:
        return max(0, int(str(value))) if value is not None else 0
    except ValueError:
        return 0
