"""Stretching everyone's day when no single constraint giving way is enough."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from binome.domain.model import WorkingHours
from binome.domain.profile import Profile
from binome.domain.timing import Span
from binome.engine.slot_relax import minutes_outside, stretch_hours, widen
from binome.engine.slot_score import Slot
from binome.engine.slots import Participant, SlotQuery, find_slots

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
CLAIRE = Participant(key="claire@binome.fr", name="Claire", tz="Europe/Paris", country="FR")
PAUL = Participant(key="paul@example.com", name="Paul", tz="America/New_York", country="US")
MEI = Participant(key="mei@example.sg", name="Mei", tz="Asia/Singapore", country="SG")
WEEK = Span(datetime(2026, 11, 30, tzinfo=PARIS), datetime(2026, 12, 5, tzinfo=PARIS))


def slot(start: datetime, minutes: int) -> Slot:
    span = Span(start, start + timedelta(minutes=minutes))
    return Slot(span=span, score=0.0, reasons=(), local_times={})


def english(msgid: str, params: dict[str, object]) -> str:
    shown = {k: english(v.msgid, v.params) if hasattr(v, "msgid") else v for k, v in params.items()}
    return msgid.format(**shown)


def test_with_no_common_hours_both_remote_people_are_asked_to_stretch_evenly() -> None:
    query = SlotQuery(duration=timedelta(minutes=45), window=WEEK, count=3)
    plain = find_slots(query, principal=CLAIRE, others=(PAUL, MEI), profile=Profile(), now=NOW)
    assert plain.slots == ()
    assert plain.near_misses == ()  # no single relaxation frees anything
    misses = stretch_hours(query, principal=CLAIRE, others=(PAUL, MEI), profile=Profile(), now=NOW)
    assert len(misses) == 3
    for miss in misses:
        assert minutes_outside(miss.slot, PAUL) > timedelta(0)
        assert minutes_outside(miss.slot, MEI) > timedelta(0)
        local = miss.slot.span.start.astimezone(PARIS).time()
        assert time(8, 30) <= local  # the principal's own hours still hold
    first = misses[0]
    # 9:00-18:00 in New York and Singapore are 13 h apart: the fairest 45 min asks
    # 2 h 30 of Paul (06:30) and 2 h 15 of Mei (until 20:15).
    assert first.slot.span.start.astimezone(ZoneInfo("America/New_York")).time() == time(6, 30)
    words = english(first.relaxed.msgid, first.relaxed.params)
    assert words == "only if Paul (06:30-07:15) and Mei (19:30-20:15) accept, their time"


def test_when_one_person_stretches_the_words_name_only_them() -> None:
    late_mei = Participant(key="mei@example.sg", name="Mei", tz="Asia/Singapore",
                           hours=WorkingHours(time(9, 0), time(22, 0)), country="SG")  # fmt: skip
    query = SlotQuery(duration=timedelta(minutes=45), window=WEEK, count=1)
    [miss] = stretch_hours(
        query, principal=CLAIRE, others=(PAUL, late_mei), profile=Profile(), now=NOW
    )
    assert miss.relaxed.msgid == "only if {name} accepts {start}-{end} their time"
    assert miss.relaxed.params["name"] == "Paul"
    assert (miss.relaxed.params["start"], miss.relaxed.params["end"]) == ("08:15", "09:00")


def test_widening_never_goes_before_six_or_after_ten() -> None:
    hours = widen(WorkingHours(time(7, 0), time(21, 0)), timedelta(hours=3))
    assert (hours.start, hours.end) == (time(6, 0), time(22, 0))
    early = widen(WorkingHours(time(5, 0), time(23, 0)), timedelta(hours=1))
    assert (early.start, early.end) == (time(5, 0), time(23, 0))


def test_time_outside_hours_is_counted_in_the_persons_own_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    assert minutes_outside(slot(datetime(2026, 12, 1, 8, 30, tzinfo=new_york), 60), PAUL) == (
        timedelta(minutes=30)
    )
    assert minutes_outside(slot(datetime(2026, 12, 1, 10, 0, tzinfo=new_york), 60), PAUL) == (
        timedelta(0)
    )
    saturday = slot(datetime(2026, 12, 5, 10, 0, tzinfo=new_york), 60)
    assert minutes_outside(saturday, PAUL) == timedelta(hours=1)
