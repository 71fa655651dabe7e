"""The unit of work on both databases: all or nothing, and no lost update."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from binome.app.context import App
from binome.app.items import add_person, add_task
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.errors import Conflict
from binome.domain.model import Classification, Objective, Person, Task
from binome.i18n import render
from binome.store.tables import Base, TaskRow
from tests.conftest import NOW


@pytest.fixture
def app(database_url: str) -> App:
    app = App.open(database_url, now=NOW)
    init_workspace(app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris")
    return app


def _state(engine: Engine) -> dict[str, object]:
    """Row counts of every table plus the audit head anchored in the workspace."""
    with engine.connect() as conn:
        counts: dict[str, object] = {
            name: conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
            for name in Base.metadata.tables
        }
        counts["head"] = tuple(
            conn.execute(text("SELECT audit_head_seq, audit_head_hash FROM workspaces")).one()
        )
    return counts


class Boom(Exception):
    pass


def _write_two_objects_then_fail(app: App) -> None:
    with unit_of_work(app) as uow:
        person = uow.repos.add_person(Person(name="John Smith", email="john@example.com"))
        uow.audit("person.create", "person", str(person.id))
        objective = uow.repos.add_objective(
            Objective(title="Lever 20 M€", weight=30, classification=Classification.SECRET)
        )
        uow.audit("objective.create", "objective", str(objective.id))
        raise Boom


def test_an_exception_mid_write_leaves_the_database_exactly_as_it_was(app: App) -> None:
    add_person(app, name="Paul Durand", email="paul@example.com")
    before = _state(app.engine)

    with pytest.raises(Boom):
        _write_two_objects_then_fail(app)

    assert _state(app.engine) == before
    with unit_of_work(app, write=False) as uow:
        assert [p.email for p in uow.repos.people()] == ["claire@example.fr", "paul@example.com"]


def test_a_read_only_unit_of_work_never_commits(app: App) -> None:
    before = _state(app.engine)
    with unit_of_work(app, write=False) as uow:
        uow.repos.add_person(Person(name="John Smith", email="john@example.com"))
        uow.audit("person.create", "person", "x")
    assert _state(app.engine) == before


def test_the_second_of_two_writers_who_read_the_same_version_gets_a_conflict(app: App) -> None:
    view = add_task(app, title="Préparer le comité", estimate=timedelta(hours=2))
    task_id = int(view["id"][1:])
    with unit_of_work(app, write=False) as uow:
        first = uow.repos.task(task_id)
    with unit_of_work(app, write=False) as uow:
        second = uow.repos.task(task_id)
    assert first.version == second.version == 1

    with unit_of_work(app) as uow:
        uow.repos.update_task(replace(first, title="Préparer le comité (v2)"))
    with pytest.raises(Conflict) as info, unit_of_work(app) as uow:
        uow.repos.update_task(replace(second, title="Écrasé"))

    assert render(info.value, "en") == (
        f"task {task_id} was changed by someone else since you read it "
        "(version 1, now 2); reload and retry."
    )
    with unit_of_work(app, write=False) as uow:
        stored: Task = uow.repos.task(task_id)
    assert (stored.title, stored.version) == ("Préparer le comité (v2)", 2)


def test_a_stale_person_update_is_refused_and_nothing_is_overwritten(app: App) -> None:
    add_person(app, name="Paul Durand", email="paul@example.com")
    with unit_of_work(app, write=False) as uow:
        stale = uow.repos.person_by_email("paul@example.com")
    assert stale is not None
    with unit_of_work(app) as uow:
        uow.repos.update_person(replace(stale, name="Paul D."))
    with pytest.raises(Conflict), unit_of_work(app) as uow:
        uow.repos.update_person(replace(stale, name="Paul Overwritten"))
    with unit_of_work(app, write=False) as uow:
        fresh = uow.repos.person_by_email("paul@example.com")
    assert fresh is not None
    assert fresh.name == "Paul D."


def _interleaved_writers(app: App, task_id: int) -> None:
    """Writer A reads, writer B reads and commits, then A writes its stale copy."""
    with unit_of_work(app) as a:
        row_a = a.session.get(TaskRow, task_id)
        assert row_a is not None
        with unit_of_work(app) as b:
            row_b = b.session.get(TaskRow, task_id)
            assert row_b is not None
            row_b.priority = "high"
        row_a.priority = "low"


@pytest.mark.postgres
def test_truly_concurrent_writers_on_postgresql_get_a_conflict_not_a_lost_update() -> None:
    # SQLite serialises writers (BEGIN IMMEDIATE), so only PostgreSQL can interleave them;
    # the row's version column (SQLAlchemy version_id_col) turns the race into Conflict.
    from tests.conftest import _fresh_pg_schema_url

    app = App.open(_fresh_pg_schema_url(), now=NOW)
    init_workspace(app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris")
    task_id = int(add_task(app, title="Budget", estimate=timedelta(hours=1))["id"][1:])

    with pytest.raises(Conflict) as info:
        _interleaved_writers(app, task_id)

    assert "reload and retry" in render(info.value, "en")
    with unit_of_work(app, write=False) as uow:
        stored = uow.repos.task(task_id)
    assert (stored.priority.value, stored.version) == ("high", 2)
