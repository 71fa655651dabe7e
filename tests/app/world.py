"""A seeded world for the confidentiality tests: two workspaces in one database, every
classification, every kind of item, canaries in every free-text field.

Workspace ``Claire``: principal ``claire``, assistant ``marc``, backup ``bob``, viewer
``vera``. For each level in ``LEVELS`` it holds an event (title, place, notes, one attendee),
a task (title, notes), a commitment, an objective and a request, each text a canary
``zz-<level>-<kind>-<field>-zz``. Level ``granted`` is a secret item that ``marc`` and ``bob``
were granted one by one. Workspace ``Other`` (principal ``oscar``) holds one item of each
kind whose canaries start with ``zz-other``: nothing of it may show in ``Claire``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from binome.app.calendar import NewEvent, add_event
from binome.app.context import App
from binome.app.items import add_commitment, add_objective, add_person
from binome.app.uow import unit_of_work
from binome.app.users import add_user, grant
from binome.app.workspace import init_workspace
from binome.domain.model import Attendee, Classification, Event, Request, Role, Task
from binome.domain.timing import Timed, zone

NOW = datetime.fromisoformat("2026-11-26T08:00:00+00:00")
PARIS = zone("Europe/Paris")
LEVELS = ("public", "internal", "confidential", "secret", "granted")
ROLES = ("principal", "assistant", "backup", "viewer")
LOGIN = {"principal": "claire", "assistant": "marc", "backup": "bob", "viewer": "vera"}
VISIBLE = {
    "principal": frozenset(LEVELS),
    "assistant": frozenset({"public", "internal", "confidential", "granted"}),
    "backup": frozenset({"public", "internal", "granted"}),
    "viewer": frozenset(),
}
FIELDS = {
    "event": ("title", "location", "description", "attendee"),
    "task": ("title", "description"),
    "commitment": ("what",),
    "objective": ("title",),
    "request": ("text",),
}
WORKSPACE = "Claire"
OTHER = "Other"


def canary(level: str, kind: str, name: str) -> str:
    return f"zz-{level}-{kind}-{name}-zz"


def canaries(level: str) -> list[str]:
    return [canary(level, kind, name) for kind, names in FIELDS.items() for name in names]


def classification_of(level: str) -> Classification:
    return Classification.SECRET if level == "granted" else Classification(level)


@dataclass
class World:
    url: str
    key_file: Path
    ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (level, kind) -> "T3"
    other_ids: dict[str, str] = field(default_factory=dict)  # kind -> id in workspace Other
    outputs: dict[tuple[str, str], Any] = field(default_factory=dict)  # memo of read paths

    def app(self, who: str | None = None, workspace: str = WORKSPACE) -> App:
        return App.open(self.url, actor=who, workspace=workspace, now=NOW)


@contextmanager
def key_env(path: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BINOME_SECRET_KEY_FILE", str(path))
        mp.delenv("BINOME_SECRET_KEY", raising=False)
        yield


def build_world(url: str, key_file: Path) -> World:
    world = World(url=url, key_file=key_file)
    with key_env(key_file):
        init_workspace(
            world.app(workspace=WORKSPACE),
            principal="Claire Martin",
            email="claire@example.fr",
            tz="Europe/Paris",
            name=WORKSPACE,
            login="claire",
        )
        boss = world.app("claire")
        for role in ("assistant", "backup", "viewer"):
            add_user(boss, name=LOGIN[role], email=f"{LOGIN[role]}@example.fr", role=Role(role))
        for day, level in enumerate(LEVELS, start=1):
            _seed_level(world, boss, level, day)
        for who in ("marc", "bob"):
            for kind in FIELDS:
                grant(boss, who, "item", world.ids[("granted", kind)])
        grant(boss, "marc", "audit")
        _seed_other(world)
    return world


def _seed_level(world: World, boss: App, level: str, day: int) -> None:
    level_class = classification_of(level)
    # A contact with a plain name: contacts (``people``) are not classified. The attendee's
    # name as the event carries it (as an .ics import stores it) is the event's own text.
    add_person(boss, name=f"Guest {level}", email=f"guest-{level}@example.com")
    start = datetime(2026, 12, day, 10, 0, tzinfo=PARIS)
    with unit_of_work(boss) as uow:
        event = uow.repos.add_event(
            Event(
                title=canary(level, "event", "title"),
                timing=Timed(start, start + timedelta(hours=1)),
                attendees=(
                    Attendee(f"att-{level}@example.com", canary(level, "event", "attendee")),
                ),
                location=canary(level, "event", "location"),
                description=canary(level, "event", "description"),
                classification=level_class,
            ),
            now=NOW,
        )
    world.ids[(level, "event")] = f"E{event.id}"
    with unit_of_work(boss) as uow:
        task = uow.repos.add_task(
            Task(
                title=canary(level, "task", "title"),
                description=canary(level, "task", "description"),
                estimate=timedelta(hours=1),
                due=start + timedelta(days=2),
                classification=level_class,
                created_at=NOW,
            ),
            now=NOW,
        )
        request = uow.repos.add_request(
            Request(text=canary(level, "request", "text"), lang="fr", classification=level_class),
            now=NOW,
        )
    world.ids[(level, "task")] = f"T{task.id}"
    world.ids[(level, "request")] = f"Q{request.id}"
    commitment = add_commitment(
        boss,
        what=canary(level, "commitment", "what"),
        to="paul@example.com",
        due=start + timedelta(days=3),
        classification=level_class,
    )
    world.ids[(level, "commitment")] = commitment["id"]
    objective = add_objective(
        boss, title=canary(level, "objective", "title"), weight=10, classification=level_class
    )
    world.ids[(level, "objective")] = objective["id"]


def _seed_other(world: World) -> None:
    init_workspace(
        world.app(workspace=OTHER),
        principal="Oscar Other",
        email="oscar@other.example",
        tz="Europe/Paris",
        name=OTHER,
        login="oscar",
    )
    oscar = world.app("oscar", workspace=OTHER)
    start = datetime(2026, 12, 2, 10, 0, tzinfo=PARIS)
    event = add_event(
        oscar,
        NewEvent(
            title="zz-other-event-title-zz",
            start=start,
            end=start + timedelta(hours=1),
            location="zz-other-event-location-zz",
            classification=Classification.PUBLIC,
        ),
    )
    world.other_ids["event"] = event["id"]
    with unit_of_work(oscar) as uow:
        task = uow.repos.add_task(
            Task(title="zz-other-task-title-zz", estimate=timedelta(hours=1), created_at=NOW),
            now=NOW,
        )
    world.other_ids["task"] = f"T{task.id}"
    c = add_commitment(oscar, what="zz-other-commitment-what-zz", to="p@x.fr", due=start)
    world.other_ids["commitment"] = c["id"]
    world.other_ids["objective"] = add_objective(oscar, title="zz-other-objective-zz", weight=5)[
        "id"
    ]


def world_for(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    """Build the world on the backend named by ``request.param``.

    These worlds test who sees what, not durability: SQLite lives on tmpfs when there is
    one and PostgreSQL commits asynchronously, so the matrix does not wait on fsync."""
    base = tmp_path_factory.mktemp("world")
    if request.param == "sqlite":
        db_dir = base
        if Path("/dev/shm").is_dir():
            db_dir = Path(tempfile.mkdtemp(prefix="binome-world-", dir="/dev/shm"))
            request.addfinalizer(lambda: shutil.rmtree(db_dir, ignore_errors=True))
        url = f"sqlite:///{db_dir / 'binome.db'}"
    else:
        from tests.conftest import _fresh_pg_schema_url

        url = _fresh_pg_schema_url() + "%20-csynchronous_commit%3Doff"
    os.environ.pop("BINOME_USER", None)
    return build_world(url, base / "keys.json")
