"""Time algebra: zones, RFC 5545 gap/fold rules, spans, durations (examples and properties)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.domain.timing import (
    AllDay,
    BadDatetime,
    BadDuration,
    BadSpan,
    Floating,
    Span,
    Timed,
    UnknownZone,
    format_duration,
    in_gap,
    local_to_utc,
    parse_date,
    parse_datetime,
    parse_duration,
    zone,
)

PARIS = zone("Europe/Paris")
NEW_YORK = zone("America/New_York")


def test_a_spring_forward_gap_in_paris_takes_the_offset_before_the_gap() -> None:
    # RFC 5545 §3.3.5: 02:30 does not exist on 2027-03-28 in Paris; it means 03:30 CEST.
    wall = datetime(2027, 3, 28, 2, 30)
    assert in_gap(wall, PARIS)
    instant = local_to_utc(wall, PARIS)
    assert instant == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    local = instant.astimezone(PARIS)
    assert (local.hour, local.minute, local.utcoffset()) == (3, 30, timedelta(hours=2))


def test_a_spring_forward_gap_in_new_york_takes_the_offset_before_the_gap() -> None:
    wall = datetime(2026, 3, 8, 2, 30)
    assert in_gap(wall, NEW_YORK)
    instant = local_to_utc(wall, NEW_YORK)
    assert instant == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    assert instant.astimezone(NEW_YORK).hour == 3


def test_a_fall_back_fold_takes_the_first_occurrence() -> None:
    # 01:30 happens twice on 2026-11-01 in New York; fold=0 is the first (EDT, UTC-4).
    assert local_to_utc(datetime(2026, 11, 1, 1, 30), NEW_YORK) == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    assert local_to_utc(datetime(2026, 10, 25, 2, 30), PARIS) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


def test_an_ordinary_wall_time_is_not_in_a_gap() -> None:
    assert not in_gap(datetime(2026, 12, 3, 14, 0), PARIS)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../etc/passwd", "/etc/localtime", "a\x00"])
def test_an_unknown_zone_is_refused_with_its_name(name: str) -> None:
    with pytest.raises(UnknownZone) as info:
        zone(name)
    assert info.value.params["zone"] == name


def test_an_aware_wall_time_is_converted_not_reinterpreted() -> None:
    aware = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    assert local_to_utc(aware, NEW_YORK) == datetime(2026, 12, 3, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize("kind", [Span, Timed])
def test_an_end_before_or_at_the_start_is_refused(kind: type[Span | Timed]) -> None:
    start = datetime(2026, 12, 3, 14, 0, tzinfo=PARIS)
    with pytest.raises(BadSpan):
        kind(start, start - timedelta(minutes=1))
    with pytest.raises(BadSpan):
        kind(start, start)


def test_naive_bounds_are_refused_for_instants_and_aware_ones_for_floating_times() -> None:
    naive = datetime(2026, 12, 3, 14, 0)
    with pytest.raises(InvalidInput):
        Span(naive, naive + timedelta(hours=1))
    with pytest.raises(InvalidInput):
        Timed(naive, naive + timedelta(hours=1))
    aware = naive.replace(tzinfo=PARIS)
    with pytest.raises(InvalidInput):
        Floating(aware, aware + timedelta(hours=1))


def test_an_all_day_event_ends_exclusively_and_spans_local_midnights() -> None:
    day = AllDay(date(2026, 12, 3), date(2026, 12, 4))
    assert day.last_day == date(2026, 12, 3)
    span = day.span(PARIS)
    assert span.start == datetime(2026, 12, 2, 23, 0, tzinfo=UTC)
    assert span.duration == timedelta(days=1)
    with pytest.raises(BadSpan):
        AllDay(date(2026, 12, 4), date(2026, 12, 3))


def test_a_floating_time_means_the_same_clock_reading_in_every_zone() -> None:
    lunch = Floating(datetime(2026, 12, 3, 12, 0), datetime(2026, 12, 3, 13, 0))
    assert lunch.span(PARIS).start.astimezone(PARIS).hour == 12
    assert lunch.span(NEW_YORK).start.astimezone(NEW_YORK).hour == 12


def test_spans_are_half_open() -> None:
    a = Span(datetime(2026, 1, 1, 9, tzinfo=UTC), datetime(2026, 1, 1, 10, tzinfo=UTC))
    b = Span(datetime(2026, 1, 1, 10, tzinfo=UTC), datetime(2026, 1, 1, 11, tzinfo=UTC))
    assert not a.overlaps(b)
    assert a.contains(a.start)
    assert not a.contains(a.end)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("1h30", 90), ("2h", 120), ("90", 90), ("1d", 1440), ("PT1H30M", 90)],
)
def test_durations_are_read_in_the_cli_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "0m", "abc", "-5m", "1x", "400d", "PT0M"])
def test_a_bad_duration_is_refused_with_the_text(text: str) -> None:
    with pytest.raises(BadDuration) as info:
        parse_duration(text)
    assert info.value.params["value"] == text


def test_dates_and_times_are_iso_8601_in_the_given_zone() -> None:
    assert parse_datetime("2026-12-03T14:00", PARIS) == datetime(2026, 12, 3, 14, tzinfo=PARIS)
    assert parse_datetime("2026-12-03T14:00+00:00", PARIS).utcoffset() == timedelta(0)
    assert parse_date("2026-12-03") == date(2026, 12, 3)
    for bad in ("2026-13-03", "tomorrow", "03/12/2026"):
        with pytest.raises(BadDatetime):
            parse_datetime(bad, PARIS)


@given(st.datetimes(timezones=st.timezones(), allow_imaginary=False))
def test_an_instant_survives_utc_and_back_in_any_zone(value: datetime) -> None:
    back = value.astimezone(UTC).astimezone(value.tzinfo)
    assert back == value
    assert back.utcoffset() == value.utcoffset()


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), allow_imaginary=False
    ),
    st.sampled_from(["Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]),
)
def test_a_wall_time_outside_gaps_survives_utc_and_back(wall: datetime, name: str) -> None:
    tz = ZoneInfo(name)
    if in_gap(wall, tz):
        return
    assert local_to_utc(wall, tz).astimezone(tz).replace(tzinfo=None) == wall


@given(st.integers(min_value=1, max_value=366 * 24 * 60))
def test_parse_duration_reads_back_what_format_duration_writes(minutes: int) -> None:
    value = timedelta(minutes=minutes)
    assert parse_duration(format_duration(value)) == value


def test_a_timed_event_ending_after_the_fall_back_is_not_empty() -> None:
    """01:30 EDT → 01:30 EST is one hour (fold=1 is the second 01:30, PEP 495)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from binome.domain.timing import Timed

    ny = ZoneInfo("America/New_York")
    start = datetime(2027, 11, 7, 1, 30, tzinfo=ny)
    end = datetime(2027, 11, 7, 1, 30, fold=1, tzinfo=ny)
    assert (end - start).total_seconds() == 0  # what Python says by wall time
    timed = Timed(start, end)
    assert timed.span(ny).duration.total_seconds() == 3600
