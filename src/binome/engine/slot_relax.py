"""Closest options when no single constraint giving way is enough: stretch everyone's day.

The slot finder (``engine.slots``) relaxes one hard constraint at a time to name the
closest options. When the participants' zones share no working time at all (New York,
Lyon and Singapore, each working 9:00-18:00), no single relaxation frees anything: two
people would have to stretch their day, so the finder can only name what blocks most.
This module asks the same question again with every other participant's hours widened
*together*, by growing steps (15 minutes to 3 hours on each side, never before 06:00 nor
after 22:00 local time), and words each option by who would have to accept which local
time: "only if Emily Carter (06:30-07:15) and Wei Ling Tan (19:30-20:15) accept, their
time". Options are ranked by what they ask of people: the fewest minutes outside one
person's own hours first (nobody should carry the whole stretch), then in total.

Only working hours give way here: busy time, public holidays, the principal's own hours
and rules still hold, so every option is one the principal could really take.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, time, timedelta

from binome.domain.errors import N_
from binome.domain.model import WorkingHours
from binome.domain.profile import Profile
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.availability import Participant
from binome.engine.slot_score import Slot
from binome.engine.slots import NearMiss, SlotQuery, find_slots

__all__ = ["STEPS", "minutes_outside", "stretch_hours", "widen"]

STEPS = tuple(timedelta(minutes=m) for m in range(15, 181, 15))  # fine steps: tight options
MAX_ASKED = 50
EARLIEST, LATEST = time(6, 0), time(22, 0)


def stretch_hours(
    query: SlotQuery,
    *,
    principal: Participant,
    others: Sequence[Participant],
    profile: Profile,
    now: datetime,
) -> tuple[NearMiss, ...]:
    """The slots that ask the least of people when everyone's hours are widened by the least
    step that leaves any: fewest minutes outside anyone's own hours (the most asked of one
    person first, then in total), then the finder's own ranking. Each names whom it asks."""
    wide = replace(query, count=min(MAX_ASKED, query.count * 4), order="best")
    for step in STEPS:
        wider = [replace(p, hours=widen(p.hours, step)) for p in others]
        found = find_slots(wide, principal=principal, others=wider, profile=profile, now=now)
        if found.slots:
            ranked = sorted(found.slots, key=lambda s: (*_asked(s, others), -s.score, s.span.start))
            return tuple(NearMiss(slot=s, relaxed=_words(s, others)) for s in ranked[: query.count])
    return ()


def _asked(slot: Slot, others: Sequence[Participant]) -> tuple[timedelta, timedelta]:
    """The most asked of one person, and in total: time outside their own hours."""
    asked = [minutes_outside(slot, p) for p in others]
    return max(asked, default=timedelta(0)), sum(asked, timedelta(0))


def widen(hours: WorkingHours, step: timedelta) -> WorkingHours:
    """``hours`` grown by ``step`` on each side, within ``EARLIEST``-``LATEST``."""
    day = datetime(2000, 1, 3)
    start = max(datetime.combine(day, hours.start) - step, datetime.combine(day, EARLIEST))
    end = min(datetime.combine(day, hours.end) + step, datetime.combine(day, LATEST))
    return WorkingHours(min(start.time(), hours.start), max(end.time(), hours.end), hours.days)


def minutes_outside(slot: Slot, person: Participant) -> timedelta:
    """How much of ``slot`` lies outside ``person``'s own working hours, in their zone (the
    whole slot on a day they do not work)."""
    tz = zone(person.tz)
    start, end = slot.span.start.astimezone(tz), slot.span.end.astimezone(tz)
    if start.isoweekday() not in person.hours.days:
        return end - start
    day_start = datetime.combine(start.date(), person.hours.start, tz)
    day_end = datetime.combine(start.date(), person.hours.end, tz)
    inside = min(end, day_end) - max(start, day_start)
    return (end - start) - max(inside, timedelta(0))


def _words(slot: Slot, others: Sequence[Participant]) -> Message:
    asked = [p for p in others if minutes_outside(slot, p)]
    if len(asked) == 1:
        tz = zone(asked[0].tz)
        start, end = (f"{t.astimezone(tz):%H:%M}" for t in (slot.span.start, slot.span.end))
        words = N_("only if {name} accepts {start}-{end} their time")
        return Message.of(words, name=asked[0].name, start=start, end=end)
    named = [f"{p.name} ({_hm(slot, p)})" for p in asked]
    people = Message.of(N_("{some} and {last}"), some=", ".join(named[:-1]), last=named[-1])
    return Message.of(N_("only if {people} accept, their time"), people=people)


def _hm(slot: Slot, person: Participant) -> str:
    tz = zone(person.tz)
    return f"{slot.span.start.astimezone(tz):%H:%M}-{slot.span.end.astimezone(tz):%H:%M}"
