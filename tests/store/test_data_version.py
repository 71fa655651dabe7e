"""The data version (``store.data_version``): every ORM write that a view may show moves it
once per transaction; audit appends and bookkeeping do not; and no write in ``src/`` goes
around the hook unnoticed."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from binome.app.items import add_person
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.store.db import make_engine
from binome.store.tables import PersonRow, TokenRow, UserRow
from tests.app.conftest import open_app

SRC = Path(__file__).parents[2] / "src" / "binome"

# Core (not ORM-flushed) writes the hook cannot see, each with why the version need not move.
CORE_WRITES = {
    ("store/occurrence_index.py", "OccurrenceRow"): "the index is derived from events",
    ("store/occurrence_index.py", "_TABLE"): "the occurrence index, derived from events",
    ("store/repositories.py", "OccurrenceRow"): "the occurrence index, derived from events",
    ("store/repositories.py", "EventRow"): "a series' exceptions go with its master's delete",
    ("store/data_version.py", "WorkspaceRow"): "the bump itself",
    ("app/sessions.py", "LoginAttemptRow"): "login throttling, shown nowhere",
    ("app/users.py", "TokenRow"): "tokens of a user disabled in the same transaction",
    ("app/keys.py", "table"): "re-encryption under a new key: the same content",
}


@pytest.fixture
def workspace_url(database_url: str) -> str:
    init_workspace(
        open_app(database_url), principal="Claire Martin", email="claire@example.fr",
        tz="Europe/Paris",
    )  # fmt: skip
    return database_url


def version(url: str) -> int:
    with make_engine(url).connect() as conn:
        return int(conn.execute(text("SELECT data_version FROM workspaces")).scalar_one())


def test_an_audit_only_transaction_leaves_the_version_alone(workspace_url: str) -> None:
    before = version(workspace_url)
    with unit_of_work(open_app(workspace_url)) as uow:
        uow.audit("read.confidential", "event", "1", ["event:1"])
        uow.audit("read.confidential", "event", "2", ["event:2"])
    assert version(workspace_url) == before


def test_one_transaction_moves_the_version_once_however_many_flushes(workspace_url: str) -> None:
    before = version(workspace_url)
    with unit_of_work(open_app(workspace_url)) as uow:
        person = uow.session.get(PersonRow, 1)
        assert person is not None
        for name in ("A", "B", "C"):
            person.name = name
            uow.session.flush()
        uow.audit("person.update", "person", "1", {"name": "C"})
    assert version(workspace_url) == before + 1
    add_person(open_app(workspace_url), name="Ann Lee", email="ann@example.com")
    assert version(workspace_url) == before + 2


def test_setting_a_value_to_itself_or_touching_a_session_moves_nothing(
    workspace_url: str,
) -> None:
    engine = make_engine(workspace_url)
    with Session(engine) as session, session.begin():
        user = session.get(UserRow, 1)
        assert user is not None
        session.add(
            TokenRow(workspace_id=user.workspace_id, user_id=user.id, kind="session",
                     token_hash="0" * 64, created_at=datetime(2026, 11, 26))
        )  # fmt: skip
    before = version(workspace_url)  # a new session (a login) counts: it is a new row
    with Session(engine) as session, session.begin():
        user = session.get(UserRow, 1)
        token = session.query(TokenRow).one()
        assert user is not None
        user.name = user.name  # the same value: no net change
        token.last_seen = datetime(2026, 11, 26, 9)
    assert version(workspace_url) == before
    with Session(engine) as session, session.begin():
        session.query(TokenRow).one().revoked_at = datetime(2026, 11, 26, 10)
    assert version(workspace_url) == before + 1


def _core_writes() -> set[tuple[str, str]]:
    """(module, table name) of every ``insert``/``update``/``delete`` statement built in src."""
    found = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("store/migrations/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("insert", "update", "delete")
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                found.add((rel, node.args[0].id))
    return found


def test_no_core_write_goes_around_the_data_version_unexplained() -> None:
    """A Core statement is not flushed by the ORM, so the hook does not see it. Each one
    here is listed with why no view depends on it; a new one must bump the version (or use
    the ORM) and be listed."""
    assert _core_writes() == set(CORE_WRITES)
