"""Free time for the planner: the principal's working time minus meetings, and the assistant's.

The principal's free time is built with the same layers as the slot finder
(``engine.availability``): working hours per weekday in the profile's zone, minus public
holidays, minus the no-meeting half-days (reserved for the principal's own focus, so no task
block lands there either: issue 6), minus busy occurrences grown by the buffer on each side,
minus travel to off-site meetings, minus a lunch of ``lunch_min_minutes`` in the lunch window
(the first free stretch long enough, so a lunch meeting leaves the rest of the window free).
Focus windows of the profile, and calendar events of kind ``focus``, are flagged ``focus``:
the planner prefers them for deep work.

The assistant is modelled as default working hours (09:00-18:00, Monday to Friday) in the
workspace's zone, minus the workspace's holidays: binome does not hold the assistant's
calendar yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from binome.domain import intervals as iv
from binome.domain.model import WorkingHours
from binome.domain.profile import Profile
from binome.domain.timing import Span
from binome.engine import availability as av
from binome.engine.availability import Busy
from binome.engine.planner import FreeWindow

__all__ = ["assistant_free", "principal_free"]


def _lunches(profile: Profile, free: iv.IntervalSet, window: iv.Interval) -> iv.IntervalSet:
    """One lunch per working day: the first ``lunch_min_minutes`` of the first free stretch
    of the lunch window that is long enough (none if meetings leave no such stretch)."""
    need = timedelta(minutes=profile.lunch_min_minutes)
    out: iv.IntervalSet = []
    if not need:
        return out
    for lunch in av.lunch_windows(profile, window).values():
        for start, end in iv.intersect(free, [lunch]):
            if end - start >= need:
                out.append((start, start + need))
                break
    return iv.normalize(out)


def principal_free(
    profile: Profile, busy: Sequence[Busy], window: Span, focus_spans: Sequence[Span] = ()
) -> list[FreeWindow]:
    """The principal's free windows in ``window``, focus windows flagged."""
    w = (window.start, window.end)
    buffer = timedelta(minutes=profile.buffer_minutes)
    taken = av.busy_intervals(busy, count_tentative=profile.count_tentative_as_busy)
    blocked = iv.union(
        iv.expand(taken, buffer, buffer),
        iv.expand(av.travel_blocked(busy, profile), buffer, buffer),
    )
    free = iv.intersect(
        av.principal_hours(profile, w),
        av.holiday_free(profile.country, profile.region, profile.timezone, w),
    )
    free = iv.subtract(free, av.no_meeting_intervals(profile, w))
    free = iv.subtract(free, blocked)
    free = iv.subtract(free, _lunches(profile, free, w))
    focus = iv.union(
        av.window_intervals(profile, ((f.days, f.range) for f in profile.focus_windows), w),
        iv.from_spans(focus_spans),
    )
    return [
        *(FreeWindow(span=Span(a, b), focus=True) for a, b in iv.intersect(free, focus)),
        *(FreeWindow(span=Span(a, b)) for a, b in iv.subtract(free, focus)),
    ]


def assistant_free(
    tz: str, country: str | None, region: str | None, window: Span
) -> list[FreeWindow]:
    """The assistant's working time in ``window`` (default hours in the workspace zone)."""
    w = (window.start, window.end)
    hours = av.working_intervals(WorkingHours(), tz, w)
    free = iv.intersect(hours, av.holiday_free(country, region, tz, w))
    return [FreeWindow(span=Span(a, b), owner="assistant") for a, b in free]
