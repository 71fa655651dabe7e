"""Draft invitations: what RFC 5546 requires is there, and nothing private leaves."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from binome.app.invitation import drafts, itip
from binome.domain.model import Attendee, Classification, Event, Person
from binome.domain.timing import Timed, zone

PARIS = zone("Europe/Paris")
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
CLAIRE = Person(name="Claire Martin", email="claire@example.fr", lang="fr")
PAUL = Person(name="Paul Durand", email="paul@example.com")
JOHN = Person(name="John Smith", email="john@example.com", lang="en")


def _event(**fields: object) -> Event:
    base: dict[str, object] = {
        "id": 7,
        "title": "Déjeuner",
        "timing": Timed(
            datetime(2026, 12, 3, 12, tzinfo=PARIS), datetime(2026, 12, 3, 13, 30, tzinfo=PARIS)
        ),
        "uid": "u-1@binome",
        "attendees": (Attendee("paul@example.com", "Paul Durand"),),
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def test_a_request_carries_every_property_rfc_5546_requires() -> None:
    cal = Calendar.from_ical(itip(_event(), CLAIRE, method="REQUEST", now=NOW))
    assert cal["METHOD"] == "REQUEST"
    [vevent] = cal.walk("VEVENT")
    for prop in ("ATTENDEE", "DTSTAMP", "DTSTART", "ORGANIZER", "SEQUENCE", "SUMMARY", "UID"):
        assert prop in vevent, prop
    assert vevent.decoded("DTSTART") == datetime(2026, 12, 3, 12, tzinfo=PARIS)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"


def test_a_secret_event_goes_out_private_and_without_its_notes() -> None:
    event = _event(classification=Classification.SECRET, description="négociation: 40 M€")
    text = itip(event, CLAIRE, method="REQUEST", now=NOW)
    assert "CLASS:PRIVATE" in text
    assert "DESCRIPTION" not in text
    assert "40 M" not in text


def test_a_cancel_says_cancelled_and_keeps_the_sequence_it_was_given() -> None:
    cal = Calendar.from_ical(itip(_event(sequence=2), CLAIRE, method="CANCEL", now=NOW))
    [vevent] = cal.walk("VEVENT")
    assert cal["METHOD"] == "CANCEL"
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 2


def test_each_note_is_in_the_recipients_language_else_the_workspaces() -> None:
    notes = drafts(
        _event(), CLAIRE, [PAUL, JOHN], change="REQUEST", workspace_lang="fr", tz=PARIS, now=NOW
    )
    by_to = {n["to"]: n for n in notes}
    assert by_to["paul@example.com"]["lang"] == "fr"
    assert by_to["paul@example.com"]["message"].startswith("Bonjour Paul,")
    assert "jeudi 3 décembre de 12 h à 13 h 30" in by_to["paul@example.com"]["message"]
    assert by_to["john@example.com"]["lang"] == "en"
    assert "Thursday 3 December from 12:00 to 13:30" in by_to["john@example.com"]["message"]
    assert by_to["john@example.com"]["subject"] == "Invitation: Déjeuner"
