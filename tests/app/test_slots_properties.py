"""Property: whatever the window, no slot from the store overlaps what the agenda shows busy.

The oracle is independent of the slot finder: the agenda use case (``app.calendar.agenda``)
lists the principal's occurrences with their ``busy`` flag; every proposed slot must keep
the profile's buffer away from each busy item, and lie inside the principal's hours in
Paris and Paul's hours in New York, on no public holiday of either country.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binome.app.calendar import NewEvent, add_event, agenda
from binome.app.items import add_person
from binome.app.slots import suggest_slots
from binome.domain.model import EventStatus
from tests.app.conftest import open_app

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
FIRST = date(2026, 11, 30)  # a Monday; the window runs into the Christmas holidays


@pytest.fixture
def busy_workspace(workspace_url: str) -> str:
    """Six weeks of a seeded, messy calendar: series, tentative, cancelled, all-day."""
    app = open_app(workspace_url)
    add_person(app, name="Paul", email="paul@example.com", tz="America/New_York", country="US",
               hours="08:00-17:00")  # fmt: skip
    rng = random.Random(5)
    for k in range(60):
        day = FIRST + timedelta(days=rng.randrange(42))
        start = datetime.combine(day, time(rng.randrange(7, 19), rng.choice((0, 20, 30, 45))))
        end = start + timedelta(minutes=rng.choice((25, 45, 60, 90)))
        status = rng.choice([EventStatus.CONFIRMED] * 4 + [EventStatus.TENTATIVE,
                            EventStatus.CANCELLED])  # fmt: skip
        add_event(app, NewEvent(
            title=f"m{k}", start=start.replace(tzinfo=PARIS), end=end.replace(tzinfo=PARIS),
            status=status, rrule="FREQ=WEEKLY;COUNT=3" if k % 10 == 0 else None,
            attendees=["paul@example.com"] if k % 7 == 0 else (),
        ))  # fmt: skip
    add_event(app, NewEvent(title="Séminaire", start=FIRST + timedelta(days=9),
                            end=FIRST + timedelta(days=10)))  # fmt: skip
    return workspace_url


def _busy_spans(url: str, start: date, end: date) -> list[tuple[datetime, datetime]]:
    items = agenda(open_app(url), start=start.isoformat(), end=end.isoformat())["items"]
    spans = []
    for item in items:
        if not item["busy"]:
            continue
        lo, hi = (datetime.fromisoformat(item[k]) for k in ("start", "end"))
        if item["all_day"]:
            lo, hi = (datetime.combine(d.date(), time(0), PARIS) for d in (lo, hi))
        spans.append((lo, hi))
    return spans


def _inside(moment: datetime, end: datetime, tz: ZoneInfo, lo: time, hi: time) -> bool:
    a, b = moment.astimezone(tz), end.astimezone(tz)
    return a.date() == b.date() and lo <= a.time() and b.time() <= hi and a.isoweekday() <= 5


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    offset=st.integers(min_value=0, max_value=34),
    days=st.integers(min_value=1, max_value=7),
    minutes=st.sampled_from([30, 45, 60, 90]),
    kind=st.sampled_from([None, "external", "1on1", "call"]),
)
def test_no_slot_overlaps_a_busy_item_or_leaves_anyones_hours(
    busy_workspace: str, offset: int, days: int, minutes: int, kind: str | None
) -> None:
    first = FIRST + timedelta(days=offset)
    last = first + timedelta(days=days)
    answer = suggest_slots(open_app(busy_workspace), emails=["paul@example.com"],
                           duration=f"{minutes}m", start=first.isoformat(),
                           end=last.isoformat(), kind=kind, count=8)  # fmt: skip
    busy = _busy_spans(busy_workspace, first - timedelta(days=1), last + timedelta(days=1))
    buffer = timedelta(minutes=10)  # the default profile's
    off = holidays.country_holidays("FR", years=2026) | holidays.country_holidays("US", years=2026)
    for slot in answer.result.slots:
        s, e = slot.span.start, slot.span.end
        assert e - s == timedelta(minutes=minutes)
        for lo, hi in busy:
            assert e + buffer <= lo or hi + buffer <= s, (s, lo, hi)
        assert _inside(s, e, PARIS, time(8, 30), time(19, 0) if s.astimezone(PARIS)
                       .isoweekday() < 5 else time(17, 0))  # fmt: skip
        assert _inside(s, e, NEW_YORK, time(8, 0), time(17, 0))
        assert s.astimezone(PARIS).date() not in off
        assert s.astimezone(NEW_YORK).date() not in off
