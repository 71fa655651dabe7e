"""Draft invitations: an iTIP message (.ics text) and a short note per recipient, never sent.

RFC 5546 §3.2.2 (REQUEST) requires in the VEVENT: ATTENDEE, DTSTAMP, DTSTART, ORGANIZER,
SEQUENCE (when above 0), SUMMARY and UID; §3.2.5 (CANCEL) adds STATUS:CANCELLED. When
``sources/ical/write.py`` lands on main its writer should replace ``itip`` (one place);
until then the calendar is built with ``icalendar`` directly, with the VTIMEZONE of the
event's zone added (RFC 5545 §3.6.5) so the receiving client needs no zone database.

Confidentiality (SECURITY.md row 12): the event's CLASS is set from its classification
(secret → PRIVATE) and no DESCRIPTION is ever written: notes never leave binome in an
invitation. Each note is in the recipient's language (``Person.lang``, else the
workspace language).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

from binome.app.request_wording import say, template
from binome.domain.errors import N_
from binome.domain.model import Event, Person
from binome.domain.text import Message
from binome.domain.timing import Timed

PRODID = "-//binome//requests//EN"
_LINES = {
    "REQUEST": N_("{organizer} invites you to {title} on {day} from {start} to {end}."),
    "MOVE": N_("{organizer} moves {title} to {day} from {start} to {end}."),
    "CANCEL": N_("{organizer} cancels {title} of {day} at {start}."),
}
_SUBJECTS = {
    "REQUEST": N_("Invitation: {title}"),
    "MOVE": N_("Updated: {title}"),
    "CANCEL": N_("Cancelled: {title}"),
}


def _address(email: str, name: str | None, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def itip(event: Event, organizer: Person, *, method: str, now: datetime) -> str:
    """The iTIP ``method`` (REQUEST or CANCEL) for ``event`` as .ics text."""
    assert isinstance(event.timing, Timed)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    vevent = VEvent()
    vevent.add("uid", event.uid or f"binome-event-{event.id}")
    vevent.add("dtstamp", now.astimezone(UTC))
    vevent.add("dtstart", event.timing.start)
    vevent.add("dtend", event.timing.end)
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.title)
    vevent.add("class", event.classification.to_ical_class())
    vevent.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if event.location:
        vevent.add("location", event.location)
    vevent.add("organizer", _address(organizer.email, organizer.name))
    for a in event.attendees:
        role = "REQ-PARTICIPANT" if a.required else "OPT-PARTICIPANT"
        params = {"ROLE": role, "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        vevent.add("attendee", _address(a.email, a.name, **params))
    cal.add_component(vevent)
    cal.add_missing_timezones()
    return str(cal.to_ical().decode("utf-8"))


def drafts(
    event: Event,
    organizer: Person,
    recipients: Sequence[Person],
    *,
    change: str,
    workspace_lang: str,
    tz: ZoneInfo,
    now: datetime,
) -> list[dict[str, Any]]:
    """One draft per recipient: ``to``, ``lang``, ``subject``, ``message`` and the ``ics``.

    ``change`` is ``REQUEST`` (new), ``MOVE`` (a REQUEST with a higher SEQUENCE) or
    ``CANCEL``."""
    method = "CANCEL" if change == "CANCEL" else "REQUEST"
    ics = itip(event, organizer, method=method, now=now)
    assert isinstance(event.timing, Timed)
    start, end = event.timing.start.astimezone(tz), event.timing.end.astimezone(tz)
    out = []
    for person in recipients:
        lang = person.lang if person.lang in ("fr", "en") else workspace_lang
        hello = say(Message.of(N_("Hello {name},"), name=person.name.split()[0]), lang)
        line = Message.of(
            _LINES[change],
            organizer=organizer.name,
            title=event.title,
            day=start.date(),
            start=start.time(),
            end=end.time(),
        )
        attached = template(N_("The invitation is attached (draft, not sent)."), lang)
        out.append(
            {
                "to": person.email,
                "name": person.name,
                "lang": lang,
                "method": method,
                "subject": say(Message.of(_SUBJECTS[change], title=event.title), lang),
                "message": f"{hello}\n\n{say(line, lang, tz)}\n{attached}\n\n{organizer.name}",
                "ics": ics,
            }
        )
    return out
