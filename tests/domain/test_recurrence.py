"""Recurrence expansion: wall time across DST, overrides, and hostile rules (rows 23-27, 35-36)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.domain.model import Event, EventStatus, Recurrence
from binome.domain.recurrence import check_rrule, expand, expand_series, series_bounds
from binome.domain.timing import AllDay, Floating, Span, Timed
from tests.conftest import cpu_timer

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")


def series(rule: str | None, start: datetime, minutes: int = 60, **rec: object) -> Event:
    timing = Timed(start, start + timedelta(minutes=minutes))
    return Event(title="Weekly", timing=timing, uid="u1", recurrence=Recurrence(rrule=rule, **rec))  # type: ignore[arg-type]


def window(start: datetime, days: int) -> Span:
    return Span(start.astimezone(UTC), (start + timedelta(days=days)).astimezone(UTC))


@pytest.mark.parametrize("tz", [PARIS, NEW_YORK], ids=["paris", "new_york"])
def test_weekly_series_keeps_its_wall_time_across_two_years_of_dst_changes(tz: ZoneInfo) -> None:
    start = datetime(2026, 1, 5, 10, 0, tzinfo=tz)
    occs = expand(series("FREQ=WEEKLY", start), [], window(start, 730), UTC, max_instances=500)
    assert len(occs) == 105
    assert {o.timing.start.astimezone(tz).time().hour for o in occs} == {10}
    offsets = {o.timing.start.utcoffset() for o in occs}
    assert len(offsets) == 2  # both winter and summer instants were produced


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        (PARIS, date(2026, 3, 29), datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # 03:30 CEST
        (NEW_YORK, date(2026, 3, 8), datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),  # 03:30 EDT
    ],
)
def test_an_instance_in_the_spring_gap_shifts_alone(
    tz: ZoneInfo, day: date, expected: datetime
) -> None:
    start = datetime(day.year, day.month, day.day - 1, 2, 30, tzinfo=tz)
    occs = expand(series("FREQ=DAILY;COUNT=3", start), [], window(start, 5), UTC, max_instances=10)
    gap, after = occs[1], occs[2]
    assert gap.span.start == expected
    assert after.timing.start.astimezone(tz).hour == 2  # later instances keep 02:30
    assert after.timing.start.astimezone(tz).minute == 30


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        (PARIS, date(2026, 10, 25), datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),  # CEST
        (NEW_YORK, date(2026, 11, 1), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),  # EDT
    ],
)
def test_an_instance_in_the_fall_fold_takes_the_first_occurrence(
    tz: ZoneInfo, day: date, expected: datetime
) -> None:
    start = datetime(day.year, day.month, day.day, 1, 30, tzinfo=tz) - timedelta(days=7)
    occs = expand(
        series("FREQ=WEEKLY;COUNT=2", start), [], window(start, 10), UTC, max_instances=10
    )
    assert occs[1].span.start == expected


@settings(max_examples=40, deadline=None)
@given(
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    days=st.integers(0, 365),
    zone_name=st.sampled_from(["Europe/Paris", "America/New_York", "Australia/Sydney"]),
)
def test_every_instance_is_at_the_series_wall_time_unless_it_falls_in_a_gap(
    hour: int, minute: int, days: int, zone_name: str
) -> None:
    tz = ZoneInfo(zone_name)
    start = datetime(2026, 1, 1, hour, minute, tzinfo=tz) + timedelta(days=days)
    # A series cannot start at a wall time that does not exist (a DST gap): its first
    # instance would have no length. Later instances in a gap are what this property is about.
    assume(start.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == start.replace(tzinfo=None))
    for occ in expand(series("FREQ=WEEKLY", start), [], window(start, 400), UTC, max_instances=100):
        local = occ.span.start.astimezone(tz)
        naive = local.replace(tzinfo=None)
        wanted = naive.replace(hour=hour, minute=minute)
        in_gap = (
            wanted.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wanted
        )
        assert in_gap or (local.hour, local.minute) == (hour, minute)


def test_exdates_rdates_and_overrides_replace_the_right_instances() -> None:
    start = datetime(2026, 2, 2, 9, 0, tzinfo=PARIS)
    master = series(
        "FREQ=DAILY;COUNT=5",
        start,
        exdates=(start + timedelta(days=1),),
        rdates=(start + timedelta(days=10),),
    )
    moved = Event(
        title="Moved",
        uid="u1",
        recurrence_id=start + timedelta(days=2),
        timing=Timed(start + timedelta(days=2, hours=5), start + timedelta(days=2, hours=6)),
    )
    cancelled = Event(
        title="Off",
        uid="u1",
        recurrence_id=start + timedelta(days=3),
        status=EventStatus.CANCELLED,
        timing=Timed(start + timedelta(days=3), start + timedelta(days=3, hours=1)),
    )
    occs = expand(master, [moved, cancelled], window(start, 20), UTC, max_instances=50)
    starts = [(o.timing.start.astimezone(PARIS).day, o.title) for o in occs]
    assert starts == [(2, "Weekly"), (4, "Moved"), (6, "Weekly"), (12, "Weekly")]


def test_this_and_future_override_shifts_every_later_instance_by_the_same_delta() -> None:
    start = datetime(2026, 2, 2, 9, 0, tzinfo=PARIS)
    master = series("FREQ=WEEKLY;COUNT=6", start)
    pivot = start + timedelta(weeks=3)
    later = Event(
        title="Later",
        uid="u1",
        recurrence_id=pivot,
        this_and_future=True,
        timing=Timed(pivot + timedelta(hours=2), pivot + timedelta(hours=3)),
    )
    occs = expand(master, [later], window(start, 60), UTC, max_instances=50)
    hours = [(o.title, o.timing.start.astimezone(PARIS).hour) for o in occs]
    assert hours == [("Weekly", 9)] * 3 + [("Later", 11)] * 3


def test_utc_until_on_a_floating_series_is_read_in_the_callers_zone() -> None:
    start = datetime(2026, 1, 1, 10, 0)
    master = Event(
        title="F",
        timing=Floating(start, start + timedelta(hours=1)),
        recurrence=Recurrence(rrule="FREQ=DAILY;UNTIL=20260103T090000Z"),
    )
    occs = expand(
        master, [], window(datetime(2026, 1, 1, tzinfo=PARIS), 10), PARIS, max_instances=10
    )
    assert len(occs) == 3  # 3 Jan 10:00 Paris == 09:00Z: UNTIL is inclusive


def test_date_until_on_a_timed_series_includes_that_whole_day() -> None:
    start = datetime(2026, 1, 1, 18, 0, tzinfo=PARIS)
    occs = expand(
        series("FREQ=DAILY;UNTIL=20260103", start), [], window(start, 10), UTC, max_instances=10
    )
    assert len(occs) == 3


def test_all_day_series_yields_whole_days_in_the_callers_zone() -> None:
    master = Event(
        title="Off",
        timing=AllDay(date(2026, 3, 27), date(2026, 3, 28)),
        recurrence=Recurrence(rrule="FREQ=DAILY;COUNT=3"),
    )
    occs = expand(
        master, [], window(datetime(2026, 3, 20, tzinfo=PARIS), 20), PARIS, max_instances=10
    )
    assert [o.timing for o in occs][2] == AllDay(date(2026, 3, 29), date(2026, 3, 30))
    assert occs[2].span.duration == timedelta(hours=23)  # the spring-forward day


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=SECONDLY;COUNT=1000000000",
        "FREQ=MINUTELY",
        "FREQ=DAILY;COUNT=1000000000",
        "FREQ=YEARLY;COUNT=1;BYMONTH=1,2,3,4,5,6;BYMONTHDAY=1,2,3,4,5;BYHOUR=1,2,3,4,5,6",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
    ],
)
def test_hostile_rules_finish_fast_and_bounded(rule: str) -> None:
    start = datetime(2020, 1, 1, 10, 0, tzinfo=PARIS)
    with cpu_timer() as spent:
        result = expand_series(
            series(rule, start),
            [],
            window(datetime(2026, 1, 1, tzinfo=PARIS), 365),
            UTC,
            max_instances=10_000,
        )
    assert spent() < 1.5
    assert len(result.occurrences) <= 10_000
    if len(result.occurrences) == 10_000:
        assert result.truncated


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=MONTHLY;BYDAY=0TH",
        "FREQ=SOMETIMES",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;COUNT=3;UNTIL=20260101",
        "FREQ=DAILY;UNTIL=20121329",
        "FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
        "BYMINUTE=" + ",".join(str(m) for m in range(60)) + ";BYSECOND=0,1,2,3,4,5,6,7,8",
    ],
)
def test_invalid_rules_are_refused_with_a_validation_error(rule: str) -> None:
    with pytest.raises(InvalidInput):
        check_rrule(rule, datetime(2026, 1, 1, 10))


def test_a_rule_whose_every_instance_is_excluded_has_no_occurrence() -> None:
    start = datetime(2026, 1, 1, 10, 0, tzinfo=PARIS)
    master = series(
        "FREQ=DAILY;COUNT=3", start, exdates=tuple(start + timedelta(days=d) for d in range(3))
    )
    assert expand(master, [], window(start, 10), UTC, max_instances=10) == []


def test_a_ten_year_daily_series_is_not_refused_and_year_nine_is_complete() -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=PARIS)
    master = series("FREQ=DAILY;COUNT=3653", start)
    year9 = window(datetime(2034, 1, 1, tzinfo=PARIS), 365)
    occs = expand(master, [], year9, UTC, max_instances=10_000)
    assert len(occs) == 365
    first, last = series_bounds(master)
    assert first == start.astimezone(UTC)
    assert last is not None
    assert last >= datetime(2036, 1, 1, tzinfo=UTC)


def test_series_bounds_are_open_for_an_endless_rule() -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=PARIS)
    assert series_bounds(series("FREQ=WEEKLY", start))[1] is None
    until = series_bounds(series("FREQ=WEEKLY;UNTIL=20260301T000000Z", start))[1]
    assert until is not None
    assert until > datetime(2026, 3, 1, tzinfo=UTC)


def test_a_single_event_expands_to_itself() -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=PARIS)
    event = Event(title="One", timing=Timed(start, start + timedelta(hours=1)))
    occs = expand(event, [], window(start, 1), UTC, max_instances=5)
    assert [o.span.start for o in occs] == [start.astimezone(UTC)]


def test_a_centuries_old_yearly_series_is_cheap_and_exact() -> None:
    birthday = Event(
        title="Euler",
        timing=AllDay(date(1707, 4, 15), date(1707, 4, 16)),
        recurrence=Recurrence(rrule="FREQ=YEARLY"),
    )
    monthly = series("FREQ=MONTHLY;INTERVAL=5", datetime(1900, 3, 10, 9, 0, tzinfo=PARIS))
    year = window(datetime(2026, 1, 1, tzinfo=PARIS), 365)
    with cpu_timer() as spent:
        occs = expand(birthday, [], year, PARIS, max_instances=10)
        months = [o.timing.start.month for o in expand(monthly, [], year, UTC, max_instances=10)]
    assert spent() < 0.2
    assert [o.timing for o in occs] == [AllDay(date(2026, 4, 15), date(2026, 4, 16))]
    # 1900-03 + 5k months: (2026*12 + 1 - (1900*12 + 2)) % 5 == 0 → January 2026 is one.
    assert months == [1, 6, 11]
