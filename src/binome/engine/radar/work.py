"""Work detectors: deadlines at risk, commitments due or overdue, requests left waiting.

Deadlines: when the caller ran the planner (``RadarInput.late``), its late tasks are the
risks and its ranked alternatives their proposals. Otherwise an earliest-deadline-first
capacity check stands in for it: the principal's tasks in due order, each needing the
estimates of all tasks due before it plus its own; the capacity is the principal's free
working time (hours minus blocking items; planner blocks count as free, the planner may
move them) from now to the due date. EDF is optimal for this one-machine question
(Jackson's rule), so the check finds exactly the deadlines no plan can meet.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta

from binome.domain import intervals as iv
from binome.domain.errors import N_
from binome.domain.model import CommitmentStatus, EventKind, RequestStatus, Task, TaskStatus
from binome.domain.proposal import Proposal
from binome.domain.risk import Risk, RiskKind, make_risk
from binome.domain.text import Message
from binome.domain.timing import Span
from binome.engine.availability import principal_hours
from binome.engine.radar import proposals as fix
from binome.engine.radar.inputs import RadarInput
from binome.engine.radar.registry import detector

DAY = timedelta(days=1)
SLACK = timedelta(minutes=15)  # the planner's unit: less than that is rounding, not risk


def _round_up_hour(moment: datetime) -> datetime:
    base = moment.replace(minute=0, second=0, microsecond=0)
    return base if base == moment else base + timedelta(hours=1)


def working_due(inp: RadarInput, moment: datetime) -> datetime:
    """A proposed new due date: ``moment`` on the hour, moved to the start of the
    principal's next working hours when it falls outside them (nobody agrees to a new
    date on Saturday at 8:00)."""
    moment = _round_up_hour(moment)
    for start, end in principal_hours(inp.profile, (moment, moment + 14 * DAY)):
        if end > moment:
            return max(start, moment)
    return moment


class Capacity:
    """Free working time of the principal from ``now``, as prefix sums for bisection."""

    def __init__(self, inp: RadarInput, until: datetime) -> None:
        window = (inp.now, max(until, inp.now + DAY))
        busy = iv.normalize(
            (i.span.start, i.span.end) for i in inp.blocking if i.kind is not EventKind.TASK_BLOCK
        )
        self.free = iv.subtract(principal_hours(inp.profile, window), busy)
        self.ends = [b for _, b in self.free]
        self.before: list[timedelta] = []
        total = timedelta(0)
        for a, b in self.free:
            self.before.append(total)
            total += b - a

    def until(self, moment: datetime) -> timedelta:
        """Free time in ``[now, moment)``."""
        k = bisect.bisect_left(self.ends, moment)
        if k == len(self.free):
            return self.before[-1] + (self.free[-1][1] - self.free[-1][0]) if self.free else DAY * 0
        a, _ = self.free[k]
        return self.before[k] + max(timedelta(0), moment - a)

    def reached(self, amount: timedelta) -> datetime | None:
        """When the cumulated free time reaches ``amount`` (None: not within the window)."""
        k = bisect.bisect_right(self.before, amount) - 1
        if k < 0:
            return None
        a, b = self.free[k]
        moment = a + (amount - self.before[k])
        return moment if moment <= b else None


def _open_tasks(inp: RadarInput) -> list[Task]:
    return [t for t in inp.tasks if t.status is TaskStatus.OPEN and t.due is not None]


@detector("deadline_at_risk")
def deadline_at_risk(inp: RadarInput) -> Iterator[Risk]:
    """Tasks whose due date no plan can meet (planner results or the EDF check)."""
    tasks = {t.id: t for t in _open_tasks(inp)}
    if inp.late is not None:
        for late in inp.late:
            task = tasks.get(late.task_id)
            if task is not None and task.due is not None and task.due > inp.now:
                finish = late.expected_finish or task.due + DAY
                yield _late_risk(inp, task, finish, late.alternatives)
        return
    # Tasks already past due are not "at risk": the brief lists them as overdue. Counting
    # their estimates here would flag every later deadline behind them.
    dated = [
        (t.due, t)
        for t in tasks.values()
        if t.due is not None and t.owner == "principal" and t.due > inp.now
    ]
    mine = [t for due, t in sorted(dated, key=lambda p: (p[0], p[1].id)) if due <= inp.horizon.end]
    if not mine:
        return
    last_due = mine[-1].due or inp.horizon.end
    capacity = Capacity(inp, last_due + 14 * DAY)
    demand = timedelta(0)
    for task in mine:
        demand += task.estimate
        due = task.due
        assert due is not None
        if capacity.until(due) + SLACK >= demand:
            continue
        finish = capacity.reached(demand) or due + 14 * DAY
        yield _late_risk(inp, task, max(finish, due + timedelta(hours=1)), ())


def _late_risk(
    inp: RadarInput, task: Task, finish: datetime, alternatives: Sequence[Proposal]
) -> Risk:
    due = task.due
    assert due is not None
    overdue = due <= inp.now
    new_due = working_due(inp, max(finish, inp.now + timedelta(hours=1)))
    options: list[Proposal | None] = list(alternatives)
    if task.owner == "principal":
        options.append(fix.reassign_task(task.id, task.title, task.estimate))
    to = [task.waiting_on] if task.waiting_on and f"task:{task.id}" not in inp.hidden else []
    near = due <= inp.now + timedelta(days=inp.threshold("slot_days"))
    if any(p is not None and p.kind == "renegotiate_due" for p in alternatives):
        pass  # the planner drafted one already, with its own finish date
    elif near or not options:  # a far deadline is renegotiated once it comes near
        options.append(fix.renegotiate(f"task:{task.id}", task.title, to, due, new_due, 1.0))
    soon = due - inp.now < timedelta(hours=48)
    return make_risk(
        kind=RiskKind.DEADLINE_AT_RISK,
        severity=4 if overdue or soon else 3,
        starts_at=due,
        about=[f"task:{task.id}"],
        explanation=Message.of(
            N_("“{title}” is past due since {due}.")
            if overdue
            else N_(
                "Not enough free time before {due} for “{title}” ({estimate}): it would end "
                "around {finish}."
            ),
            title=task.title,
            due=due,
            estimate=task.estimate,
            finish=finish,
        ),
        facts=[due, task.estimate, round((finish - due) / timedelta(hours=1))],
        proposals=options,
    )


@detector("commitment_due")
def commitments(inp: RadarInput) -> Iterator[Risk]:
    """A commitment due within its warning lead time and not kept, or already overdue."""
    lead = timedelta(days=inp.threshold("commitment_warning_days"))
    for c in inp.commitments:
        if c.status not in (CommitmentStatus.OPEN, CommitmentStatus.RENEGOTIATED):
            continue
        if c.due > inp.now + lead:
            continue
        overdue = c.due <= inp.now
        vip = (p := inp.person(c.beneficiary)) is not None and p.vip
        hidden = f"commitment:{c.id}" in inp.hidden
        name: str | Message = p.name if p is not None else c.beneficiary
        if hidden:  # who it was promised to is part of what the reader may not see
            name = Message.of(N_("someone"))
        new_due = working_due(inp, max(c.due, inp.now) + lead)
        options: list[Proposal | None] = [
            fix.renegotiate(
                f"commitment:{c.id}",
                c.what,
                [] if hidden else [c.beneficiary],
                c.due,
                new_due,
                2.0 if vip else 1.0,
            ),
        ]
        if not overdue:
            options.append(fix.block_time(
                inp, Span(inp.now, max(c.due, inp.now + timedelta(hours=1))), 60,
                Message.of(N_("Work on: {what}"), what=c.what), "focus"))  # fmt: skip
        kind = RiskKind.COMMITMENT_OVERDUE if overdue else RiskKind.COMMITMENT_DUE
        words = (
            N_("You promised {name} “{what}” by {due}: it is overdue.") if overdue
            else N_("You promised {name} “{what}” by {due}, and it is not done yet.")
        )  # fmt: skip
        yield make_risk(
            kind=kind,
            severity=(4 if vip else 3) if overdue else (3 if c.due - inp.now < DAY else 2),
            starts_at=c.due,
            about=[f"commitment:{c.id}", *([] if hidden else [f"person:{c.beneficiary}"])],
            explanation=Message.of(words, name=name, what=c.what, due=c.due),
            facts=[c.due, c.status],
            proposals=options,
        )


@detector("request_waiting")
def request_waiting(inp: RadarInput) -> Iterator[Risk]:
    """A request waiting for confirmation (or a clarification) longer than allowed."""
    limit = timedelta(hours=inp.threshold("request_waiting_hours"))
    waiting = (RequestStatus.AWAITING_CONFIRMATION, RequestStatus.NEEDS_CLARIFICATION)
    for r in inp.requests:
        if r.status not in waiting or r.created_at is None:
            continue
        age = inp.now - r.created_at
        if age < limit:
            continue
        to = [r.requester] if r.requester and f"request:{r.id}" not in inp.hidden else []
        to = to or [inp.principal]
        what = r.reformulation or r.text
        notice = fix.send_notice(
            "remind_request",
            Message.of(N_("Send a reminder about request {ref}"), ref=f"Q{r.id}"),
            Message.of(N_("The answer is needed to act on it.")),
            f"request:{r.id}",
            to,
            Message.of(N_("Waiting for your answer: {what}"), what=what[:80]),
            Message.of(
                N_(
                    "Hello, this request is waiting for your answer since {since}: "
                    "“{what}”. Thank you."
                ),
                since=r.created_at,
                what=what,
            ),
        )
        yield make_risk(
            kind=RiskKind.REQUEST_WAITING,
            severity=3 if age >= 3 * limit else 2,
            starts_at=None,
            about=[f"request:{r.id}"],
            explanation=Message.of(
                N_("Request {ref} has been waiting for {age}: “{what}”."),
                ref=f"Q{r.id}",
                age=timedelta(hours=age // timedelta(hours=1)),
                what=what,
            ),
            facts=[r.status, r.created_at],
            proposals=[notice],
        )
