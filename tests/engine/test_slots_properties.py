"""Properties of the slot finder over random calendars, zones and profiles, across DST.

Each returned slot is checked against an oracle written directly on datetimes (not on the
interval algebra the finder uses): free for everyone, inside everyone's hours in their own
zone, off their public holidays, buffers and travel kept, no-meeting time and lunch kept.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binome.domain.model import WorkingHours
from binome.domain.profile import HalfDay, Profile
from binome.domain.timing import Span
from binome.engine.slots import Busy, Participant, SlotQuery, SlotResult, find_slots

ZONES = ["Europe/Paris", "America/New_York", "Asia/Singapore", "Europe/London"]
COUNTRIES = [None, "FR", "US", "GB", "SG"]
# Fridays and Mondays around the 2026 DST changes: US 8 Mar & 1 Nov, EU 29 Mar & 25 Oct.
STARTS = [
    datetime(2026, m, d, tzinfo=UTC) for m, d in ((3, 6), (3, 27), (10, 23), (10, 30), (12, 24))
]
LOCATIONS = [None, "Part-Dieu", "Visio", "Client HQ"]


@st.composite
def busy_lists(draw: st.DrawFn, start: datetime) -> list[Busy]:
    out = []
    for _ in range(draw(st.integers(0, 12))):
        offset = timedelta(minutes=15 * draw(st.integers(0, 6 * 96)))
        length = timedelta(minutes=15 * draw(st.integers(1, 12)))
        out.append(
            Busy(
                span=Span(start + offset, start + offset + length),
                tentative=draw(st.booleans()),
                location=draw(st.sampled_from(LOCATIONS)),
            )
        )
    return out


@st.composite
def scenarios(
    draw: st.DrawFn,
) -> tuple[SlotQuery, Participant, list[Participant], Profile, datetime]:
    start = draw(st.sampled_from(STARTS)) + timedelta(hours=draw(st.integers(0, 72)))
    window = Span(start, start + timedelta(days=draw(st.integers(1, 6))))
    profile = Profile(
        timezone=draw(st.sampled_from(ZONES)),
        country=draw(st.sampled_from(["FR", "US", "GB", "SG"])),
        buffer_minutes=draw(st.integers(0, 30)),
        no_meeting=tuple(
            sorted(
                draw(
                    st.lists(
                        st.builds(
                            lambda d, p: HalfDay(weekday=d, part=p),
                            st.integers(1, 7),
                            st.sampled_from(["am", "pm", "day"]),
                        ),
                        max_size=2,
                        unique=True,
                    )
                )
            )
        ),
        travel_minutes={"part-dieu": 20},
        count_tentative_as_busy=draw(st.booleans()),
        lunch_min_minutes=draw(st.sampled_from([0, 45, 90])),
    )
    principal = Participant(
        key="p@x", name="P", tz=profile.timezone, busy=draw(busy_lists(window.start))
    )
    others = []
    for i in range(draw(st.integers(0, 3))):
        days = draw(st.sampled_from([frozenset(range(1, 6)), frozenset(range(1, 8))]))
        hours = WorkingHours(
            time(draw(st.integers(5, 11)), draw(st.sampled_from([0, 30]))),
            time(draw(st.integers(15, 22)), draw(st.sampled_from([0, 30]))),
            days,
        )
        others.append(
            Participant(
                key=f"o{i}@x",
                name=f"O{i}",
                tz=draw(st.sampled_from(ZONES)),
                hours=hours,
                country=draw(st.sampled_from(COUNTRIES)),
                busy=draw(busy_lists(window.start)),
            )
        )
    query = SlotQuery(
        duration=timedelta(minutes=15 * draw(st.integers(1, 8))),
        window=window,
        kind=draw(st.sampled_from([None, "1on1", "external", "lunch", "call"])),
        count=draw(st.integers(1, 5)),
        location=draw(st.sampled_from(LOCATIONS)),
    )
    now = window.start + timedelta(hours=draw(st.integers(-24, 30)))
    return query, principal, others, profile, now


def inside_hours(
    start: datetime, end: datetime, tz: str, ranges: dict[int, tuple[time, time]]
) -> bool:
    local_start, local_end = start.astimezone(ZoneInfo(tz)), end.astimezone(ZoneInfo(tz))
    day_range = ranges.get(local_start.isoweekday())
    if day_range is None or local_start.date() != local_end.date():
        return False
    return day_range[0] <= local_start.time() and local_end.time() <= day_range[1]


def on_holiday(start: datetime, end: datetime, tz: str, country: str | None) -> bool:
    if country is None:
        return False
    table = holidays.country_holidays(country, years=(start.year, end.year))
    return any(
        t.astimezone(ZoneInfo(tz)).date() in table for t in (start, end - timedelta(seconds=1))
    )


def counted(busy: list[Busy] | tuple[Busy, ...], profile: Profile) -> list[Busy]:
    return [b for b in busy if profile.count_tentative_as_busy or not b.tentative]


def check_principal_rules(
    start: datetime, end: datetime, principal: Participant, profile: Profile, query: SlotQuery
) -> None:
    buffer = timedelta(minutes=profile.buffer_minutes)
    trip = timedelta(minutes=profile.travel_for(query.location))
    for b in counted(principal.busy, profile):
        pad = buffer + timedelta(minutes=profile.travel_for(b.location))
        assert start - trip >= b.span.end + pad or end + trip <= b.span.start - pad
    tz = ZoneInfo(profile.timezone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    for half in profile.no_meeting:
        if half.weekday == local_start.isoweekday():
            r = half.range()
            assert local_end.time() <= r.start or local_start.time() >= r.end
    if query.kind == "lunch":
        assert profile.lunch.start <= local_start.time()
        assert local_end.time() <= profile.lunch.end
    if query.kind != "lunch" and profile.lunch_min_minutes:
        day = local_start.date()
        lunch_start = datetime.combine(day, profile.lunch.start, tz).astimezone(UTC)
        lunch_end = datetime.combine(day, profile.lunch.end, tz).astimezone(UTC)
        if end <= lunch_start or lunch_end <= start:
            return  # a meeting outside the lunch window cannot take lunch time
        taken = sorted(
            [(start, end)] + [(b.span.start, b.span.end) for b in counted(principal.busy, profile)]
        )
        cursor, longest = lunch_start, timedelta(0)
        for s, e in taken:
            if s > cursor:
                longest = max(longest, min(s, lunch_end) - cursor)
            cursor = max(cursor, e)
        longest = max(longest, lunch_end - cursor)
        assert longest >= timedelta(minutes=profile.lunch_min_minutes)


def check(
    result: SlotResult,
    query: SlotQuery,
    principal: Participant,
    others: list[Participant],
    profile: Profile,
    now: datetime,
) -> None:
    principal_hours = {d: (r.start, r.end) for d, r in profile.hours.items()}
    assert len(result.slots) <= query.count
    for slot in result.slots:
        start, end = slot.span.start, slot.span.end
        assert end - start == query.duration
        assert start >= now
        assert query.window.start <= start
        assert end <= query.window.end
        assert inside_hours(start, end, profile.timezone, principal_hours)
        assert not on_holiday(start, end, profile.timezone, profile.country)
        check_principal_rules(start, end, principal, profile, query)
        for other in others:
            ranges = dict.fromkeys(other.hours.days, (other.hours.start, other.hours.end))
            assert inside_hours(start, end, other.tz, ranges)
            assert not on_holiday(start, end, other.tz, other.country)
            for b in counted(other.busy, profile):
                assert end <= b.span.start or b.span.end <= start
        assert set(slot.local_times) == {p.key for p in (principal, *others)}
    if not result.slots:
        assert result.blocked_by is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_every_slot_is_free_inside_hours_off_holidays_and_keeps_buffers(scenario):
    query, principal, others, profile, now = scenario
    result = find_slots(query, principal=principal, others=others, profile=profile, now=now)
    check(result, query, principal, others, profile, now)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_ordering_by_earliest_returns_the_same_rules_and_chronological_slots(scenario):
    query, principal, others, profile, now = scenario
    earliest = SlotQuery(
        duration=query.duration, window=query.window, kind=query.kind, count=query.count,
        location=query.location, order="earliest",
    )  # fmt: skip
    result = find_slots(earliest, principal=principal, others=others, profile=profile, now=now)
    check(result, earliest, principal, others, profile, now)
    starts = [s.span.start for s in result.slots]
    assert starts == sorted(starts)
