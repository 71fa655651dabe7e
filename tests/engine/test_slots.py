"""The slot finder on scenarios with known answers: Lyon, New York, Singapore and the rules."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from binome.domain.errors import InvalidInput
from binome.domain.model import WorkingHours
from binome.domain.profile import Profile, set_profile_value
from binome.domain.text import Message
from binome.domain.timing import Span
from binome.engine.messages_fr import FR
from binome.engine.slots import Busy, Participant, SlotQuery, SlotResult, find_slots

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def paris(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def english(m: Message) -> str:
    return m.msgid.format(**m.params)


CLAIRE = Participant(key="claire@binome.fr", name="Claire", tz="Europe/Paris", country="FR")
PAUL = Participant(
    key="paul@example.com",
    name="Paul",
    tz="America/New_York",
    hours=WorkingHours(time(7, 30), time(18, 0)),
    country="US",
)
MEI = Participant(
    key="mei@example.sg",
    name="Mei",
    tz="Asia/Singapore",
    hours=WorkingHours(time(9, 0), time(21, 30)),
    country="SG",
)


def find(
    window: Span,
    minutes: int,
    *,
    profile: Profile | None = None,
    principal: Participant = CLAIRE,
    others: tuple[Participant, ...] = (),
    now: datetime = NOW,
    **query: object,
) -> SlotResult:
    q = SlotQuery(duration=timedelta(minutes=minutes), window=window, **query)  # type: ignore[arg-type]
    return find_slots(
        q, principal=principal, others=others, profile=profile or Profile.default(), now=now
    )


def with_busy(person: Participant, *busy: Busy) -> Participant:
    return Participant(
        key=person.key,
        name=person.name,
        tz=person.tz,
        hours=person.hours,
        country=person.country,
        busy=busy,
    )


def test_lyon_new_york_and_singapore_meet_in_their_one_narrow_window():
    result = find(Span(paris(7, 0), paris(12, 0)), 45, others=(PAUL, MEI), kind="call")
    assert len(result.slots) == 5
    for slot in result.slots:  # common time is 13:30-14:30 Paris = 07:30 NY = 20:30 Singapore
        local = slot.span.start.astimezone(PARIS)
        assert time(13, 30) <= local.time() <= time(13, 45)
    best = result.slots[0]
    words = english(best.reasons[0])
    assert "Paris 13:30" in words
    assert "New York 07:30" in words
    assert "Singapore 20:30" in words
    assert best.local_times["paul@example.com"].strftime("%H:%M") == "07:30"
    assert best.local_times["mei@example.sg"].strftime("%H:%M") == "20:30"


def test_when_the_window_is_too_narrow_the_blocker_is_named_with_near_misses():
    result = find(Span(paris(7, 0), paris(8, 0)), 90, others=(PAUL, MEI))
    assert result.slots == ()
    assert result.blocked_by is not None
    assert "working hours" in english(result.blocked_by)
    assert result.near_misses
    assert any(
        re.search(r"only if (Paul|Mei) accepts", english(m.relaxed)) for m in result.near_misses
    )


def test_a_us_holiday_blocks_that_day_for_new_york():
    thanksgiving = Span(paris(26, 0, month=11), paris(28, 0, month=11))
    result = find(thanksgiving, 45, others=(PAUL,))
    assert result.slots
    assert all(
        s.span.start.astimezone(ZoneInfo("America/New_York")).day == 27 for s in result.slots
    )
    only_thursday = find(Span(paris(26, 0, month=11), paris(27, 0, month=11)), 45, others=(PAUL,))
    assert only_thursday.slots == ()
    assert only_thursday.blocked_by is not None
    assert english(only_thursday.blocked_by) == "a public holiday of Paul (US)"
    assert "only if Paul meets on a public holiday" in english(only_thursday.near_misses[0].relaxed)


def test_no_meeting_wednesday_afternoon_is_never_proposed():
    profile = set_profile_value(Profile.default(), "no_meeting", "wed-pm")
    result = find(Span(paris(9, 0), paris(10, 0)), 60, profile=profile, count=10)
    assert result.slots
    assert all(s.span.end <= paris(9, 13) for s in result.slots)
    afternoon = find(Span(paris(9, 13), paris(9, 19)), 60, profile=profile)
    assert afternoon.slots == ()
    assert afternoon.blocked_by is not None
    assert english(afternoon.blocked_by) == "the no-meeting time (wed-pm)"


def test_the_buffer_around_an_existing_meeting_is_kept():
    profile = set_profile_value(Profile.default(), "buffer_minutes", "15")
    claire = with_busy(CLAIRE, Busy(span=Span(paris(7, 10), paris(7, 11))))
    tight = find(Span(paris(7, 9), paris(7, 12)), 60, profile=profile, principal=claire)
    assert tight.slots == ()
    assert tight.blocked_by is not None
    assert english(tight.blocked_by) == "the 15 min buffer between meetings"
    assert "less than 15 min" in english(tight.near_misses[0].relaxed)
    roomy = find(
        Span(paris(7, 9), paris(7, 12, 30)), 60, profile=profile, principal=claire, order="earliest"
    )
    assert roomy.slots[0].span.start == paris(7, 11, 15)
    assert "buffer of 15 min kept" in [english(m) for m in roomy.slots[0].reasons]


def test_travel_time_is_kept_around_an_off_site_meeting():
    profile = set_profile_value(Profile.default(), "travel.part-dieu", "20")
    claire = with_busy(
        CLAIRE, Busy(span=Span(paris(7, 10), paris(7, 11)), location="Tour Part-Dieu")
    )
    result = find(
        Span(paris(7, 10), paris(7, 13)), 30, profile=profile, principal=claire, order="earliest"
    )
    assert result.slots[0].span.start == paris(7, 11, 30)  # 20 min travel + 10 min buffer


def test_a_meeting_off_site_needs_its_own_travel_time():
    profile = set_profile_value(Profile.default(), "buffer_minutes", "0")
    claire = with_busy(CLAIRE, Busy(span=Span(paris(7, 10), paris(7, 11))))
    result = find(
        Span(paris(7, 11), paris(7, 13)),
        30,
        profile=profile,
        principal=claire,
        location="Lyon Confluence",
        order="earliest",
    )
    assert result.slots[0].span.start == paris(7, 11, 30)  # default 30 min off-site
    assert "30 min of travel kept before and after" in [english(m) for m in result.slots[0].reasons]


def test_lunch_keeps_its_minimum_free_unless_the_meeting_is_the_lunch():
    profile = set_profile_value(Profile.default(), "buffer_minutes", "0")
    claire = with_busy(CLAIRE, Busy(span=Span(paris(7, 12), paris(7, 13))))
    blocked = find(Span(paris(7, 12), paris(7, 14, 30)), 60, profile=profile, principal=claire)
    assert blocked.slots == ()
    assert blocked.blocked_by is not None
    assert english(blocked.blocked_by) == "the lunch break (45 min kept free)"
    lunch = find(
        Span(paris(7, 12), paris(7, 14, 30)), 60, profile=profile, principal=claire, kind="lunch"
    )
    assert lunch.slots[0].span.start == paris(7, 13)


def test_the_preferred_window_for_lunches_ranks_first():
    profile = set_profile_value(Profile.default(), "preferred.lunch", "mon-fri 12:15-14:00")
    result = find(Span(paris(7, 8), paris(7, 19)), 75, profile=profile, kind="lunch")
    best = result.slots[0]
    assert paris(7, 12, 15) <= best.span.start
    assert best.span.end <= paris(7, 14)
    assert "preferred window for lunches" in [english(m) for m in best.reasons]


def test_focus_blocks_are_left_untouched_when_possible():
    profile = set_profile_value(Profile.default(), "focus.windows", "mon 08:30-10:30")
    result = find(Span(paris(7, 8), paris(7, 12)), 60, profile=profile, count=1)
    assert result.slots[0].span.start == paris(7, 10, 30)
    assert "focus block untouched" in [english(m) for m in result.slots[0].reasons]


def test_an_overloaded_day_ranks_below_a_light_one():
    claire = with_busy(
        CLAIRE, *(Busy(span=Span(paris(7, h), paris(7, h + 1))) for h in (9, 10, 11, 14, 15, 16))
    )
    result = find(Span(paris(7, 0), paris(9, 0)), 60, principal=claire, count=1)
    assert result.slots[0].span.start.astimezone(PARIS).day == 8


def test_tentative_events_block_only_if_the_profile_says_so():
    claire = with_busy(CLAIRE, Busy(span=Span(paris(7, 9), paris(7, 18)), tentative=True))
    window = Span(paris(7, 9), paris(7, 18))
    assert find(window, 60, principal=claire).slots == ()
    lax = set_profile_value(Profile.default(), "count_tentative_as_busy", "false")
    assert find(window, 60, principal=claire, profile=lax).slots


def test_nothing_in_the_past_is_proposed():
    window = Span(paris(7, 8), paris(7, 19))
    result = find(window, 30, now=paris(7, 15, 7), order="earliest")
    assert result.slots[0].span.start >= paris(7, 15, 7)
    past = find(window, 30, now=paris(8, 9))
    assert past.slots == ()
    assert past.blocked_by == Message.of("the window is already past")


def test_others_busy_time_is_avoided():
    paul = with_busy(PAUL, Busy(span=Span(paris(7, 13, 30), paris(7, 14, 30))))
    result = find(Span(paris(7, 0), paris(8, 0)), 45, others=(paul, MEI))
    assert result.slots == ()
    assert result.blocked_by is not None
    assert english(result.blocked_by) == "Paul's calendar is full in this window"


def test_ranking_is_deterministic_and_ties_go_to_the_earlier_start():
    window = Span(paris(7, 0), paris(12, 0))
    first = find(window, 45, others=(PAUL, MEI), count=5)
    assert first == find(window, 45, others=(PAUL, MEI), count=5)
    keys = [(-s.score, s.span.start) for s in first.slots]
    assert keys == sorted(keys)


def test_slots_never_overlap_each_other():
    result = find(Span(paris(7, 8), paris(7, 19)), 60, count=8)
    spans = sorted(s.span for s in result.slots)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_a_query_must_make_sense():
    window = Span(paris(7, 8), paris(7, 19))
    with pytest.raises(InvalidInput):
        SlotQuery(duration=timedelta(0), window=window)
    with pytest.raises(InvalidInput):
        SlotQuery(duration=timedelta(minutes=30), window=window, count=0)


def test_every_message_of_the_slot_finder_has_a_french_text():
    src = Path(__file__).resolve().parents[2] / "src" / "binome" / "engine"
    text = (src / "slots.py").read_text() + (src / "slot_score.py").read_text()
    msgids = set(re.findall(r'N_\(\s*"([^"]*)"\s*\)', text))
    assert msgids
    assert msgids <= set(FR), sorted(msgids - set(FR))


def test_a_lunch_is_only_proposed_at_lunch_time():
    result = find(Span(paris(7, 0), paris(12, 0)), 75, kind="lunch", count=5)
    assert len(result.slots) == 5
    for slot in result.slots:
        local = slot.span.start.astimezone(PARIS)
        assert time(12, 0) <= local.time() <= time(12, 45)


def test_a_lunch_in_lyon_with_new_york_is_blocked_by_the_lunch_window():
    result = find(Span(paris(7, 0), paris(12, 0)), 60, others=(PAUL,), kind="lunch")
    assert result.slots == ()
    assert result.blocked_by is not None
    assert english(result.blocked_by) == "the lunch window (12:00-14:00)"


def test_taking_focus_time_below_the_weekly_target_is_flagged():
    profile = set_profile_value(Profile.default(), "focus.windows", "mon 08:30-10:30")
    profile = set_profile_value(profile, "focus.hours_per_week", "2")
    result = find(Span(paris(7, 8, 30), paris(7, 10, 30)), 60, profile=profile, count=1)
    words = [english(m) for m in result.slots[0].reasons]
    assert "takes time from a focus block" in words
    assert "focus target of 2.0 h this week at risk" in words


def test_a_simply_full_day_is_blocked_by_the_calendar_not_by_a_holiday():
    # No holiday on Monday 7 December: its layer allows the whole 9:00-18:00 window, as
    # small as the working hours, and must never be named on that tie.
    claire = with_busy(CLAIRE, Busy(span=Span(paris(7, 8), paris(7, 20))))
    for profile in (Profile.default(), set_profile_value(Profile.default(), "buffer_minutes", "0")):
        for others in ((), (PAUL,)):
            window = Span(paris(7, 9), paris(7, 18))
            result = find(window, 60, profile=profile, principal=claire, others=others)
            assert result.slots == ()
            assert result.blocked_by is not None
            assert english(result.blocked_by) == "Claire's calendar is full in this window"
