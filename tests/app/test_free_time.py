"""Free time for the planner: never on a meeting or its buffers, never outside working hours,
never on a no-meeting half-day; a lunch is kept each working day."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from binome.app.free_time import assistant_free, principal_free
from binome.domain import intervals as iv
from binome.domain.profile import profile_from_dict
from binome.domain.timing import Span, zone
from binome.engine import availability as av
from binome.engine.availability import Busy

PARIS = zone("Europe/Paris")
MONDAY = datetime(2026, 11, 30, tzinfo=PARIS)
WEEK = Span(MONDAY, MONDAY + timedelta(days=7))
PROFILE = profile_from_dict(
    {
        "timezone": "Europe/Paris",
        "no_meeting": ["wed-pm"],
        "focus": {"windows": ["tue 09:00-11:00"]},
    }
)

meetings = st.lists(
    st.tuples(st.integers(0, 7 * 24 * 4 - 1), st.integers(1, 12)).map(
        lambda qd: Busy(
            span=Span(
                MONDAY + timedelta(minutes=15 * qd[0]),
                MONDAY + timedelta(minutes=15 * (qd[0] + qd[1])),
            )
        )
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(meetings)
def test_free_time_avoids_meetings_buffers_off_hours_and_no_meeting_days(busy: list[Busy]) -> None:
    free = principal_free(PROFILE, busy, WEEK)
    w = (WEEK.start, WEEK.end)
    hours = av.principal_hours(PROFILE, w)
    buffered = iv.expand(
        av.busy_intervals(busy, count_tentative=True), *[timedelta(minutes=10)] * 2
    )
    blocked = av.no_meeting_intervals(PROFILE, w)
    for window in free:
        pair = (window.span.start, window.span.end)
        assert iv.contains(hours, pair)
        assert iv.intersect([pair], buffered) == []
        assert iv.intersect([pair], blocked) == []
        if window.focus:
            local = window.span.start.astimezone(PARIS)
            assert local.isoweekday() == 2
            assert time(9) <= local.time() < time(11)


def test_each_working_day_keeps_a_lunch_in_its_lunch_window() -> None:
    free = principal_free(PROFILE, [], WEEK)
    for day in range(5):
        noon = datetime.combine(MONDAY.date() + timedelta(days=day), time(12), PARIS)
        lunch = (noon, noon + timedelta(minutes=45))
        assert all(iv.intersect([lunch], [(f.span.start, f.span.end)]) == [] for f in free)


def test_the_assistant_works_default_hours_in_the_workspace_zone() -> None:
    free = assistant_free("Europe/Paris", "FR", None, WEEK)
    assert len(free) == 5
    first = free[0].span
    assert (first.start.astimezone(PARIS).time(), first.end.astimezone(PARIS).time()) == (
        time(9),
        time(18),
    )
    assert {f.owner for f in free} == {"assistant"}
    assert first.start.astimezone(UTC).hour == 8  # 09:00 in Paris in winter
