"""Working time, holidays and the principal's rules as UTC intervals, exact across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from binome.domain.model import WorkingHours
from binome.domain.profile import Profile, set_profile_value
from binome.domain.timing import Span
from binome.engine import availability as av


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_new_york_nine_oclock_moves_in_utc_when_daylight_saving_ends():
    window = (utc(2026, 10, 30), utc(2026, 11, 3))  # US DST ends Sunday 1 November 2026
    hours = WorkingHours(time(9, 0), time(17, 0), frozenset(range(1, 8)))
    got = av.working_intervals(hours, "America/New_York", window)
    starts = {s.date(): s.hour for s, _ in got}
    assert starts[date(2026, 10, 31)] == 13  # EDT, UTC-4
    assert starts[date(2026, 11, 1)] == 14  # EST, UTC-5
    assert all(e - s == timedelta(hours=8) for s, e in got)


def test_paris_spring_forward_day_keeps_eight_working_hours():
    window = (utc(2026, 3, 28), utc(2026, 3, 31))  # EU DST starts Sunday 29 March 2026
    hours = WorkingHours(time(9, 0), time(17, 0), frozenset(range(1, 8)))
    got = av.working_intervals(hours, "Europe/Paris", window)
    assert [s.hour for s, _ in got] == [8, 7, 7]


def test_a_us_holiday_blocks_the_whole_local_day():
    window = (utc(2026, 11, 25), utc(2026, 11, 28))
    got = av.holiday_intervals("US", None, "America/New_York", window)
    assert got == [(utc(2026, 11, 26, 5), utc(2026, 11, 27, 5))]  # Thanksgiving, EST


def test_an_unknown_or_missing_country_has_no_holidays():
    window = (utc(2026, 12, 24), utc(2026, 12, 27))
    assert av.holiday_intervals(None, None, "Europe/Paris", window) == []


def test_no_meeting_wednesday_afternoon_starts_at_one_in_the_principals_zone():
    profile = set_profile_value(Profile.default(), "no_meeting", "wed-pm")
    got = av.no_meeting_intervals(profile, (utc(2026, 12, 7), utc(2026, 12, 14)))
    assert got == [(utc(2026, 12, 9, 12), utc(2026, 12, 9, 22, 59))]


def test_travel_grows_off_site_meetings_only():
    profile = set_profile_value(Profile.default(), "travel.part-dieu", "20")
    busy = [
        av.Busy(span=Span(utc(2026, 12, 7, 9), utc(2026, 12, 7, 10)), location="Part-Dieu"),
        av.Busy(span=Span(utc(2026, 12, 7, 13), utc(2026, 12, 7, 14)), location="Visio"),
    ]
    assert av.travel_blocked(busy, profile) == [(utc(2026, 12, 7, 8, 40), utc(2026, 12, 7, 10, 20))]


def test_tentative_events_are_busy_only_when_the_profile_says_so():
    busy = [av.Busy(span=Span(utc(2026, 12, 7, 9), utc(2026, 12, 7, 10)), tentative=True)]
    assert av.busy_intervals(busy, count_tentative=False) == []
    assert av.busy_intervals(busy, count_tentative=True) == [
        (utc(2026, 12, 7, 9), utc(2026, 12, 7, 10))
    ]
