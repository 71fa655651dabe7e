"""Load detectors: too many meetings, too little focus, time drifting from the objectives.

Days and weeks are the principal's local ones (``Profile.timezone``). Meeting time is the
time of blocking, timed items of kind ``meeting``, clipped to the day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from binome.domain import intervals as iv
from binome.domain.errors import N_
from binome.domain.model import EventKind
from binome.domain.proposal import Proposal
from binome.domain.risk import Risk, RiskKind, make_risk
from binome.domain.text import Message
from binome.domain.timing import Span, local_to_utc, zone
from binome.engine.availability import principal_hours
from binome.engine.radar import proposals as fix
from binome.engine.radar.inputs import Item, RadarInput
from binome.engine.radar.registry import detector

HOUR = timedelta(hours=1)


def _day_bounds(day: date, tz: str) -> Span:
    z = zone(tz)
    return Span(
        local_to_utc(datetime.combine(day, time(0)), z),
        local_to_utc(datetime.combine(day + timedelta(days=1), time(0)), z),
    )


def _meetings_by_day(inp: RadarInput) -> dict[date, list[Item]]:
    tz = zone(inp.profile.timezone)
    days: dict[date, list[Item]] = defaultdict(list)
    for item in inp.blocking:
        if item.is_meeting and item.span.end > inp.now:
            days[item.span.start.astimezone(tz).date()].append(item)
    return days


def _lightest(inp: RadarInput, items: list[Item]) -> Item | None:
    """The meeting cheapest to move: not important, fewest VIPs and people, then shortest."""
    movable = [i for i in items if not i.important and not i.masked and i.span.start > inp.now]
    if not movable:
        return None
    return min(movable, key=lambda i: (inp.vip_count(i), len(i.attendees), i.span.duration,
                                       i.span.start))  # fmt: skip


@detector("overload")
def overload(inp: RadarInput) -> Iterator[Risk]:
    """More meeting hours than the daily or weekly maximum; no lunch window left."""
    ratio = inp.threshold("overload_ratio")
    day_max = timedelta(hours=inp.profile.max_meeting_hours_day * ratio)
    week_max = timedelta(hours=inp.profile.max_meeting_hours_week * ratio)
    tz = inp.profile.timezone
    weeks: dict[tuple[int, int], list[Item]] = defaultdict(list)
    for day, items in sorted(_meetings_by_day(inp).items()):
        bounds = _day_bounds(day, tz)
        busy = iv.normalize((i.span.start, i.span.end) for i in items)
        load = iv.total(iv.clip(busy, (bounds.start, bounds.end)))
        weeks[day.isocalendar()[:2]].extend(items)
        if load > day_max:
            yield _too_much(inp, items, load, day_max, ("day", day.isoformat()), bounds.end)
        lunch = _lunch_left(inp, day, busy, items)
        if lunch is not None:
            yield lunch
    for (year, week), items in sorted(weeks.items()):
        busy = iv.normalize((i.span.start, i.span.end) for i in items)
        load = iv.total(busy)
        if load > week_max:
            first = date.fromisocalendar(year, week, 1)
            end = _day_bounds(first + timedelta(days=6), tz).end
            yield _too_much(inp, items, load, week_max, ("week", f"{year}-W{week:02d}"), end)


def _too_much(
    inp: RadarInput, items: list[Item], load: timedelta, limit: timedelta,
    period: tuple[str, str], period_end: datetime,
) -> Risk:  # fmt: skip
    over = load - limit
    # Offer fixes that remove the overload: a meeting at least as long as the excess.
    lightest = _lightest(inp, [i for i in items if i.span.duration >= over])
    options: list[Proposal | None] = []
    if lightest is not None:
        why = Message.of(
            N_("the {period} holds {load} of meetings"), period=_word(period[0]), load=load
        )
        options = [*fix.move_options(inp, lightest, 1, after=period_end),
                   fix.shorten(inp, lightest, over, why),
                   fix.decline(inp, lightest, why)]  # fmt: skip
    return make_risk(
        kind=RiskKind.OVERLOAD,
        severity=4 if load > limit * 1.5 else 3 if period[0] == "day" else 2,
        starts_at=min(i.span.start for i in items),
        about=[i.ref for i in items if not i.masked][:12],
        identity=list(period),
        explanation=Message.of(
            N_("{load} of meetings this {period}: {over} over your maximum of {limit}."),
            load=load,
            period=_word(period[0]),
            over=over,
            limit=limit,
            day=period[1],
        ),
        facts=[load, limit],
        proposals=options,
    )


def _word(period: str) -> Message:
    return Message.of(N_("day")) if period == "day" else Message.of(N_("week"))


def _lunch_left(
    inp: RadarInput, day: date, busy: iv.IntervalSet, meetings: list[Item]
) -> Risk | None:
    profile = inp.profile
    if day.isoweekday() not in profile.hours:
        return None
    z = zone(profile.timezone)
    lunch = (
        local_to_utc(datetime.combine(day, profile.lunch.start), z),
        local_to_utc(datetime.combine(day, profile.lunch.end), z),
    )
    if lunch[1] <= inp.now:
        return None
    need = timedelta(minutes=profile.lunch_min_minutes)
    free = iv.complement(iv.clip(busy, lunch), lunch)
    if any(b - a >= need for a, b in free):
        return None
    inside = [i for i in meetings if i.span.start < lunch[1] and lunch[0] < i.span.end]
    if not inside:  # only focus or personal blocks: the principal's own choice
        return None
    why = Message.of(N_("it leaves no lunch break"))
    target = _lightest(inp, inside)
    options = [] if target is None else [*fix.move_options(inp, target, 2),
                                         fix.decline(inp, target, why)]  # fmt: skip
    return make_risk(
        kind=RiskKind.OVERLOAD,
        severity=2,
        starts_at=lunch[0],
        about=[i.ref for i in inside if not i.masked],
        identity=["lunch", day.isoformat()],
        explanation=Message.of(N_("No lunch break of {need} left on {day}."), need=need, day=day),
        facts=[[(a, b) for a, b in iv.clip(busy, lunch)]],
        proposals=options,
    )


def _this_week(inp: RadarInput) -> Span:
    tz = inp.profile.timezone
    today = inp.now.astimezone(zone(tz)).date()
    monday = today - timedelta(days=today.weekday())
    return Span(_day_bounds(monday, tz).start, _day_bounds(monday + timedelta(days=6), tz).end)


@detector("focus_below_target")
def focus_below_target(inp: RadarInput) -> Iterator[Risk]:
    """This week's focus (blocks planned or held, plus free stretches of at least
    ``focus_min_block_minutes`` left in working hours) cannot reach the target."""
    target = timedelta(hours=inp.profile.focus_hours_week)
    if target <= timedelta(0):
        return
    week = _this_week(inp)
    focus = [i for i in (*inp.past, *inp.items) if i.kind is EventKind.FOCUS and i.blocks]
    held = iv.total(iv.clip(iv.normalize((i.span.start, i.span.end) for i in focus),
                            (week.start, week.end)))  # fmt: skip
    rest = (max(inp.now, week.start), week.end)
    if rest[1] <= rest[0]:
        return
    free = iv.subtract(principal_hours(inp.profile, rest), inp.busy)
    least = timedelta(minutes=inp.threshold("focus_min_block_minutes"))
    room = iv.total(iv.gaps(free, least))
    if held + room >= target:
        return
    yield make_risk(
        kind=RiskKind.FOCUS_BELOW_TARGET,
        severity=2,
        starts_at=rest[0],
        about=[],
        identity=[week.start.isoformat()],
        explanation=Message.of(
            N_("At most {reach} of focus time this week, under your target of {target}."),
            reach=held + room,
            target=target,
        ),
        facts=[held, room, target],
        proposals=[
            fix.block_time(
                inp,
                Span(*rest),
                int(least / timedelta(minutes=1)),
                Message.of(N_("Focus time")),
                "focus",
            ),
            *_free_a_day(inp, week),
            fix.block_time(
                inp,
                Span(week.end, week.end + timedelta(days=7)),
                int(least / timedelta(minutes=1)),
                Message.of(N_("Focus time (catching up)")),
                "focus",
            ),
        ],
    )


def _free_a_day(inp: RadarInput, week: Span) -> list[Proposal]:
    items = [i for i in inp.blocking if i.is_meeting and week.start <= i.span.start < week.end]
    target = _lightest(inp, items)
    return [] if target is None else fix.move_options(inp, target, 1, after=week.end)


@detector("priority_drift")
def priority_drift(inp: RadarInput) -> Iterator[Risk]:
    """Over the last ``drift_days``, an objective got under ``drift_ratio`` of the share of
    time its weight asks for (time = events and task blocks linked to an objective)."""
    weights = {o.id: o for o in inp.objectives}
    total_weight = sum(o.weight for o in weights.values())
    if len(weights) < 2 or not total_weight:
        return
    since = inp.now - timedelta(days=inp.threshold("drift_days"))
    task_goal = {t.id: t.objective_id for t in inp.tasks}
    spent: dict[int, timedelta] = defaultdict(timedelta)
    for item in inp.past:
        if not item.blocks or item.all_day or item.span.start < since or item.span.end > inp.now:
            continue
        goal = item.objective_id or task_goal.get(item.task_id or 0)
        if goal in weights:
            spent[goal] += item.span.duration
    tracked = sum(spent.values(), timedelta(0))
    if tracked < timedelta(hours=inp.threshold("drift_min_hours")):
        return
    ratio = inp.threshold("drift_ratio")
    for objective in weights.values():
        due_share = objective.weight / total_weight
        share = spent[objective.id] / tracked
        if share >= due_share * ratio:
            continue
        window = Span(inp.now, min(inp.horizon.end, inp.now + timedelta(days=7)))
        yield make_risk(
            kind=RiskKind.PRIORITY_DRIFT,
            severity=2,
            starts_at=None,
            about=[f"objective:{objective.id}"],
            explanation=Message.of(
                N_(
                    "“{title}” weighs {due} per cent of your objectives but got {got} per "
                    "cent of your time over the last four weeks."
                ),
                title=objective.title,
                due=round(due_share * 100),
                got=round(share * 100),
            ),
            facts=[round(share * 100), round(due_share * 100)],
            proposals=[
                fix.block_time(inp, window, 120, Message.of(objective.title), "focus", objective.id)
            ],
        )
