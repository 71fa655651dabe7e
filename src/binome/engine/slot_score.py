"""How the slot finder ranks feasible slots and explains each one in plain words.

Only *soft* preferences live here; a slot reaching the scorer already satisfies every hard
constraint. The score is a sum of small terms, chosen so that their order of importance
is clear and stable:

- +3   inside the principal's preferred window for the kind of meeting
- -2   overlaps a focus window (focus blocks are protected, softly); -2 more when the
       free focus time left that week would fall below the weekly focus target
- 0..1 day not overloaded (1 - meeting hours after / daily max); -3 and more when over
- -2   week over its maximum meeting hours
- +0.5 round start (:00 or :30 in the principal's zone); -0.25 for off-quarter starts
- 0..-1 earlier in the window is slightly better

Scores are rounded to 1e-6 so ties (broken by start time) are exact and deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from binome.domain import intervals as iv
from binome.domain.errors import N_
from binome.domain.profile import Profile
from binome.domain.text import Message
from binome.domain.timing import Span, zone
from binome.engine import availability as av
from binome.engine.availability import Participant

if TYPE_CHECKING:
    from binome.engine.slots import SlotQuery

__all__ = ["Scorer", "Slot", "candidate_starts"]

QUARTER = 900  # seconds
PREFERRED_WORDS = {
    "lunch": N_("preferred window for lunches"),
    "1on1": N_("preferred window for one-to-ones"),
    "external": N_("preferred window for external meetings"),
    "call": N_("preferred window for calls"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    """A proposed time: ``local_times`` maps each participant's key to the start in their zone."""

    span: Span
    score: float
    reasons: tuple[Message, ...]
    local_times: dict[str, datetime]


def candidate_starts(feasible: iv.IntervalSet, duration: timedelta) -> Iterator[datetime]:
    """Each gap's start, then every quarter hour (UTC, so every usual zone) that still fits."""
    step = timedelta(seconds=QUARTER)
    for start, end in iv.gaps(feasible, duration):
        last = end - duration
        yield start
        seconds = start.timestamp()
        aligned = datetime.fromtimestamp(-(-seconds // QUARTER) * QUARTER, UTC)
        if aligned == start:
            aligned += step
        while aligned <= last:
            yield aligned
            aligned += step


def _by_week(pairs: iv.IntervalSet, tz: tzinfo) -> dict[tuple[int, int], timedelta]:
    """Total length per ISO week (of each pair's local start)."""
    out: dict[tuple[int, int], timedelta] = {}
    for start, end in pairs:
        week = start.astimezone(tz).date().isocalendar()[:2]
        out[week] = out.get(week, timedelta(0)) + (end - start)
    return out


def _city(tz: str) -> str:
    return tz.rsplit("/", 1)[-1].replace("_", " ")


@dataclass(frozen=True, slots=True, kw_only=True)
class Scorer:
    """Everything ranking needs, precomputed once per query."""

    query: SlotQuery
    profile: Profile
    people: tuple[Participant, ...]
    window: iv.Interval
    preferred: iv.IntervalSet
    focus: iv.IntervalSet
    focus_left: dict[tuple[int, int], timedelta]
    lunch: dict[date, iv.Interval]
    lunch_free: dict[date, iv.IntervalSet]
    day_load: dict[date, timedelta]
    week_load: dict[tuple[int, int], timedelta]

    @classmethod
    def build(
        cls,
        query: SlotQuery,
        principal: Participant,
        others: Sequence[Participant],
        profile: Profile,
        window: iv.Interval,
    ) -> Scorer:
        busy = av.busy_intervals(principal.busy, count_tentative=profile.count_tentative_as_busy)
        tz = zone(profile.timezone)
        day_load: dict[date, timedelta] = {}
        week_load: dict[tuple[int, int], timedelta] = {}
        for start, end in busy:
            day = start.astimezone(tz).date()
            day_load[day] = day_load.get(day, timedelta(0)) + (end - start)
            week = day.isocalendar()[:2]
            week_load[week] = week_load.get(week, timedelta(0)) + (end - start)
        lunch = av.lunch_windows(profile, window)
        focus_windows = ((w.days, w.range) for w in profile.focus_windows)
        focus = av.window_intervals(profile, focus_windows, window)
        kind_windows = profile.preferred.get(query.kind, ()) if query.kind else ()
        return cls(
            query=query,
            profile=profile,
            people=(principal, *others),
            window=window,
            preferred=av.window_intervals(
                profile, ((w.days, w.range) for w in kind_windows), window
            ),
            focus=focus,
            focus_left=_by_week(iv.subtract(focus, busy), tz),
            lunch=lunch,
            lunch_free={day: iv.subtract([pair], busy) for day, pair in lunch.items()},
            day_load=day_load,
            week_load=week_load,
        )

    def lunch_ok(self, start: datetime, end: datetime) -> bool:
        """Whether at least ``lunch_min_minutes`` of the lunch window stay free in one piece."""
        if self.query.kind == "lunch" or self.profile.lunch_min_minutes == 0:
            return True
        day = start.astimezone(zone(self.profile.timezone)).date()
        window = self.lunch.get(day)
        if window is None or end <= window[0] or window[1] <= start:
            return True
        rest = iv.subtract(self.lunch_free[day], [(start, end)])
        need = timedelta(minutes=self.profile.lunch_min_minutes)
        return any(e - s >= need for s, e in rest)

    def value(self, start: datetime, end: datetime) -> float:
        return self.assess(start, end, explain=False)[0]

    def slot(self, start: datetime, end: datetime) -> Slot:
        score, reasons = self.assess(start, end)
        by_zone = {
            tz: start.astimezone(zone(tz)) for tz in dict.fromkeys(p.tz for p in self.people)
        }
        local = {p.key: by_zone[p.tz] for p in self.people}
        return Slot(span=Span(start, end), score=score, reasons=tuple(reasons), local_times=local)

    def assess(
        self, start: datetime, end: datetime, *, explain: bool = True
    ) -> tuple[float, list[Message]]:
        """The score of ``[start, end)`` and (if ``explain``) the reasons, in plain words."""
        profile, duration = self.profile, end - start
        local = start.astimezone(zone(profile.timezone))
        score = 0.0
        reasons = [self._hours_words(start)] if explain else []
        if profile.buffer_minutes:
            reasons.append(
                Message.of(N_("buffer of {minutes} min kept"), minutes=profile.buffer_minutes)
            )
        trip = profile.travel_for(self.query.location)
        if trip:
            reasons.append(
                Message.of(N_("{minutes} min of travel kept before and after"), minutes=trip)
            )
        if self.preferred and iv.contains(self.preferred, (start, end)):
            score += 3.0
            reasons.append(Message.of(PREFERRED_WORDS[self.query.kind or "external"]))
        if self.focus:
            taken = iv.total(iv.intersect(self.focus, [(start, end)]))
            if taken:
                score -= 2.0
                reasons.append(Message.of(N_("takes time from a focus block")))
                week = local.date().isocalendar()[:2]
                left = self.focus_left.get(week, timedelta(0)) - taken
                if left < timedelta(hours=profile.focus_hours_week):
                    score -= 2.0
                    target = profile.focus_hours_week
                    words = N_("focus target of {hours} h this week at risk")
                    reasons.append(Message.of(words, hours=target))
            else:
                reasons.append(Message.of(N_("focus block untouched")))
        score += self._load_term(local.date(), duration, reasons)
        minute = local.minute
        score += 0.5 if minute in (0, 30) else (0.0 if minute % 15 == 0 else -0.25)
        span = (self.window[1] - self.window[0]).total_seconds() or 1.0
        score -= (start - self.window[0]).total_seconds() / span
        return round(score, 6), reasons

    def _load_term(self, day: date, duration: timedelta, reasons: list[Message]) -> float:
        profile = self.profile
        hours = (self.day_load.get(day, timedelta(0)) + duration).total_seconds() / 3600
        week = (
            self.week_load.get(day.isocalendar()[:2], timedelta(0)) + duration
        ).total_seconds() / 3600
        shown = round(hours, 1)
        if hours <= profile.max_meeting_hours_day:
            term = (
                1.0 - hours / profile.max_meeting_hours_day
                if profile.max_meeting_hours_day
                else 0.0
            )
            reasons.append(
                Message.of(N_("day not overloaded ({hours} h of meetings)"), hours=shown)
            )
        else:
            term = -3.0 - (hours - profile.max_meeting_hours_day)
            reasons.append(Message.of(N_("busy day ({hours} h of meetings, {max} h at most)"),
                                      hours=shown, max=profile.max_meeting_hours_day))  # fmt: skip
        if week > profile.max_meeting_hours_week:
            term -= 2.0
            reasons.append(
                Message.of(
                    N_("week over its {max} h of meetings"), max=profile.max_meeting_hours_week
                )
            )
        return term

    def _hours_words(self, start: datetime) -> Message:
        seen: dict[str, str] = {}
        for tz in dict.fromkeys(p.tz for p in self.people):
            seen.setdefault(_city(tz), start.astimezone(zone(tz)).strftime("%H:%M"))
        times = ", ".join(f"{city} {hm}" for city, hm in seen.items())
        return Message.of(N_("inside everyone's hours: {times}"), times=times)
