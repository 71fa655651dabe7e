"""The confidentiality matrix: role × classification × read path, on SQLite and PostgreSQL.

SECURITY.md rows 1, 2, 4, 10, 41: nobody ever sees more than they are cleared for, on any
path. The world (``tests/app/world.py``) puts a canary in every free-text field of every
item; each read path runs once per role through the real CLI (in-process) and its stdout,
stderr and log lines are kept. Each cell then asserts: no canary of a level beyond the
reader's clearance appears (``zz-<level>-`` prefix, so a truncated canary counts too), no
canary of the other workspace appears, no canary at all reaches the logs, and a level the
reader may see does show (so the test cannot pass by showing nothing).

``READ_PATHS`` is the registry: a later capability (export, brief, radar, requests, web)
adds one ``ReadPath`` line and is held to the whole matrix.

Refusals are uniform: an item beyond the reader's clearance is ``PermissionDenied`` (its id
is public anyway, shown on the busy block), an id of another workspace or of nothing is
``NotFound`` with the same message as for a missing id (no existence oracle).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from binome.app.logging import configure, logger
from tests.app.world import (
    LEVELS,
    LOGIN,
    ROLES,
    VISIBLE,
    WORKSPACE,
    World,
    canaries,
    canary,
    world_for,
)

WINDOW = ("--from", "2026-12-01", "--to", "2026-12-31")
ALL_KINDS = ("event", "task", "commitment", "objective", "request")


@dataclass
class Runner:
    """Runs ``binome`` in-process as one role; keeps every output and log line."""

    world: World
    role: str
    capsys: pytest.CaptureFixture[str]
    codes: list[int] = field(default_factory=list)
    logs: list[str] = field(default_factory=list)

    def __call__(self, *args: str) -> str:
        from binome.cli.main import run

        argv = ["--db", self.world.url, "--workspace", WORKSPACE, "--lang", "en"]
        argv += ["--as", LOGIN[self.role], *args]
        stream = io.StringIO()
        handler = configure(stream=stream, level=logging.DEBUG)
        self.capsys.readouterr()
        try:
            run(argv)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            logger.removeHandler(handler)
        out, err = self.capsys.readouterr()
        self.codes.append(code)
        self.logs.append(stream.getvalue())
        return out + err


@dataclass(frozen=True)
class ReadPath:
    name: str
    call: Callable[[Runner, World], str]
    shows: tuple[str, ...] = ()  # kinds whose title canary shows when readable
    refused: frozenset[str] = frozenset()  # roles that get an error instead


def _each_canary(r: Runner, w: World) -> str:
    words = [c for level in LEVELS for c in canaries(level)] + ["zz-other-task-title-zz"]
    return "\n".join(r("search", word, "--json") for word in words)


def _done_errors(r: Runner, w: World) -> str:
    """The refusals only: marking a readable item done would change what later paths show
    (the outputs are memoised per world, and the brief and the plan list open work)."""
    out = []
    for level in (level for level in LEVELS if level not in VISIBLE[r.role]):
        out.append(r("task", "done", w.ids[(level, "task")]))
        out.append(r("commitment", "done", w.ids[(level, "commitment")]))
    return "\n".join(out)


DAYS = tuple(f"2026-12-0{day}" for day in range(1, len(LEVELS) + 1))  # one level's items a day
BRIEF_DAY = ("brief", "--date", "2026-12-03")
SLOTS = ("slots", "--with", "guest-public@example.com", "--from", "2026-12-01T08:00")


def _brief_each_day(r: Runner, w: World) -> str:
    return "\n".join(r("brief", "--date", day) for day in DAYS)


def _why_each_task(r: Runner, w: World) -> str:
    return "\n".join(r("task", "why", w.ids[(level, "task")]) for level in LEVELS)


def _slots(r: Runner, w: World) -> str:
    """Slots around every level's event, and a day too full to fit one: the explanation
    and the near misses name constraints and people, never what the busy time is."""
    found = r(*SLOTS, "--to", "2026-12-05T18:00", "--duration", "1h", "--json")
    blocked = r(*SLOTS, "--to", "2026-12-05T18:00", "--duration", "10h", "--json")
    return found + blocked + r(*SLOTS, "--to", "2026-12-01T18:00", "--duration", "8h")


def _ask_tomorrow(r: Runner, w: World) -> str:
    """The agenda answer, asked on the eve of each day (the answer is not stored)."""
    out = []
    for day in DAYS:
        eve = f"{_eve(day)}T07:00:00+00:00"
        out.append(r("ask", "qu'est-ce que j'ai demain ?", "--now", eve))
        out.append(r("ask", "what do I have tomorrow?", "--now", eve, "--json"))
    return "\n".join(out)


def _eve(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def _web_api(r: Runner, w: World) -> str:
    """The cockpit's JSON API with a bearer token of the role: requests, ranked tasks, the
    plan, the brief, Today and the week (one in-process FastAPI app per call)."""
    import warnings

    from binome.app.sessions import create_api_token
    from binome.web.app import create_app
    from tests.app.world import NOW

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    token = create_api_token(w.app(LOGIN[r.role])).token
    client = TestClient(create_app(w.url, now=NOW), raise_server_exceptions=False)
    auth = {"authorization": f"Bearer {token}"}
    paths = (
        "/api/requests?all=1",
        "/api/tasks?ranked=1&all=1",
        "/api/plan",
        "/api/brief",
        "/api/today",
        "/api/week",
    )
    return "\n".join(client.get(path, headers=auth).text for path in paths)


NOT_AUDITORS = frozenset({"backup", "viewer"})
VIEWERS = frozenset({"viewer"})

READ_PATHS: list[ReadPath] = [
    ReadPath("agenda text", lambda r, w: r("agenda", *WINDOW), ("event",)),
    ReadPath("agenda json", lambda r, w: r("agenda", *WINDOW, "--json"), ("event",)),
    ReadPath("event list", lambda r, w: r("event", "list", *WINDOW, "--json"), ("event",)),
    ReadPath("task list text", lambda r, w: r("task", "list", "--all"), ("task",)),
    ReadPath("task list json", lambda r, w: r("task", "list", "--all", "--json"), ("task",)),
    ReadPath("commitment list text", lambda r, w: r("commitment", "list"), ("commitment",)),
    ReadPath(
        "commitment list json", lambda r, w: r("commitment", "list", "--json"), ("commitment",)
    ),
    ReadPath("objective list text", lambda r, w: r("objective", "list"), ("objective",)),
    ReadPath("objective list json", lambda r, w: r("objective", "list", "--json"), ("objective",)),
    ReadPath("search text", lambda r, w: r("search", "zz"), ALL_KINDS),
    ReadPath("search json", lambda r, w: r("search", "zz", "--json"), ALL_KINDS),
    ReadPath("search each canary", _each_canary, ALL_KINDS),
    ReadPath("audit", lambda r, w: r("audit", "--json"), refused=NOT_AUDITORS),
    ReadPath("audit verify", lambda r, w: r("audit", "verify"), refused=NOT_AUDITORS),
    ReadPath("grants and users", lambda r, w: r("grants", "--json") + r("user", "list")),
    ReadPath("person list", lambda r, w: r("person", "list", "--json"), refused=VIEWERS),
    ReadPath("error messages of done", _done_errors),
    # Paths that landed after the matrix: brief, slots, plan, task why, requests, ask.
    ReadPath("brief text", _brief_each_day, ("event", "task", "request")),
    ReadPath("brief json", lambda r, w: r(*BRIEF_DAY, "--json"), ("task", "request")),
    ReadPath("brief md", lambda r, w: r(*BRIEF_DAY, "--format", "md"), ("task", "request")),
    ReadPath("brief html", lambda r, w: r(*BRIEF_DAY, "--format", "html"), ("task", "request")),
    ReadPath("slots", _slots),
    ReadPath("plan text", lambda r, w: r("plan"), ("task",), refused=VIEWERS),
    ReadPath("plan json", lambda r, w: r("plan", "--json"), ("task",), refused=VIEWERS),
    ReadPath("task why", _why_each_task, ("task",)),
    ReadPath("requests text", lambda r, w: r("requests", "--all"), ("request",)),
    ReadPath("requests json", lambda r, w: r("requests", "--all", "--json"), ("request",)),
    ReadPath("ask the agenda", _ask_tomorrow, ("event",), refused=VIEWERS),
    # Leak checks only: this world raises few risks, so a risk's masked content (a secret
    # call clashing with a meeting) is proven in tests/app/test_radar.py instead.
    ReadPath("radar text", lambda r, w: r("radar", "--horizon", "30d")),
    ReadPath("radar json", lambda r, w: r("radar", "--horizon", "30d", "--json")),
    ReadPath("web api", _web_api, ("task", "request")),
    ReadPath("export", lambda r, w: r("export", *WINDOW), ("event",)),
    ReadPath("export whole", lambda r, w: r("export"), ("event",)),
]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def _world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    return world_for(request, tmp_path_factory)


@pytest.fixture
def world(_world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(_world.key_file))
    monkeypatch.setenv("COLUMNS", "400")  # Rich must not truncate or wrap a canary
    return _world


@dataclass(frozen=True)
class Seen:
    text: str
    logs: str
    codes: list[int]


def output(world: World, role: str, path: ReadPath, capsys: pytest.CaptureFixture[str]) -> Seen:
    """The path's output, logs and exit codes for ``role``, computed once per world."""
    key = (role, path.name)
    if key not in world.outputs:
        runner = Runner(world, role, capsys)
        text = path.call(runner, world)
        world.outputs[key] = Seen(text, "\n".join(runner.logs), runner.codes)
    seen: Seen = world.outputs[key]
    return seen


def cell_problems(role: str, level: str, path: ReadPath, seen: Seen) -> list[str]:
    """What is wrong in one cell of the matrix (empty when the cell holds)."""
    problems = []
    if level not in VISIBLE[role]:
        if f"zz-{level}-" in seen.text:
            problems.append(f"{role} sees {level} content through {path.name}")
    elif role not in path.refused:
        for kind in path.shows:
            title = {"request": "text", "commitment": "what"}.get(kind, "title")
            if canary(level, kind, title) not in seen.text:
                problems.append(f"{role} misses a readable {level} {kind} in {path.name}")
    return problems


@pytest.mark.parametrize("path", READ_PATHS, ids=lambda p: p.name)
@pytest.mark.parametrize("role", ROLES)
def test_no_reader_sees_more_than_their_clearance_on_any_path(
    world: World, role: str, path: ReadPath, capsys: pytest.CaptureFixture[str]
) -> None:
    """One row of the matrix: every classification level for this role and path, plus the
    other workspace, the logs and the refusals."""
    seen = output(world, role, path, capsys)
    problems = [p for level in LEVELS for p in cell_problems(role, level, path, seen)]
    assert problems == []
    assert "zz-other" not in seen.text
    assert "zz-" not in seen.logs
    assert "Traceback" not in seen.text
    if role in path.refused:
        assert seen.codes
        assert all(code == 1 for code in seen.codes)
        refusals = ("Only the principal", "A viewer sees free/busy only", "A viewer cannot change")
        assert any(words in seen.text for words in refusals)


@pytest.mark.parametrize("role", ROLES)
def test_masked_items_keep_their_times_and_lose_everything_else(
    world: World, role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    run = Runner(world, role, capsys)
    mine = json.loads(run("agenda", *WINDOW, "--json"))["items"]
    boss = json.loads(Runner(world, "principal", capsys)("agenda", *WINDOW, "--json"))["items"]
    assert [(i["start"], i["end"]) for i in mine] == [(i["start"], i["end"]) for i in boss]
    for item in mine:
        if item["masked"]:
            assert item["title"] is None
            assert "location" not in item
            assert "attendees" not in item
            assert "description" not in item
    assert sum(i["masked"] for i in mine) == len(LEVELS) - len(VISIBLE[role])
