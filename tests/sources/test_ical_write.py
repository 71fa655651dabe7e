"""Writing .ics: masking, escaping (SECURITY.md row 40) and series kept as series."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar

from binome.domain.model import Attendee, Classification, Event, Recurrence
from binome.domain.timing import AllDay, Floating, Timed, zone
from binome.sources.ical.read import read_calendar
from binome.sources.ical.write import ExportEvent, write_calendar

PARIS = zone("Europe/Paris")
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def export(*events: ExportEvent, label: str = "Busy") -> bytes:
    return write_calendar(
        events, tz="Europe/Paris", prodid="-//binome//test//EN", busy_label=label, now=NOW
    )


def meeting(title: str = "Board", **fields: object) -> Event:
    start = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    return Event(title=title, uid="m1", timing=Timed(start, start + timedelta(hours=1)), **fields)  # type: ignore[arg-type]


def test_a_masked_event_keeps_only_its_time_and_the_busy_label() -> None:
    secret = meeting(
        "Acquisition talks",
        location="Hotel",
        description="Price: 40M",
        url="https://x.example",
        conference_url="https://zoom.us/j/1",
        organizer="ceo@example.com",
        attendees=(Attendee(email="bank@example.com", name="Bank"),),
        classification=Classification.SECRET,
    )
    data = export(ExportEvent(event=secret, masked=True), label="Occupé")
    text = data.decode()
    for leaked in ("Acquisition", "Hotel", "40M", "x.example", "zoom", "bank@", "ceo@"):
        assert leaked not in text
    [event] = read_calendar(data, name="out.ics", default_tz="Europe/Paris").events
    assert event.event.title == "Occupé"
    assert event.event.classification is Classification.SECRET
    assert event.event.timing == secret.timing


def test_an_injected_title_reparses_as_one_vevent_with_the_same_title() -> None:
    title = "x\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM; a, b \\ c"
    data = export(ExportEvent(event=meeting(title, description="d\r\nEND:VEVENT")))
    cal = icalendar.Calendar.from_ical(data)
    assert len(cal.walk("VEVENT")) == 1
    assert cal.walk("VALARM") == []
    [event] = read_calendar(data, name="out.ics", default_tz="Europe/Paris").events
    # RFC 5545 §3.3.11 escapes a line break as \n: CRLF comes back as LF, nothing else moves.
    assert event.event.title == title.replace("\r\n", "\n")
    assert event.event.description == "d\nEND:VEVENT"


def test_series_stay_series_with_their_overrides_and_timezones() -> None:
    master = meeting(
        "Weekly",
        recurrence=Recurrence(
            rrule="FREQ=WEEKLY;COUNT=10",
            exdates=(datetime(2026, 12, 10, 14, 0, tzinfo=PARIS),),
            rdates=(datetime(2026, 12, 24, 9, 0, tzinfo=PARIS),),
        ),
    )
    moved = meeting(
        "Moved", recurrence_id=datetime(2026, 12, 17, 14, 0, tzinfo=PARIS), this_and_future=True
    )
    data = export(ExportEvent(event=master), ExportEvent(event=moved))
    cal = icalendar.Calendar.from_ical(data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert len(cal.walk("VEVENT")) == 2
    parsed = read_calendar(data, name="out.ics", default_tz="Europe/Paris")
    back = {p.recurrence_id: p.event for p in parsed.events}
    assert back[None].recurrence == master.recurrence
    assert back[moved.recurrence_id].this_and_future


def test_all_day_and_floating_events_keep_their_kind() -> None:
    off = Event(title="Off", uid="a", timing=AllDay(date(2026, 12, 24), date(2026, 12, 26)))
    wall = Event(
        title="Wall", uid="f", timing=Floating(datetime(2026, 12, 3, 9), datetime(2026, 12, 3, 10))
    )
    parsed = read_calendar(
        export(ExportEvent(event=off), ExportEvent(event=wall)),
        name="out.ics",
        default_tz="Europe/Paris",
    )
    assert {p.uid: p.event.timing for p in parsed.events} == {"a": off.timing, "f": wall.timing}
