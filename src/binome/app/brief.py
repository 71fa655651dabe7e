"""The morning brief and the weekly review, as data already masked for the reader.

``compose_brief`` gathers what the director reads first thing: the day's agenda (times in the
director's zone, remote participants' local times, busy blocks for what the reader may not
see), the top open tasks, the decisions waiting (requests to confirm, late commitments), the
commitments due this week, and risks from an optional provider (empty until the radar lands).
With ``week=True`` it adds the weekly review: meeting load, commitments kept vs late, tasks
done. Every item passes through ``app.views`` (masking first); items the reader may not read
are counted in ``hidden`` and never described. Reading confidential content is audited.

"As of": statuses (late, overdue) are judged at ``now`` when the brief is for today, else
at 07:30 on that day in the director's zone, so replaying a past day shows that morning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from binome.app.access import can_read
from binome.app.calendar import audit_confidential_reads, load_occurrences
from binome.app.context import App
from binome.app.expansion import Occurrence
from binome.app.ids import format_id
from binome.app.priorities import ranked, task_scores, workspace_profile
from binome.app.requests import WAITING
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import OccurrenceViews, commitment_view, task_view
from binome.domain.model import (
    Commitment,
    CommitmentStatus,
    EventKind,
    Objective,
    Request,
    Task,
    TaskStatus,
)
from binome.domain.timing import Span, local_to_utc, zone

RiskProvider = Callable[[UnitOfWork, Span], Sequence[Mapping[str, Any]]]
"""Integration point for the radar: risks over a window, as JSON-able views already masked."""

TOP_TASKS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class WeekReview:
    """Monday to Sunday around the brief's day: load, reliability, work done."""

    first_day: date
    last_day: date
    meetings: int
    meeting_minutes: int
    kept_on_time: int
    kept_late: int
    late: int
    reliability: float | None
    tasks_done: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """What one reader may read of the director's day (views, already masked)."""

    day: date
    tz: str
    lang: str
    principal: str
    reader: str
    reader_role: str
    as_of: datetime
    agenda: list[dict[str, Any]]
    priorities: list[dict[str, Any]]
    commitments: list[dict[str, Any]]
    requests: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    risks: list[dict[str, Any]]
    hidden: int = 0
    week: WeekReview | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        data["as_of"] = self.as_of.isoformat()
        if self.week is not None:
            data["week"]["first_day"] = self.week.first_day.isoformat()
            data["week"]["last_day"] = self.week.last_day.isoformat()
        return data


def rank_tasks(
    tasks: Sequence[Task],
    *,
    now: datetime,
    objectives: Mapping[int, Objective] | None = None,
    coefficients: Mapping[str, float] | None = None,
) -> list[Task]:
    """Open tasks in the order to do them: by the engine's priority score (due date,
    objective weight, priority, blocking, age, waiting), the same order as ``task list``."""
    scores = task_scores(tasks, now=now, objectives=objectives or {}, coefficients=coefficients)
    return ranked(tasks, scores, now)


def compose_brief(
    app: App,
    *,
    day: date | None = None,
    week: bool = False,
    risks: RiskProvider | None = None,
    top: int = TOP_TASKS,
) -> Brief:
    """The brief of ``day`` (default: today in the director's zone) for the app's reader."""
    with unit_of_work(app) as uow:
        tz = zone(uow.workspace.tz)
        today = uow.now.astimezone(tz).date()
        the_day = day or today
        as_of = uow.now if the_day == today else _local(the_day, time(7, 30), uow.workspace.tz)
        window = Span(
            _local(the_day, time(0), uow.workspace.tz),
            _local(the_day + timedelta(days=1), time(0), uow.workspace.tz),
        )
        occs = load_occurrences(uow, window)
        people = {p.email: p for p in uow.repos.people()}
        view = OccurrenceViews(uow.actor, tz, people)
        agenda = [view(o) for o in occs]
        audit_confidential_reads(uow, occs)
        hidden: list[str] = []
        priorities = _priorities(uow, as_of, top, hidden)
        week_start = the_day - timedelta(days=the_day.weekday())
        week_end = _local(week_start + timedelta(days=7), time(0), uow.workspace.tz)
        commitments, late = _commitments(uow, as_of, week_end, hidden)
        requests = _requests(uow, hidden)
        decisions = [_decision_of_request(r) for r in requests] + [
            {"kind": "late_commitment", **c} for c in late
        ]
        review = _week_review(uow, week_start, as_of, hidden) if week else None
        found_risks = [dict(r) for r in risks(uow, window)] if risks is not None else []
        _audit_sealed_reads(uow, the_day, priorities, commitments + late)
        return Brief(
            day=the_day,
            tz=uow.workspace.tz,
            lang=uow.lang,
            principal=_principal_name(uow),
            reader=uow.actor.name,
            reader_role=uow.actor.role.value,
            as_of=as_of,
            agenda=agenda,
            priorities=priorities,
            commitments=late + commitments,
            requests=requests,
            decisions=decisions,
            risks=found_risks,
            hidden=len(set(hidden)),
            week=review,
        )


def _local(day: date, at: time, tz: str) -> datetime:
    return local_to_utc(datetime.combine(day, at), zone(tz))


def _principal_name(uow: UnitOfWork) -> str:
    from binome.store.tables import PersonRow, UserRow

    user = uow.session.get(UserRow, uow.workspace_row.principal_user_id)
    person = None if user is None else uow.session.get(PersonRow, user.person_id)
    return person.name if person is not None else uow.workspace.name


def _priorities(
    uow: UnitOfWork, as_of: datetime, top: int, hidden: list[str]
) -> list[dict[str, Any]]:
    objectives = {o.id: o for o in uow.repos.objectives()}
    coefficients = workspace_profile(uow).urgency
    open_tasks = uow.repos.tasks(open_only=True)
    status = {t.id: t.status for t in uow.repos.tasks()}
    out: list[dict[str, Any]] = []
    for task in rank_tasks(open_tasks, now=as_of, objectives=objectives, coefficients=coefficients):
        if not can_read(uow.actor, task.classification, f"task:{task.id}"):
            hidden.append(f"task:{task.id}")
            continue
        if len(out) >= top:
            continue
        view = task_view(task, uow.actor)
        objective = objectives.get(task.objective_id or 0)
        view["overdue"] = task.due is not None and task.due < as_of
        view["objective"] = (
            objective.title
            if objective is not None and can_read(uow.actor, objective.classification)
            else None
        )
        view["blocked_by"] = [
            format_id("task", d) for d in task.depends_on if status.get(d) is TaskStatus.OPEN
        ]
        out.append(view)
    return out


def _commitments(
    uow: UnitOfWork, as_of: datetime, week_end: datetime, hidden: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(open commitments due before the week ends, late ones), readable ones only."""
    due_soon: list[dict[str, Any]] = []
    late: list[dict[str, Any]] = []
    names = {p.email: p.name for p in uow.repos.people()}
    for c in uow.repos.commitments():
        status = c.effective_status(as_of)
        if status not in (CommitmentStatus.OPEN, CommitmentStatus.LATE):
            continue
        if status is CommitmentStatus.OPEN and c.due >= week_end:
            continue
        if not can_read(uow.actor, c.classification, f"commitment:{c.id}"):
            hidden.append(f"commitment:{c.id}")
            continue
        view = commitment_view(c, uow.actor, as_of)
        view["to_name"] = names.get(c.beneficiary)
        (late if status is CommitmentStatus.LATE else due_soon).append(view)
    return due_soon, late


def _requests(uow: UnitOfWork, hidden: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for r in uow.repos.requests():
        if r.status not in WAITING:
            continue
        if not can_read(uow.actor, r.classification, f"request:{r.id}"):
            hidden.append(f"request:{r.id}")
            continue
        out.append(request_view(r))
    return out


def request_view(r: Request) -> dict[str, Any]:
    """A request the reader may read (callers check ``can_read`` first)."""
    return {
        "id": format_id("request", r.id),
        "status": r.status.value,
        "text": r.text,
        "lang": r.lang,
        "requester": r.requester,
        "reformulation": r.reformulation,
        "question": r.question,
        "options": [dict(o) for o in r.options],
        "created_at": None if r.created_at is None else r.created_at.isoformat(),
    }


def _decision_of_request(view: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": "request",
        "id": view["id"],
        "what": view["reformulation"] or view["text"],
        "question": view["question"],
        "options": view["options"],
    }


def _week_review(uow: UnitOfWork, first: date, as_of: datetime, hidden: list[str]) -> WeekReview:
    tz = uow.workspace.tz
    start, end = _local(first, time(0), tz), _local(first + timedelta(days=7), time(0), tz)
    occs = load_occurrences(uow, Span(start, end))
    meetings = [o for o in occs if _is_meeting(o)]
    minutes = sum(int(o.span.duration.total_seconds() // 60) for o in meetings)
    on_time = kept_late = late = 0
    for c in uow.repos.commitments():
        if not start <= c.due < min(end, max(as_of, start)):
            continue
        on_time, kept_late, late = _tally(c, as_of, on_time, kept_late, late)
    judged = on_time + kept_late + late
    done = [
        task_view(t, uow.actor)
        for t in uow.repos.tasks()
        if t.status is TaskStatus.DONE and t.done_at is not None and start <= t.done_at < end
    ]
    for view in done:
        if view["masked"]:
            hidden.append(view["id"])
    return WeekReview(
        first_day=first,
        last_day=first + timedelta(days=6),
        meetings=len(meetings),
        meeting_minutes=minutes,
        kept_on_time=on_time,
        kept_late=kept_late,
        late=late,
        reliability=None if judged == 0 else round(on_time / judged, 3),
        tasks_done=[v for v in done if not v["masked"]],
    )


def _is_meeting(occ: Occurrence) -> bool:
    e = occ.event
    return not e.all_day and e.blocks_time and e.kind is EventKind.MEETING


def _tally(
    c: Commitment, as_of: datetime, on_time: int, kept_late: int, late: int
) -> tuple[int, int, int]:
    status = c.effective_status(as_of)
    if status is CommitmentStatus.KEPT:
        if c.done_at is not None and c.done_at > c.due:
            return on_time, kept_late + 1, late
        return on_time + 1, kept_late, late
    if status is CommitmentStatus.LATE:
        return on_time, kept_late, late + 1
    return on_time, kept_late, late


def _audit_sealed_reads(
    uow: UnitOfWork,
    day: date,
    tasks: Sequence[Mapping[str, Any]],
    commitments: Sequence[Mapping[str, Any]],
) -> None:
    """Record which confidential tasks and commitments the brief showed (ids only)."""
    refs = sorted(
        {
            v["id"]
            for v in [*tasks, *commitments]
            if v.get("classification") in ("confidential", "secret")
        }
    )
    if refs:
        uow.audit("read.confidential", "brief", day.isoformat(), refs)
