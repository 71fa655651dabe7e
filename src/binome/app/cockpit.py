"""The cockpit's read use cases: what the Today, Week, Priorities, Commitments and Settings
pages (and the JSON API) show, each in one unit of work.

They reuse the CLI's building blocks (``calendar.load_occurrences``, ``views.*``), so the web
and the CLI apply the same access policy and masking, and the same confidential-read audit.
Single-item lookups (``get_*``) are scoped to the reader's workspace by the repositories:
an id from another workspace is "not found", exactly like an id that does not exist.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from binome.app.access import can_read
from binome.app.calendar import _people, audit_confidential_reads, load_occurrences
from binome.app.context import App
from binome.app.expansion import Occurrence
from binome.app.ids import format_id, parse_id
from binome.app.read_cache import cached, view_tag
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import (
    OccurrenceViews,
    commitment_view,
    event_ref,
    objective_view,
    occurrence_view,
    task_view,
)
from binome.domain.model import CommitmentStatus, Priority, Task
from binome.domain.timing import AllDay, Span, local_to_utc, zone

PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
TREND_WEEKS = 8
TIME_SPENT_DAYS = 28
TODAY_TASKS = 10  # Today shows the most pressing; Priorities shows them all


def _day_window(uow: UnitOfWork, first: date, days: int) -> Span:
    tz = zone(uow.workspace.tz)
    lo = local_to_utc(datetime.combine(first, time(0)), tz)
    hi = local_to_utc(datetime.combine(first + timedelta(days=days), time(0)), tz)
    return Span(lo, hi)


def _agenda_items(uow: UnitOfWork, window: Span) -> list[dict[str, Any]]:
    tz = zone(uow.workspace.tz)
    occs = load_occurrences(uow, window)
    people = _people(uow)
    audit_confidential_reads(uow, occs)
    view = OccurrenceViews(uow.actor, tz, people)
    return [view(o) for o in occs]


def _tasks_by_priority(uow: UnitOfWork) -> list[dict[str, Any]]:
    """Open tasks, most pressing first. Integration point: when ``engine.priority`` lands,
    order by its score and add its "why" to each view."""
    far = datetime.max.replace(tzinfo=uow.now.tzinfo)

    def key(task: Task) -> tuple[int, datetime, int]:
        return (PRIORITY_ORDER[task.priority], task.due or far, task.id)

    tasks = sorted(uow.repos.tasks(open_only=True), key=key)
    return [task_view(t, uow.actor) for t in tasks]


def _header(uow: UnitOfWork) -> dict[str, Any]:
    return {
        "workspace": uow.workspace.name,
        "tz": uow.workspace.tz,
        "now": uow.now.astimezone(zone(uow.workspace.tz)).isoformat(),
        "reader": {"name": uow.actor.name, "role": uow.actor.role.value},
    }


def today(app: App) -> dict[str, Any]:
    """The director's day: agenda, commitments due today or late, open tasks by priority."""
    with unit_of_work(app) as uow:
        return {**_header(uow), **cached(uow, "today", None, lambda: _today(uow))}


def today_page(app: App, *, risks: int, requests: bool) -> dict[str, Any]:
    """Everything the Today page shows, in one unit of work: the day (``today``), the
    ``risks`` most severe risks of the next two weeks and, with ``requests``, the requests
    awaiting a decision that the reader may see. Each part is a read model of its own
    (``app.read_cache``); one transaction reads the data version once for all three.
    ``view_tag`` names what they were computed for: equal tags, equal data."""
    from binome.app.radar import scan_workspace
    from binome.app.requests import visible_waiting

    with unit_of_work(app) as uow:
        data = {**_header(uow), **cached(uow, "today", None, lambda: _today(uow))}
        data["risks"] = scan_workspace(uow)[:risks]
        data["requests"] = None
        if requests:
            data["requests"] = cached(uow, "requests", None, lambda: visible_waiting(uow))
        data["view_tag"] = view_tag(uow)
        return data


def _today(uow: UnitOfWork) -> dict[str, Any]:
    tz = zone(uow.workspace.tz)
    day = uow.now.astimezone(tz).date()
    window = _day_window(uow, day, 1)
    commitments = [
        commitment_view(c, uow.actor, uow.now)
        for c in uow.repos.commitments()
        if c.status is CommitmentStatus.OPEN and c.due < window.end
    ]
    tasks = _tasks_by_priority(uow)
    commitments.sort(key=lambda c: str(c["due"]))
    return {
        "date": day.isoformat(),
        "items": _agenda_items(uow, window),
        "commitments": commitments[:TODAY_TASKS],
        "more_commitments": max(len(commitments) - TODAY_TASKS, 0),
        "tasks": tasks[:TODAY_TASKS],
        "more_tasks": max(len(tasks) - TODAY_TASKS, 0),
    }


def week(app: App, *, first: date | None = None) -> dict[str, Any]:
    """The seven days from the Monday of ``first`` (default: this week)."""
    with unit_of_work(app) as uow:
        tz = zone(uow.workspace.tz)
        anchor = first or uow.now.astimezone(tz).date()
        monday = anchor - timedelta(days=anchor.weekday())
        items = cached(uow, "week", monday, lambda: _agenda_items(uow, _day_window(uow, monday, 7)))
        return {
            **_header(uow),
            "monday": monday.isoformat(),
            "days": [(monday + timedelta(days=i)).isoformat() for i in range(7)],
            "items": items,
        }


def priorities(app: App) -> dict[str, Any]:
    """Objectives with weights, open tasks by priority, and time spent per objective over
    the last four weeks (from events linked to objectives) against each weight."""
    with unit_of_work(app, write=False) as uow:
        objectives = uow.repos.objectives()
        visible = [o for o in objectives if can_read(uow.actor, o.classification, _oref(o.id))]
        window = Span(uow.now - timedelta(days=TIME_SPENT_DAYS), uow.now)
        minutes = _minutes_per_objective(uow, load_occurrences(uow, window))
        total_weight = sum(o.weight for o in visible) or 1
        total_minutes = sum(minutes.get(o.id, 0) for o in visible) or 1
        spent = [
            {
                "id": format_id("objective", o.id),
                "title": o.title,
                "weight": o.weight,
                "minutes": minutes.get(o.id, 0),
                "weight_pct": round(100 * o.weight / total_weight, 1),
                "time_pct": round(100 * minutes.get(o.id, 0) / total_minutes, 1),
            }
            for o in visible
        ]
        return {
            **_header(uow),
            "objectives": [objective_view(o, uow.actor) for o in objectives],
            "tasks": _tasks_by_priority(uow),
            "time_spent": spent,
            "since": window.start.astimezone(zone(uow.workspace.tz)).date().isoformat(),
        }


def _oref(objective_id: int) -> str:
    return f"objective:{objective_id}"


def _minutes_per_objective(uow: UnitOfWork, occs: list[Occurrence]) -> dict[int, int]:
    out: dict[int, int] = {}
    for occ in occs:
        event = occ.event
        if event.objective_id is None or isinstance(occ.timing, AllDay) or not event.blocks_time:
            continue
        if not can_read(uow.actor, event.classification, event_ref(event)):
            continue
        span = occ.span.end - occ.span.start
        out[event.objective_id] = out.get(event.objective_id, 0) + int(span.total_seconds() // 60)
    return out


def commitments(app: App) -> dict[str, Any]:
    """Commitments grouped by status, and the reliability trend: % kept on time per week."""
    with unit_of_work(app, write=False) as uow:
        items = uow.repos.commitments()
        views = [commitment_view(c, uow.actor, uow.now) for c in items]
        groups: dict[str, list[dict[str, Any]]] = {"open": [], "late": [], "kept": [], "other": []}
        for view in sorted(views, key=lambda v: str(v["due"])):
            status = view["status"]
            groups[status if status in groups else "other"].append(view)
        tz = zone(uow.workspace.tz)
        today_ = uow.now.astimezone(tz).date()
        this_monday = today_ - timedelta(days=today_.weekday())
        trend = []
        for back in range(TREND_WEEKS - 1, -1, -1):
            monday = this_monday - timedelta(weeks=back)
            span = _day_window(uow, monday, 7)
            due = [c for c in items if span.start <= c.due < span.end and c.due <= uow.now]
            kept = [
                c
                for c in due
                if c.status is CommitmentStatus.KEPT
                and c.done_at is not None
                and c.done_at <= c.due
            ]
            trend.append(
                {
                    "week": monday.isoformat(),
                    "due": len(due),
                    "kept_on_time": len(kept),
                    "pct": round(100 * len(kept) / len(due), 1) if due else None,
                }
            )
        return {**_header(uow), **groups, "trend": trend}


def team(app: App) -> dict[str, Any]:
    """Users and their grants (read-only). The principal sees every grant; others see only
    their own, and a viewer sees only themself."""
    from sqlalchemy import select

    from binome.store.tables import GrantRow, UserRow

    with unit_of_work(app, write=False) as uow:
        actor = uow.actor
        users = uow.session.scalars(
            select(UserRow).where(UserRow.workspace_id == actor.workspace_id).order_by(UserRow.id)
        ).all()
        if actor.role.value == "viewer":
            users = [u for u in users if u.id == actor.user_id]
        names = {u.id: u.name for u in users}
        grants = uow.session.scalars(
            select(GrantRow)
            .where(GrantRow.workspace_id == actor.workspace_id, GrantRow.revoked_at.is_(None))
            .order_by(GrantRow.id)
        ).all()
        if not actor.is_principal:
            grants = [g for g in grants if g.user_id == actor.user_id]
        return {
            **_header(uow),
            "users": [
                {
                    "id": format_id("user", u.id),
                    "name": u.name,
                    "email": u.email,
                    "role": u.role,
                    "active": u.active,
                }
                for u in users
            ],
            "grants": [
                {"user": names.get(g.user_id, "?"), "kind": g.kind, "value": g.value}
                for g in grants
            ],
        }


# -- single items (API), scoped to the reader's workspace --------------------------------


def get_task(app: App, ref: str) -> dict[str, Any]:
    """One task with its ``version`` (the API's ETag, for ``If-Match``)."""
    with unit_of_work(app, write=False) as uow:
        task = uow.repos.task(parse_id("task", ref))
        return {**task_view(task, uow.actor), "version": task.version}


def get_commitment(app: App, ref: str) -> dict[str, Any]:
    """One commitment with its ``version``."""
    with unit_of_work(app, write=False) as uow:
        c = uow.repos.commitment(parse_id("commitment", ref))
        return {**commitment_view(c, uow.actor, uow.now), "version": c.version}


def get_objective(app: App, ref: str) -> dict[str, Any]:
    with unit_of_work(app, write=False) as uow:
        return objective_view(uow.repos.objective(parse_id("objective", ref)), uow.actor)


def get_event(app: App, ref: str) -> dict[str, Any]:
    """One event (a series master shows its first occurrence), masked as in the agenda."""
    with unit_of_work(app) as uow:
        event = uow.repos.event(parse_id("event", ref))
        tz = zone(uow.workspace.tz)
        occ = Occurrence(event, event.timing, event.timing.span(tz), None)
        if event.classification.sealed and can_read(
            uow.actor, event.classification, event_ref(event)
        ):
            audit_confidential_reads(uow, [occ])
        return occurrence_view(occ, uow.actor, tz, _people(uow))
