"""Reading .ics: structure, quirks and the hostile files of SECURITY.md rows 23-36."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binome.domain.errors import ParseError
from binome.domain.model import Classification, EventStatus, Priority, TaskStatus
from binome.domain.recurrence import expand_series
from binome.domain.timing import AllDay, Floating, Span, Timed, zone
from binome.sources.ical.limits import Limits
from binome.sources.ical.read import ParsedCalendar, read_calendar
from tests.conftest import cpu_timer


def ics(*body: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *body, "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def vevent(*props: str, uid: str = "e1") -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", *props, "END:VEVENT"]


def read(data: bytes, limits: Limits | None = None) -> ParsedCalendar:
    return read_calendar(data, name="test.ics", default_tz="Europe/Paris", limits=limits)


def refused(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(ParseError) as info:
        read(data, limits)
    text = info.value.english()
    assert text.startswith("test.ics:")
    assert "\n" not in text
    return text


def test_a_meeting_is_read_with_its_people_links_and_classification() -> None:
    parsed = read(
        ics(
            *vevent(
                "DTSTART;TZID=Europe/Paris:20261203T140000",
                "DTEND;TZID=Europe/Paris:20261203T150000",
                "SUMMARY:Board prep",
                "LOCATION:Salle 4",
                "DESCRIPTION:Join https://meet.google.com/abc-defg-hij now",
                "CLASS:CONFIDENTIAL",
                "STATUS:TENTATIVE",
                "TRANSP:TRANSPARENT",
                "SEQUENCE:3",
                "ORGANIZER;CN=Anne:mailto:Anne@Example.COM",
                "ATTENDEE;CN=Paul;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:PAUL@example.com",
            )
        )
    )
    [item] = parsed.events
    event = item.event
    assert isinstance(event.timing, Timed)
    assert event.timing.tzid == "Europe/Paris"
    assert event.title == "Board prep"
    assert event.conference_url == "https://meet.google.com/abc-defg-hij"
    assert event.classification is Classification.CONFIDENTIAL
    assert event.status is EventStatus.TENTATIVE
    assert event.transparent
    assert item.sequence == 3
    assert event.organizer == "anne@example.com"
    [paul] = event.attendees
    assert (paul.email, paul.name, paul.required, paul.partstat) == (
        "paul@example.com",
        "Paul",
        False,
        "accepted",
    )
    assert item.line == 4


def test_all_day_floating_duration_and_missing_end_follow_rfc_5545() -> None:
    parsed = read(
        ics(
            *vevent("DTSTART;VALUE=DATE:20261203", "SUMMARY:Off", uid="a"),
            *vevent("DTSTART:20261203T090000", "DURATION:PT45M", "SUMMARY:Float", uid="b"),
            *vevent("DTSTART:20261203T090000Z", "SUMMARY:Point", uid="c"),
        )
    )
    timings = {p.uid: p.event.timing for p in parsed.events}
    assert timings["a"] == AllDay(date(2026, 12, 3), date(2026, 12, 4))
    assert timings["b"] == Floating(datetime(2026, 12, 3, 9), datetime(2026, 12, 3, 9, 45))
    assert timings["c"].end - timings["c"].start == timedelta(minutes=1)


def test_a_missing_uid_gets_a_stable_digest_uid() -> None:
    body = ["BEGIN:VEVENT", "DTSTART:20261203T090000Z", "SUMMARY:x", "END:VEVENT"]
    first, second = read(ics(*body)), read(ics(*body))
    assert first.events[0].uid.startswith("binome-")
    assert first.events[0].uid == second.events[0].uid
    assert first.events[0].content_hash == second.events[0].content_hash


def test_duplicate_uids_keep_the_highest_sequence() -> None:
    parsed = read(
        ics(
            *vevent("DTSTART:20261203T090000Z", "SEQUENCE:2", "SUMMARY:new"),
            *vevent("DTSTART:20261203T090000Z", "SEQUENCE:1", "SUMMARY:old"),
        )
    )
    assert [p.event.title for p in parsed.events] == ["new"]
    assert parsed.warnings


def test_overrides_are_keyed_by_uid_and_recurrence_id_with_range() -> None:
    parsed = read(
        ics(
            *vevent(
                "DTSTART;TZID=Europe/Paris:20261201T100000",
                "DURATION:PT1H",
                "RRULE:FREQ=WEEKLY;COUNT=5",
                "SUMMARY:Weekly",
            ),
            *vevent(
                "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Paris:20261215T100000",
                "DTSTART;TZID=Europe/Paris:20261215T110000",
                "DURATION:PT1H",
                "SUMMARY:Later",
            ),
        )
    )
    master, override = parsed.events
    assert master.event.recurrence is not None
    assert override.recurrence_id == datetime(2026, 12, 15, 10, tzinfo=zone("Europe/Paris"))
    assert override.event.this_and_future


def test_exdates_on_several_lines_and_rdate_periods_are_kept() -> None:
    parsed = read(
        ics(
            *vevent(
                "DTSTART;TZID=Europe/Paris:20261201T100000",
                "DTEND;TZID=Europe/Paris:20261201T110000",
                "RRULE:FREQ=DAILY;COUNT=5",
                "EXDATE;TZID=Europe/Paris:20261202T100000",
                "EXDATE:20261203T090000Z",
                "RDATE;VALUE=PERIOD;TZID=Europe/Paris:20261220T100000/PT3H",
            )
        )
    )
    master, period = parsed.events
    assert master.event.recurrence is not None
    assert len(master.event.recurrence.exdates) == 2
    assert period.event.timing.end - period.event.timing.start == timedelta(hours=3)
    window = Span(datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    occs = expand_series(master.event, [period.event], window, UTC, max_instances=50)
    assert len(occs.occurrences) == 4


def test_a_todo_becomes_a_task_with_priority_estimate_and_status() -> None:
    parsed = read(
        ics(
            "BEGIN:VTODO",
            "UID:t1",
            "SUMMARY:Send deck",
            "DUE;VALUE=DATE:20261204",
            "DURATION:PT2H",
            "PRIORITY:2",
            "STATUS:COMPLETED",
            "END:VTODO",
            "BEGIN:VTODO",
            "UID:t2",
            "SUMMARY:Call",
            "PRIORITY:7",
            "END:VTODO",
        )
    )
    done, call = parsed.tasks
    assert done.task.priority is Priority.HIGH
    assert done.task.estimate == timedelta(hours=2)
    assert done.task.status is TaskStatus.DONE
    assert done.task.due == datetime(2026, 12, 5, tzinfo=zone("Europe/Paris"))
    assert call.task.priority is Priority.LOW
    assert call.task.estimate == timedelta(hours=1)


@pytest.mark.parametrize(
    ("tzid", "expected"),
    [
        ("/freeassociation.sourceforge.net/Europe/Berlin", "Europe/Berlin"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/Berlin", "Europe/Berlin"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("Europe/Paris", "Europe/Paris"),
    ],
)
def test_custom_and_globally_unique_tzids_resolve_to_iana(tzid: str, expected: str) -> None:
    parsed = read(ics(*vevent(f"DTSTART;TZID={tzid}:20261203T140000", "DURATION:PT1H")))
    assert parsed.events[0].event.timing.tzid == expected  # type: ignore[union-attr]


def test_an_unknown_tzid_is_never_silently_utc_but_flagged() -> None:
    parsed = read(ics(*vevent("DTSTART;TZID=Mars/Olympus:20261203T140000", "DURATION:PT1H")))
    timing = parsed.events[0].event.timing
    assert isinstance(timing, Timed)
    assert timing.tzid == "Europe/Paris"
    assert any("Mars/Olympus" in str(w.params) for w in parsed.warnings)


def test_one_bad_component_among_a_hundred_is_skipped_with_its_line() -> None:
    events = [
        line
        for i in range(100)
        for line in vevent(
            f"DTSTART:202612{(i % 28) + 1:02d}T090000Z", f"SUMMARY:e{i}", uid=f"u{i}"
        )
    ]
    events[5 * 50 + 2] = "DTSTART:20121329T090000Z"
    parsed = read(ics(*events))
    assert len(parsed.events) == 99
    [skip] = parsed.skipped
    assert skip.uid == "u50"
    assert skip.line == 4 + 5 * 50
    assert skip.reason.where == f"test.ics:{skip.line}"


@pytest.mark.parametrize(
    "value",
    ["20121329T090000Z", "20260230T090000Z", "999991201T090000Z"],
    ids=["month-13", "feb-30", "year-99999"],
)
def test_invalid_dates_skip_the_component_with_a_reason(value: str) -> None:
    parsed = read(
        ics(*vevent(f"DTSTART:{value}", "SUMMARY:x"), *vevent("DTSTART:20261201T090000Z", uid="ok"))
    )
    assert [p.uid for p in parsed.events] == ["ok"]
    assert parsed.skipped[0].line == 4


def test_a_missing_dtstart_is_skipped_not_guessed() -> None:
    parsed = read(ics(*vevent("SUMMARY:when?")))
    assert parsed.events == []
    assert "DTSTART" in parsed.skipped[0].reason.english()


@pytest.mark.parametrize(
    ("rule", "problem"),
    [("FREQ=WEEKLY;INTERVAL=0", "INTERVAL"), ("FREQ=MONTHLY;BYDAY=0TH", "BYDAY")],
)
def test_invalid_rules_skip_the_series_with_a_reason(rule: str, problem: str) -> None:
    parsed = read(ics(*vevent("DTSTART:20261201T090000Z", f"RRULE:{rule}")))
    assert parsed.events == []
    assert problem in parsed.skipped[0].reason.english()


def test_binary_garbage_is_refused_with_file_and_line() -> None:
    assert "binary" in refused(ics(*vevent("DTSTART:20261201T090000Z")) + b"\x00\x01\x02")


def test_a_truncated_file_is_refused() -> None:
    data = ics(*vevent("DTSTART:20261201T090000Z", "SUMMARY:x"))
    assert "truncated" in refused(data[: len(data) // 2])


def test_unbalanced_begin_end_is_refused() -> None:
    assert "END:VTODO" in refused(ics("BEGIN:VEVENT", "END:VTODO"))


def test_deep_nesting_is_refused_before_parsing() -> None:
    body = ["BEGIN:X-NEST"] * 10_000 + ["END:X-NEST"] * 10_000
    with cpu_timer() as spent:
        assert "nested" in refused(ics(*body))
    assert spent() < 2


def test_a_ten_megabyte_unfolded_line_is_refused() -> None:
    folded = "DESCRIPTION:" + "\r\n ".join(["x" * 70] * 150_000)
    with cpu_timer() as spent:
        assert "too long" in refused(ics(*vevent("DTSTART:20261201T090000Z", folded)))
    assert spent() < 2


def test_a_file_over_the_size_limit_is_refused_before_decoding() -> None:
    data = ics(*vevent("DTSTART:20261201T090000Z")) + b" " * 25_000_000
    with cpu_timer() as spent:
        assert "too large" in refused(data)
    assert spent() < 2


def test_invalid_utf8_is_replaced_and_reported() -> None:
    data = ics(*vevent("DTSTART:20261201T090000Z", "SUMMARY:caf\xe9")).replace(
        "café".encode(), b"caf\xe9"
    )
    parsed = read(data)
    assert parsed.events[0].event.title == "caf\ufffd"
    assert parsed.warnings


def test_a_bom_is_accepted() -> None:
    parsed = read(b"\xef\xbb\xbf" + ics(*vevent("DTSTART:20261201T090000Z")))
    assert len(parsed.events) == 1


def _duplicates(n: int) -> bytes:
    alarms = ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"] * n
    return ics(*vevent("DTSTART:20261201T090000Z", *alarms))


def test_fifty_thousand_duplicate_subcomponents_take_roughly_linear_time() -> None:
    timings = {}
    for n in (1_000, 10_000, 50_000):
        with cpu_timer() as spent:
            if n <= Limits().max_children:
                assert len(read(_duplicates(n)).events) == 1
            else:
                assert "too many subcomponents" in refused(_duplicates(n))
        timings[n] = spent()
    assert timings[50_000] < 1
    assert timings[50_000] < 50 * max(timings[1_000], 0.01) * 2.5


def test_the_component_budget_is_enforced() -> None:
    assert "Too many" in refused(_duplicates(100), Limits(max_components=50))


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=DAILY;COUNT=1000000000",
        "FREQ=YEARLY;COUNT=1;BYMONTH=1,2,3;BYMONTHDAY=1,2,3;BYHOUR=1,2;BYMINUTE=1,2;BYSECOND=1,2",
    ],
)
def test_hostile_series_import_and_a_year_view_stay_fast(rule: str) -> None:
    with cpu_timer() as spent:
        parsed = read(ics(*vevent("DTSTART:20200101T090000Z", "DURATION:PT1S", f"RRULE:{rule}")))
        year = Span(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
        result = expand_series(parsed.events[0].event, [], year, UTC, max_instances=10_000)
    assert spent() < 2
    assert len(result.occurrences) <= 10_000


@pytest.mark.parametrize(
    ("tzid", "wall", "utc"),
    [
        ("Europe/Paris", "20260329T023000", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
        ("Europe/Paris", "20261025T013000", datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
        ("America/New_York", "20260308T023000", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
        ("America/New_York", "20261101T013000", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ],
    ids=["paris-gap", "paris-fold", "new-york-gap", "new-york-fold"],
)
def test_gap_and_fold_times_read_as_rfc_5545_says(tzid: str, wall: str, utc: datetime) -> None:
    parsed = read(ics(*vevent(f"DTSTART;TZID={tzid}:{wall}", "DURATION:PT30M")))
    assert parsed.events[0].event.timing.span(UTC).start == utc


_SAMPLE = ics(
    *vevent(
        "DTSTART;TZID=Europe/Paris:20261201T100000",
        "DURATION:PT1H",
        "RRULE:FREQ=WEEKLY;COUNT=5",
        "EXDATE;TZID=Europe/Paris:20261208T100000",
        "SUMMARY:Weekly",
        "ATTENDEE;CN=A:mailto:a@example.com",
    ),
    *vevent(
        "RECURRENCE-ID;TZID=Europe/Paris:20261215T100000",
        "DTSTART;TZID=Europe/Paris:20261215T120000",
        "DURATION:PT1H",
        "SUMMARY:Moved",
    ),
    "BEGIN:VTODO",
    "UID:t",
    "SUMMARY:Do",
    "DUE:20261210T170000Z",
    "END:VTODO",
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_SAMPLE) - 1), st.binary(max_size=3)), max_size=6))
def test_mutated_files_read_or_are_refused_but_never_crash(
    edits: list[tuple[int, bytes]],
) -> None:
    data = bytearray(_SAMPLE)
    for at, chunk in edits:
        data[at : at + len(chunk)] = chunk
    try:
        parsed = read(bytes(data))
    except ParseError as exc:
        where = exc.where or ""
        assert where.startswith("test.ics:")
        return
    year = Span(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    for item in parsed.events:
        expand_series(item.event, [], year, UTC, max_instances=100)
