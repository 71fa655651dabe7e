"""The slot finder: when can these people meet, honouring the principal's work style?

How it works, and why:

1. Every *hard* constraint is a **layer**: the set of UTC instants it allows inside the
   window (each participant's working hours in their own zone, their public holidays, their
   busy time; the principal's no-meeting half-days, buffers and travel time). The feasible
   time is the intersection of all layers, computed on interval sets
   (``binome.domain.intervals``), never on a minute grid: cost grows with the number of
   events, not with the length of the window.
2. Candidate starts are the start of each feasible gap long enough for the meeting, plus
   every quarter hour inside it. The lunch rule (keep ``lunch_min_minutes`` of the lunch
   window free) depends on the candidate itself, so it is checked per candidate.
3. *Soft* preferences only rank (``engine.slot_score``): preferred window for the kind,
   focus blocks untouched, day not overloaded, earlier, round start. Ties go to the
   earlier start, so the answer is deterministic. Chosen slots never overlap each other.
4. When nothing fits, each relaxable layer is relaxed in turn (dropped, or for working
   hours widened by two hours each side) using prefix/suffix intersections, so this costs
   O(layers) intersections rather than O(layers²). The layer whose relaxation frees the
   most time is ``blocked_by``; the best slot each relaxation allows is a near miss.

The principal's hours, holidays, lunch and rules come from the ``Profile`` (its zone is
the principal's); ``principal.hours`` is not used. Other people's tentative events count
as busy exactly when the principal's do (``Profile.count_tentative_as_busy``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from functools import partial
from typing import Literal

from binome.domain import intervals as iv
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import WorkingHours
from binome.domain.profile import KINDS, Kind, Profile, TimeRange
from binome.domain.text import Message
from binome.domain.timing import Span, zone
from binome.engine import availability as av
from binome.engine.availability import Busy, Participant
from binome.engine.slot_score import Scorer, Slot, candidate_starts

__all__ = ["Busy", "NearMiss", "Participant", "Slot", "SlotQuery", "SlotResult", "find_slots"]

# On equal freed time, name first what is easiest to change: someone's meeting, not their day.
TIE_ORDER = ("busy", "buffers", "travel", "holidays", "no_meeting", "lunch_window", "hours")
WIDEN_STEPS = tuple(timedelta(minutes=m) for m in (30, 60, 90, 120))


@dataclass(frozen=True, slots=True, kw_only=True)
class SlotQuery:
    """What is asked: a meeting of ``duration`` somewhere in ``window``."""

    duration: timedelta
    window: Span
    kind: Kind | None = None
    count: int = 5
    location: str | None = None
    order: Literal["best", "earliest"] = "best"

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0):
            raise InvalidInput(N_("The duration must be positive."), field="duration")
        if self.count < 1:
            raise InvalidInput(N_("Ask for at least one slot."), field="count")
        if self.kind is not None and self.kind not in KINDS:
            raise InvalidInput(N_("Unknown meeting kind: {value}."), field="kind", value=self.kind)


@dataclass(frozen=True, slots=True, kw_only=True)
class NearMiss:
    """A slot that would work if one constraint (``relaxed``, in plain words) gave way."""

    slot: Slot
    relaxed: Message


@dataclass(frozen=True, slots=True, kw_only=True)
class SlotResult:
    slots: tuple[Slot, ...]
    blocked_by: Message | None = None
    near_misses: tuple[NearMiss, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Layer:
    """One hard constraint as the set of instants it allows. ``widened()`` gives its relaxed
    forms, least relaxed first, computed only when diagnosing (empty: relaxing drops it;
    ``relaxable=False``: it never gives way)."""

    name: str
    who: Participant | None
    allowed: iv.IntervalSet
    widened: Callable[[], tuple[iv.IntervalSet, ...]] = tuple
    relaxable: bool = True


def find_slots(
    query: SlotQuery,
    *,
    principal: Participant,
    others: Sequence[Participant],
    profile: Profile,
    now: datetime,
) -> SlotResult:
    """The best ``query.count`` slots for ``principal`` and ``others``, or why there is none."""
    window = (max(query.window.start, _next_five_minutes(now)), query.window.end)
    if window[1] - window[0] < query.duration:
        return SlotResult(slots=(), blocked_by=Message.of(N_("the window is already past")))
    layers = _layers(query, principal, others, profile, window)
    scorer = Scorer.build(query, principal, others, profile, window)
    # Fast path: people sharing a zone and hours share one cached list, so intersect each
    # distinct list once; then remove everyone else's busy time in a single merged pass.
    distinct = {id(la.allowed): la.allowed for la in layers}
    feasible = iv.intersect_all(sorted(distinct.values(), key=len))
    if feasible:
        tentative = profile.count_tentative_as_busy
        busy = iv.normalize(
            (b.span.start, b.span.end)
            for other in others
            for b in other.busy
            if tentative or not b.tentative
        )
        feasible = iv.subtract(feasible, busy)
    slots = _choose(feasible, query, scorer)
    if slots:
        return SlotResult(slots=tuple(slots))
    layers += [
        Layer(
            name="busy",
            who=other,
            allowed=_complement(
                av.busy_intervals(other.busy, count_tentative=profile.count_tentative_as_busy),
                window,
            ),
        )
        for other in others
    ]
    return _diagnose(query, layers, feasible, scorer, profile)


def _next_five_minutes(now: datetime) -> datetime:
    """``now`` rounded up to a whole five minutes: nobody books 15:07:23."""
    stamp = now.timestamp()
    return datetime.fromtimestamp(-(-stamp // 300) * 300, UTC)


def _choose(feasible: iv.IntervalSet, query: SlotQuery, scorer: Scorer) -> list[Slot]:
    ranked: list[tuple[float, datetime]] = []
    for start in candidate_starts(feasible, query.duration):
        if scorer.lunch_ok(start, start + query.duration):
            ranked.append((scorer.value(start, start + query.duration), start))
    if query.order == "best":
        ranked.sort(key=lambda r: (-r[0], r[1]))
    else:
        ranked.sort(key=lambda r: r[1])
    chosen: list[iv.Interval] = []
    for _, start in ranked:
        end = start + query.duration
        if all(end <= s or e <= start for s, e in chosen):
            chosen.append((start, end))
            if len(chosen) == query.count:
                break
    return [scorer.slot(start, end) for start, end in chosen]


def _complement(busy: iv.IntervalSet, window: iv.Interval) -> iv.IntervalSet:
    # Complement over a horizon wider than the window, so shrinking it for travel time
    # does not eat into the window's own edges.
    return iv.complement(busy, (window[0] - timedelta(days=2), window[1] + timedelta(days=2)))


def _layers(
    query: SlotQuery,
    principal: Participant,
    others: Sequence[Participant],
    profile: Profile,
    window: iv.Interval,
) -> list[Layer]:
    tentative = profile.count_tentative_as_busy
    buffer = timedelta(minutes=profile.buffer_minutes)
    trip = timedelta(minutes=profile.travel_for(query.location))
    own_busy = av.busy_intervals(principal.busy, count_tentative=tentative)
    travel = av.travel_blocked(principal.busy, profile)
    p_holidays = av.holiday_free(profile.country, profile.region, profile.timezone, window)
    layers = [
        Layer(
            name="hours",
            who=principal,
            allowed=av.principal_hours(profile, window),
            widened=lambda: tuple(
                av.principal_hours(_widened_profile(profile, step), window) for step in WIDEN_STEPS
            ),
        ),
        Layer(name="holidays", who=principal, allowed=p_holidays),
        Layer(
            name="no_meeting",
            who=principal,
            allowed=iv.complement(av.no_meeting_intervals(profile, window), window),
        ),
        Layer(
            name="busy", who=principal, allowed=iv.shrink(_complement(own_busy, window), trip, trip)
        ),
        Layer(
            name="buffers",
            who=principal,
            allowed=iv.shrink(_complement(iv.expand(own_busy, buffer, buffer), window), trip, trip),
        ),
        Layer(
            name="travel",
            who=principal,
            allowed=iv.shrink(_complement(iv.expand(travel, buffer, buffer), window), trip, trip),
        ),
    ]
    if query.kind == "lunch":  # a lunch happens at lunch time, whatever else is preferred
        lunches = iv.normalize(av.lunch_windows(profile, window).values())
        layers.append(Layer(name="lunch_window", who=principal, allowed=iv.clip(lunches, window)))
    for other in others:
        hours = av.working_intervals(other.hours, other.tz, window)
        layers.append(
            Layer(
                name="hours",
                who=other,
                allowed=hours,
                widened=partial(_widened_hours, other, window),
            )
        )
        off = av.holiday_free(other.country, other.region, other.tz, window)
        if off != [window]:
            layers.append(Layer(name="holidays", who=other, allowed=off))
    return layers


def _widen_range(start: time, end: time, step: timedelta) -> tuple[time, time]:
    """``[start, end)`` grown by ``step`` each side, but never beyond 06:00-22:00."""
    base = datetime(2000, 1, 1)
    lo = max(datetime.combine(base, start) - step, datetime.combine(base, time(6, 0)))
    hi = min(datetime.combine(base, end) + step, datetime.combine(base, time(22, 0)))
    return min(lo.time(), start), max(hi.time(), end)


def _widened_hours(other: Participant, window: iv.Interval) -> tuple[iv.IntervalSet, ...]:
    return tuple(
        av.working_intervals(_widened(other.hours, step), other.tz, window) for step in WIDEN_STEPS
    )


def _widened(hours: WorkingHours, step: timedelta) -> WorkingHours:
    start, end = _widen_range(hours.start, hours.end, step)
    return WorkingHours(start, end, hours.days)


def _widened_profile(profile: Profile, step: timedelta) -> Profile:
    wider = {}
    for day, r in profile.hours.items():
        start, end = _widen_range(r.start, r.end, step)
        wider[day] = TimeRange(start=start, end=end)
    return replace(profile, hours=wider)


def _diagnose(
    query: SlotQuery,
    layers: list[Layer],
    feasible: iv.IntervalSet,
    scorer: Scorer,
    profile: Profile,
) -> SlotResult:
    """Relax each layer in turn: the one that frees most time blocks most.

    ``layers`` here includes every participant's busy layer (the fast path skipped them).
    """
    if iv.gaps(feasible, query.duration):  # time exists, but the lunch rule ate it all
        blocked = Message.of(
            N_("the lunch break ({minutes} min kept free)"), minutes=profile.lunch_min_minutes
        )
        return SlotResult(slots=(), blocked_by=blocked)
    n = len(layers)
    prefix: list[iv.IntervalSet | None] = [None] * (n + 1)
    suffix: list[iv.IntervalSet | None] = [None] * (n + 1)
    for i in range(n):
        prev = prefix[i]
        prefix[i + 1] = layers[i].allowed if prev is None else iv.intersect(prev, layers[i].allowed)
    for i in range(n - 1, -1, -1):
        nxt = suffix[i + 1]
        suffix[i] = layers[i].allowed if nxt is None else iv.intersect(layers[i].allowed, nxt)
    options: list[tuple[timedelta, int, int, NearMiss | None]] = []
    for i, layer in enumerate(layers):
        if not layer.relaxable:
            continue
        room = _relaxed_room(prefix[i], suffix[i + 1], layer, scorer.window, query.duration)
        if not room:
            continue
        best = _choose(room, replace(query, count=1, order="best"), scorer)
        miss = (
            NearMiss(slot=best[0], relaxed=_relaxed_words(layer, best[0], profile))
            if best
            else None
        )
        options.append((iv.total(room), TIE_ORDER.index(layer.name), i, miss))
    if not options:  # two or more constraints must give way: name the tightest one
        tightest = _tightest(layers, scorer.window)
        if tightest is None:
            minutes = int(query.duration.total_seconds() // 60)
            words = N_("no common free time of {minutes} min in this window")
            return SlotResult(slots=(), blocked_by=Message.of(words, minutes=minutes))
        return SlotResult(slots=(), blocked_by=_blocked_words(tightest, profile))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    misses = sorted(
        (m for *_, m in options if m is not None),
        key=lambda m: (-m.slot.score, m.slot.span.start),
    )
    return SlotResult(
        slots=(),
        blocked_by=_blocked_words(layers[options[0][2]], profile),
        near_misses=tuple(misses[: query.count]),
    )


def _tightest(layers: Sequence[Layer], window: iv.Interval) -> Layer | None:
    """The relaxable layer that allows least of ``window``; ties go by ``TIE_ORDER``.

    Measured inside the window only: the busy layers are complemented over a wider horizon
    (for travel time), so their raw size says nothing about this window. A layer allowing
    the whole window blocks nothing and is never named (a full day is "busy", not "a
    public holiday" whose layer happens to be as small as the window itself).
    """
    span = window[1] - window[0]
    sized = [(iv.total(iv.clip(la.allowed, window)), la) for la in layers if la.relaxable]
    blocking = [(size, la) for size, la in sized if size < span]
    if not blocking:
        return None
    return min(blocking, key=lambda s: (s[0], TIE_ORDER.index(s[1].name)))[1]


def _relaxed_room(
    before: iv.IntervalSet | None,
    after: iv.IntervalSet | None,
    layer: Layer,
    window: iv.Interval,
    duration: timedelta,
) -> iv.IntervalSet:
    """The gaps left when ``layer`` gives way (its least widening that leaves any)."""
    others = [x for x in (before, after) if x is not None]
    for wider in layer.widened() or (None,):
        parts = [*others, wider] if wider is not None else others
        room = iv.gaps(iv.intersect_all(parts) if parts else [window], duration)
        if room:
            return room
    return []


def _hm(moment: datetime, tz: str) -> str:
    return moment.astimezone(zone(tz)).strftime("%H:%M")


def _blocked_words(layer: Layer, profile: Profile) -> Message:
    who = layer.who
    name = who.name if who else ""
    if layer.name == "hours" and who is not None:
        return Message.of(
            N_("{name}'s working hours ({zone}) leave no common time"), name=name, zone=who.tz
        )
    if layer.name == "holidays" and who is not None:
        return Message.of(
            N_("a public holiday of {name} ({country})"),
            name=name,
            country=who.country or profile.country,
        )
    if layer.name == "busy":
        return Message.of(N_("{name}'s calendar is full in this window"), name=name)
    if layer.name == "no_meeting":
        days = ", ".join(h.render() for h in profile.no_meeting)
        return Message.of(N_("the no-meeting time ({halfdays})"), halfdays=days)
    if layer.name == "buffers":
        return Message.of(
            N_("the {minutes} min buffer between meetings"), minutes=profile.buffer_minutes
        )
    if layer.name == "lunch_window":
        return Message.of(N_("the lunch window ({range})"), range=profile.lunch.render())
    return Message.of(N_("travel time around off-site meetings"))


def _relaxed_words(layer: Layer, slot: Slot, profile: Profile) -> Message:
    who = layer.who
    name = who.name if who else ""
    tz = who.tz if who else profile.timezone
    start, end = _hm(slot.span.start, tz), _hm(slot.span.end, tz)
    if layer.name == "hours":
        return Message.of(
            N_("only if {name} accepts {start}-{end} their time"), name=name, start=start, end=end
        )
    if layer.name == "holidays":
        day = slot.span.start.astimezone(zone(tz)).date()
        return Message.of(
            N_("only if {name} meets on a public holiday ({date})"), name=name, date=day
        )
    if layer.name == "busy":
        return Message.of(
            N_("only if {name} frees {start}-{end} their time"), name=name, start=start, end=end
        )
    if layer.name == "no_meeting":
        return Message.of(N_("only if the no-meeting time is given up once"))
    if layer.name == "buffers":
        return Message.of(
            N_("only with less than {minutes} min between meetings"), minutes=profile.buffer_minutes
        )
    if layer.name == "lunch_window":
        return Message.of(N_("only if the lunch is held at {start}-{end}"), start=start, end=end)
    return Message.of(N_("only if travel time to an off-site meeting is shortened"))
