"""App-level fixtures: a fresh workspace on SQLite, or on both databases."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from binome.app.access import DEFAULT_CLEARANCE
from binome.app.context import App
from binome.app.workspace import init_workspace
from binome.domain.model import Role
from binome.store.tables import UserRow, WorkspaceRow
from tests.conftest import NOW


def open_app(url: str, *, actor: str | None = None, now: datetime = NOW) -> App:
    return App.open(url, actor=actor, now=now)


def claire_workspace(url: str) -> str:
    """Create Claire Martin's workspace (Europe/Paris, FR) in the database at ``url``."""
    init_workspace(
        open_app(url),
        principal="Claire Martin",
        email="claire@example.fr",
        tz="Europe/Paris",
        country="FR",
    )
    return url


@pytest.fixture
def workspace_url(sqlite_url: str) -> str:
    """A workspace of Claire Martin (Europe/Paris, FR) in a fresh SQLite file."""
    return claire_workspace(sqlite_url)


@pytest.fixture
def any_workspace_url(database_url: str) -> str:
    """The same workspace, on SQLite and on PostgreSQL (``database_url``)."""
    return claire_workspace(database_url)


def add_user(url: str, name: str, role: Role) -> None:
    """A login with ``role`` and its default clearance (no `binome user add` on main yet)."""
    app = open_app(url)
    with Session(app.engine) as session, session.begin():
        ws = session.scalars(select(WorkspaceRow)).one()
        session.add(
            UserRow(
                workspace_id=ws.id,
                name=name,
                email=f"{name}@example.fr",
                role=role.value,
                clearance=DEFAULT_CLEARANCE[role].value,
                active=True,
                created_at=NOW.replace(tzinfo=None),
            )
        )
