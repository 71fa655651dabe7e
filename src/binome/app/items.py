"""Use cases for people, objectives, tasks and commitments: add, list, complete.

Each write is one transaction with its audit entry; each list is filtered through the access
policy (``views``) before it leaves this layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from binome.app.access import require_not_viewer, require_write
from binome.app.audit import audit_sealed_reads
from binome.app.context import App
from binome.app.ids import parse_id
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import commitment_view, objective_view, person_view, task_view
from binome.domain.errors import N_, Conflict, InvalidInput, PermissionDenied
from binome.domain.model import (
    Classification,
    Commitment,
    CommitmentStatus,
    Objective,
    Person,
    Priority,
    Role,
    Task,
    TaskStatus,
    WorkingHours,
    check_email,
)

# -- people ---------------------------------------------------------------------------


def add_person(
    app: App,
    *,
    name: str,
    email: str,
    tz: str | None = None,
    country: str | None = None,
    hours: str | None = None,
    vip: bool = False,
    organization: str | None = None,
    nicknames: tuple[str, ...] = (),
) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        person = Person(
            name=name,
            email=email,
            tz=tz,
            country=country.upper() if country else None,
            hours=WorkingHours.parse(hours) if hours else WorkingHours(),
            vip=vip,
            organization=organization,
            nicknames=nicknames,
        )
        if uow.repos.person_by_email(person.email) is not None:
            raise Conflict(N_("{email} is already known."), email=person.email)
        stored = uow.repos.add_person(person)
        uow.audit("person.create", "person", str(stored.id), {"email": stored.email})
        return person_view(stored)


def list_people(app: App) -> list[dict[str, Any]]:
    """The contacts. A viewer sees free/busy only, so not the directory either (row 9)."""
    with unit_of_work(app, write=False) as uow:
        if uow.actor.role is Role.VIEWER:
            raise PermissionDenied(N_("A viewer sees free/busy only."))
        return [person_view(p) for p in uow.repos.people()]


# -- objectives -----------------------------------------------------------------------


def add_objective(
    app: App, *, title: str, weight: int, classification: Classification = Classification.INTERNAL
) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        require_write(uow.actor, classification)
        stored = uow.repos.add_objective(
            Objective(title=title, weight=weight, classification=classification)
        )
        uow.audit("objective.create", "objective", str(stored.id), {"title": title})
        return objective_view(stored, uow.actor)


def list_objectives(app: App) -> list[dict[str, Any]]:
    with unit_of_work(app) as uow:
        objectives = uow.repos.objectives()
        audit_sealed_reads(uow, "objective", ((o.id, o.classification) for o in objectives))
        return [objective_view(o, uow.actor) for o in objectives]


# -- tasks ----------------------------------------------------------------------------


def add_task(
    app: App,
    *,
    title: str,
    estimate: timedelta,
    due: datetime | None = None,
    objective: str | None = None,
    priority: Priority = Priority.MEDIUM,
    owner: str = "principal",
    depends_on: tuple[str, ...] = (),
    earliest_start: datetime | None = None,
    splittable: bool = True,
    min_chunk: timedelta = timedelta(minutes=30),
    waiting_on: str | None = None,
    classification: Classification = Classification.INTERNAL,
) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        require_write(uow.actor, classification)
        objective_id = None
        if objective:
            objective_id = uow.repos.objective(parse_id("objective", objective)).id
        deps = tuple(uow.repos.task(parse_id("task", d)).id for d in depends_on)
        task = Task(
            title=title,
            estimate=estimate,
            due=due,
            objective_id=objective_id,
            priority=priority,
            owner=owner,
            depends_on=deps,
            earliest_start=earliest_start,
            splittable=splittable,
            min_chunk=min_chunk,
            waiting_on=check_email(waiting_on) if waiting_on else None,
            classification=classification,
            created_at=uow.now,
        )
        stored = uow.repos.add_task(task, now=uow.now)
        uow.audit("task.create", "task", str(stored.id), {"title": title})
        return task_view(stored, uow.actor)


def list_tasks(app: App, *, include_done: bool = False) -> list[dict[str, Any]]:
    with unit_of_work(app) as uow:
        tasks = uow.repos.tasks(open_only=not include_done)
        audit_sealed_reads(uow, "task", ((t.id, t.classification) for t in tasks))
        return [task_view(t, uow.actor) for t in tasks]


def complete_task(app: App, ref: str) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        return task_view(mark_task_done(uow, ref), uow.actor)


def _any_version(version: int) -> None:
    """No precondition on the version read (see ``app.conditional``)."""


def mark_task_done(
    uow: UnitOfWork, ref: str, check_version: Callable[[int], None] = _any_version
) -> Task:
    """Mark the task ``ref`` done in ``uow`` (audited), after ``check_version``."""
    task = uow.repos.task(parse_id("task", ref))
    require_write(uow.actor, task.classification, f"task:{task.id}")
    check_version(task.version)
    if task.status is TaskStatus.DONE:
        raise InvalidInput(N_("Task {ref} is already done."), ref=ref)
    stored = uow.repos.update_task(replace(task, status=TaskStatus.DONE, done_at=uow.now))
    uow.audit("task.done", "task", str(task.id), {"status": "done"})
    return stored


# -- commitments ----------------------------------------------------------------------


def add_commitment(
    app: App,
    *,
    what: str,
    to: str,
    due: datetime,
    owner: str | None = None,
    classification: Classification = Classification.INTERNAL,
) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        require_write(uow.actor, classification)
        beneficiary = check_email(to)
        owner_email = check_email(owner) if owner else _principal_email(uow)
        stored = uow.repos.add_commitment(
            Commitment(
                what=what,
                owner=owner_email,
                beneficiary=beneficiary,
                due=due,
                classification=classification,
                created_at=uow.now,
            ),
            now=uow.now,
        )
        uow.audit("commitment.create", "commitment", str(stored.id), {"what": what})
        return commitment_view(stored, uow.actor, uow.now)


def list_commitments(app: App) -> list[dict[str, Any]]:
    with unit_of_work(app) as uow:
        items = uow.repos.commitments()
        audit_sealed_reads(uow, "commitment", ((c.id, c.classification) for c in items))
        return [commitment_view(c, uow.actor, uow.now) for c in items]


def complete_commitment(app: App, ref: str) -> dict[str, Any]:
    with unit_of_work(app) as uow:
        return commitment_view(mark_commitment_kept(uow, ref), uow.actor, uow.now)


def mark_commitment_kept(
    uow: UnitOfWork, ref: str, check_version: Callable[[int], None] = _any_version
) -> Commitment:
    """Mark the open commitment ``ref`` kept in ``uow`` (audited), after ``check_version``."""
    c = uow.repos.commitment(parse_id("commitment", ref))
    require_write(uow.actor, c.classification, f"commitment:{c.id}")
    check_version(c.version)
    if c.status is not CommitmentStatus.OPEN:
        raise InvalidInput(
            N_("Commitment {ref} is already closed ({status})."), ref=ref, status=c.status.value
        )
    stored = uow.repos.update_commitment(replace(c, status=CommitmentStatus.KEPT, done_at=uow.now))
    uow.audit("commitment.kept", "commitment", str(c.id), {"status": "kept"})
    return stored


def _principal_email(uow: Any) -> str:
    from binome.store.tables import UserRow

    row = uow.session.get(UserRow, uow.workspace_row.principal_user_id)
    return str(row.email)
