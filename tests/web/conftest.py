"""A small two-workspace site for the web tests, built with the app's use cases.

Workspace A (Claire Martin, Paris) has a principal, an assistant, a viewer and a backup;
workspace B (Bruno Keller) has its own principal and items. Users get Argon2 passwords
through a helper that writes ``users.password_hash`` directly (``binome user add`` is
being written elsewhere). A canary string sits in A's secret event so a test can grep
every response for it.
"""

from __future__ import annotations

import os
import shutil
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from binome.app.calendar import NewEvent, add_event
from binome.app.context import App, Clock
from binome.app.items import add_commitment, add_objective, add_person, add_task
from binome.app.requests import ask
from binome.app.sessions import hash_password
from binome.app.users import grant
from binome.app.workspace import init_workspace
from binome.domain.model import Classification, EventKind, Priority
from binome.domain.timing import UTC, parse_datetime, zone
from binome.store.codec import to_db
from binome.store.tables import UserRow, WorkspaceRow
from binome.web.app import create_app
from tests.conftest import NOW

with warnings.catch_warnings():  # starlette nags about httpx vs httpx2 at import time
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ORIGIN = "http://testserver"
CANARY = "CANARY-7f3a9"
XSS = "<script>alert(1)</script>"
PASSWORDS = {
    "claire": "claire-long-passphrase-1",
    "anna": "anna-long-passphrase-2",
    "victor": "victor-long-passphrase-3",
    "bruno": "bruno-long-passphrase-4",
    "paul": "paul-long-passphrase-5",
}
_hashes: dict[str, str] = {}


def password_hash(password: str) -> str:
    if password not in _hashes:
        _hashes[password] = hash_password(password)
    return _hashes[password]


def add_user(
    url: str, workspace: str, name: str, email: str, role: str, password: str | None
) -> None:
    """Create a login directly in the store (test helper; the CLI's ``user add`` is elsewhere)."""
    from binome.app.access import DEFAULT_CLEARANCE
    from binome.domain.model import Role
    from binome.store.db import make_engine

    with make_engine(url).begin() as conn:
        ws = conn.execute(select(WorkspaceRow.id).where(WorkspaceRow.name == workspace)).scalar()
        conn.execute(
            UserRow.__table__.insert().values(
                workspace_id=ws,
                name=name,
                email=email,
                role=role,
                clearance=DEFAULT_CLEARANCE[Role(role)].value,
                password_hash=None if password is None else password_hash(password),
                active=True,
                created_at=to_db(NOW),
                version=1,
            )
        )


def set_password(url: str, email: str, password: str) -> None:
    from sqlalchemy import update

    from binome.store.db import make_engine

    with make_engine(url).begin() as conn:
        conn.execute(
            update(UserRow)
            .where(UserRow.email == email)
            .values(password_hash=password_hash(password))
        )


def at(text: str) -> datetime:
    return parse_datetime(text, zone("Europe/Paris"))


def _build_a(url: str) -> dict[str, str]:
    init_workspace(
        App.open(url, now=NOW),
        principal="Claire Martin",
        email="claire@example.fr",
        tz="Europe/Paris",
        country="FR",
        login="claire",
    )
    set_password(url, "claire@example.fr", PASSWORDS["claire"])
    add_user(url, "Claire Martin", "anna", "anna@example.fr", "assistant", PASSWORDS["anna"])
    add_user(url, "Claire Martin", "victor", "victor@example.fr", "viewer", PASSWORDS["victor"])
    add_user(url, "Claire Martin", "paul", "paul@example.fr", "backup", PASSWORDS["paul"])
    app = App.open(url, now=NOW, workspace="Claire Martin", actor="claire")
    add_person(app, name="John Smith", email="john@example.com", tz="America/New_York")
    objective = add_objective(app, title="Close the merger", weight=3)
    add_objective(app, title="Hire a CFO", weight=1)
    xss = add_event(
        app,
        NewEvent(
            title=XSS,
            start=at("2026-11-26T14:00"),
            end=at("2026-11-26T15:00"),
            attendees=("john@example.com",),
            location='"><img src=x onerror=alert(2)>',
            description="<b>prep</b> notes",
        ),
    )
    secret = add_event(
        app,
        NewEvent(
            title=f"Secret merger talk {CANARY}",
            start=at("2026-11-26T14:30"),
            end=at("2026-11-26T16:00"),
            classification=Classification.SECRET,
            location=f"Room {CANARY}",
        ),
    )
    add_event(
        app,
        NewEvent(
            title="Deep work on the merger",
            start=at("2026-11-23T09:00"),
            end=at("2026-11-23T11:00"),
            kind=EventKind.FOCUS,
            objective=objective["id"],
        ),
    )
    task = add_task(
        app,
        title="Prepare the board deck",
        estimate=timedelta(hours=2),
        priority=Priority.HIGH,
        due=at("2026-11-27T18:00"),
    )
    add_task(app, title="Book the dentist", estimate=timedelta(minutes=15), priority=Priority.LOW)
    late = add_commitment(
        app, what="Send the term sheet", to="john@example.com", due=at("2026-11-25T10:00")
    )
    request = ask(app, "Organise a meeting with John Smith on Monday at 10am")
    delegation = grant(app, "paul", "delegate", "create")
    return {
        "request": request["id"],
        "grant": delegation["id"],
        "event": xss["id"],
        "secret_event": secret["id"],
        "task": task["id"],
        "commitment": late["id"],
        "objective": objective["id"],
    }


def _build_b(url: str) -> dict[str, str]:
    init_workspace(
        App.open(url, now=NOW, seed=1),
        principal="Bruno Keller",
        email="bruno@example.de",
        tz="Europe/Berlin",
        lang="en",
        login="bruno",
    )
    set_password(url, "bruno@example.de", PASSWORDS["bruno"])
    app = App.open(url, now=NOW, workspace="Bruno Keller", actor="bruno")
    event = add_event(
        app, NewEvent(title="Bruno only", start=at("2026-11-26T10:00"), end=at("2026-11-26T11:00"))
    )
    task = add_task(app, title="Bruno task", estimate=timedelta(hours=1))
    objective = add_objective(app, title="Bruno objective", weight=2)
    commitment = add_commitment(
        app, what="Bruno promise", to="x@example.de", due=at("2026-12-01T10:00")
    )
    return {
        "event": event["id"],
        "task": task["id"],
        "objective": objective["id"],
        "commitment": commitment["id"],
    }


@dataclass
class Site:
    url: str
    a: dict[str, str]
    b: dict[str, str]
    now: list[datetime] = field(default_factory=lambda: [NOW])
    _app: FastAPI | None = None

    @property
    def app(self) -> FastAPI:
        if self._app is None:
            self._app = create_app(self.url, clock=Clock(lambda: self.now[0]))
        return self._app

    def client(self, *, https: bool = False, origin: bool = True) -> TestClient:
        base = "https://testserver" if https else ORIGIN
        headers = {"origin": base} if origin else {}
        return TestClient(
            self.app,
            base_url=base,
            headers=headers,
            raise_server_exceptions=False,
            follow_redirects=False,
        )

    def login(self, who: str, *, https: bool = False) -> TestClient:
        client = self.client(https=https)
        response = client.post("/login", data={"login": who, "password": PASSWORDS[who]})
        assert response.status_code == 303, response.text
        return client

    def advance(self, delta: timedelta) -> None:
        self.now[0] = self.now[0] + delta


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The SQLite site, built once per session (its file and key are copied per test)."""
    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'site.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BINOME_SECRET_KEY_FILE", str(folder / "keys.json"))
        a, b = _build_a(url), _build_b(url)
    from binome.store.db import make_engine

    make_engine(url).dispose()
    return {"dir": folder, "a": a, "b": b}


@pytest.fixture
def site(database_url: str, tmp_path: Path, site_template: dict[str, Any]) -> Site:
    """The two-workspace site, on SQLite and on PostgreSQL."""
    if database_url.startswith("sqlite"):
        return _copy_of(site_template, tmp_path)
    return Site(database_url, _build_a(database_url), _build_b(database_url))


@pytest.fixture
def sqlite_site(tmp_path: Path, site_template: dict[str, Any]) -> Site:
    """The same site on SQLite only (checks of the HTTP layer, fast)."""
    return _copy_of(site_template, tmp_path)


def _copy_of(template: dict[str, Any], tmp_path: Path) -> Site:
    folder = template["dir"]
    shutil.copy(folder / "site.db", tmp_path / "site.db")
    shutil.copy(folder / "keys.json", os.environ["BINOME_SECRET_KEY_FILE"])
    return Site(f"sqlite:///{tmp_path / 'site.db'}", dict(template["a"]), dict(template["b"]))


def csrf_of(client: TestClient, page: str = "/today") -> str:
    import re

    html = client.get(page).text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def utc(text: str) -> datetime:
    return parse_datetime(text, UTC)
