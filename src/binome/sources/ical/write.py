"""Write binome events as an .ics file any client accepts (RFC 5545).

- Series stay series: RRULE, RDATE, EXDATE on the master and one VEVENT per override with
  RECURRENCE-ID (and ``RANGE=THISANDFUTURE``), never an exploded list of instances.
- A VTIMEZONE is written for every zone used (icalendar's ``add_missing_timezones``), so
  clients without the IANA database (Outlook) read the same wall times. A zone that is not
  IANA (a file's own VTIMEZONE) is written in the principal's zone, never as an undefined
  TZID.
- Masked events (the reader may not see the content) carry only their time, a caller-chosen
  label ("Busy"/"Occupé") and ``CLASS:PRIVATE``: no DESCRIPTION, LOCATION, URL, ATTENDEE,
  ORGANIZER or conference link. Private fields are removed before serialisation.
- TEXT values are escaped by icalendar (RFC 5545 §3.3.11): a title holding
  ``\\r\\nBEGIN:VALARM`` stays one SUMMARY (SECURITY.md row 40).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import icalendar
from icalendar import vCalAddress, vRecur

from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Event
from binome.domain.timing import AllDay, Floating, Timed, zone

__all__ = ["ExportEvent", "write_calendar"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportEvent:
    """An event to export; ``masked`` hides everything but its time."""

    event: Event
    masked: bool = False


def write_calendar(
    events: Iterable[ExportEvent],
    *,
    tz: str,
    prodid: str,
    busy_label: str = "Busy",
    now: datetime | None = None,
) -> bytes:
    """The .ics bytes of ``events``. Times in a zone that is not IANA are written in
    ``tz`` (the principal's zone); ``busy_label`` is the SUMMARY of masked events."""
    home = zone(tz)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("PRODID", prodid)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    ordered = sorted(events, key=lambda e: (e.event.uid or "", e.event.recurrence_id is not None))
    for item in ordered:
        cal.add_component(_vevent(item, stamp, busy_label, home))
    try:
        cal.add_missing_timezones()
    except (ValueError, KeyError) as exc:
        raise InvalidInput(
            N_("A time zone could not be exported: {problem}."), problem=str(exc)[:80]
        ) from exc
    return bytes(cal.to_ical())


def _uid(event: Event) -> str:
    if event.uid:
        return event.uid
    seed = repr((event.title, event.timing, event.calendar)).encode()
    return "binome-" + hashlib.sha256(seed).hexdigest()[:32]


def _portable(value: datetime | date, home: ZoneInfo) -> datetime | date:
    """Aware values in a non-IANA zone are written in ``home`` (see module docstring)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        if value.tzinfo is UTC or getattr(value.tzinfo, "key", None) in ("UTC", "Etc/UTC"):
            return value.astimezone(UTC)
        if not isinstance(value.tzinfo, ZoneInfo):
            return value.astimezone(home)
    return value


def _vevent(item: ExportEvent, stamp: datetime, busy_label: str, home: ZoneInfo) -> icalendar.Event:
    event = item.event
    ev = icalendar.Event()
    ev.add("UID", _uid(event))
    ev.add("DTSTAMP", stamp)
    timing = event.timing
    if isinstance(timing, AllDay | Timed | Floating):
        ev.add("DTSTART", _portable(timing.start, home))
        ev.add("DTEND", _portable(timing.end, home))
    if event.recurrence_id is not None:
        params = {"RANGE": "THISANDFUTURE"} if event.this_and_future else {}
        ev.add("RECURRENCE-ID", _portable(event.recurrence_id, home), parameters=params)
    rec = event.recurrence
    if rec is not None:
        if rec.rrule:
            ev.add("RRULE", vRecur.from_ical(rec.rrule))
        for rdate in rec.rdates:
            ev.add("RDATE", _portable(rdate, home))
        for exdate in rec.exdates:
            ev.add("EXDATE", _portable(exdate, home))
    ev.add("SEQUENCE", event.sequence)
    ev.add("STATUS", event.status.value.upper())
    ev.add("TRANSP", "TRANSPARENT" if event.transparent else "OPAQUE")
    if item.masked:
        ev.add("SUMMARY", busy_label)
        ev.add("CLASS", "PRIVATE")
        return ev
    ev.add("SUMMARY", event.title)
    ev.add("CLASS", event.classification.to_ical_class())
    _details(ev, event)
    return ev


def _details(ev: icalendar.Event, event: Event) -> None:
    for name, value in (
        ("LOCATION", event.location),
        ("DESCRIPTION", event.description),
        ("URL", event.url),
    ):
        if value:
            ev.add(name, value)
    if event.conference_url:
        ev.add("CONFERENCE", event.conference_url, parameters={"VALUE": "URI"})
    if event.organizer:
        ev.add("ORGANIZER", vCalAddress(f"mailto:{event.organizer}"))
    for attendee in event.attendees:
        address = vCalAddress(f"mailto:{attendee.email}")
        if attendee.name:
            address.params["CN"] = attendee.name
        address.params["ROLE"] = "REQ-PARTICIPANT" if attendee.required else "OPT-PARTICIPANT"
        address.params["PARTSTAT"] = attendee.partstat.upper()
        ev.add("ATTENDEE", address)
