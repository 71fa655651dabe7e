"""Shared fixtures: real databases (SQLite and PostgreSQL), a pinned clock, the CLI runner.

``database_url`` is parametrised over SQLite and PostgreSQL; every storage test runs on both.
PostgreSQL tests use a fresh database per test session (created on the server at
``BINOME_TEST_PG``, default ``postgresql://root@127.0.0.1:5432/test``) and skip locally with a
reason when the server is unreachable, but fail when ``CI=true``.
"""

from __future__ import annotations

import gc
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

CI = os.environ.get("CI", "").lower() == "true"
PG_ADMIN = os.environ.get("BINOME_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday 9:00 in Paris
REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    env = os.environ.get("BINOME_SHARED")
    candidates = [Path(env)] if env else []
    candidates += [REPO.parent / "shared", Path("/work/shared")]
    for c in candidates:
        if (c / "fixtures").is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    found = shared_dir()
    if found is None:
        if CI:
            pytest.fail("shared/fixtures not found beside the repository (CI=true)")
        pytest.skip("shared/fixtures not found beside the repository")
    return found / "fixtures"


@contextmanager
def cpu_timer() -> Iterator[Callable[[], float]]:
    """CPU seconds this thread spends in the block, the cyclic collector paused: a budget
    for the code under test, not for a full collection of everything earlier tests left
    in a long test process (one landed inside a hostile-rule test and took it from 0.3 s
    to 1.6 s), nor for other threads (``process_time`` counts them all)."""
    was_on = gc.isenabled()
    gc.disable()
    began = time.thread_time()
    ended: list[float] = []
    try:
        yield lambda: (ended[0] if ended else time.thread_time()) - began
    finally:
        ended.append(time.thread_time())
        if was_on:
            gc.enable()


def downgrade(engine: Any, revision: str) -> None:
    """Run the migrations' downgrades to ``revision`` (``store.schema.upgrade`` to an
    older revision does nothing: Alembic only moves forward there)."""
    from alembic import command

    from binome.store.schema import _config

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own data, keys or user."""
    for var in (
        "BINOME_DATABASE_URL",
        "BINOME_USER",
        "BINOME_WORKSPACE",
        "BINOME_SECRET_KEY",
        "BINOME_LANG",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


_pg_state: dict[str, Any] = {}


def _pg_server_url() -> str | None:
    if "url" in _pg_state:
        return _pg_state["url"]  # type: ignore[no-any-return]
    from sqlalchemy import create_engine, text

    name = f"binome_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
        _pg_state["url"] = None
        _pg_state["error"] = str(exc).splitlines()[0]
        return None
    base = PG_ADMIN.rsplit("/", 1)[0]
    _pg_state["url"] = f"{base}/{name}"
    _pg_state["name"] = name
    return _pg_state["url"]  # type: ignore[no-any-return]


def pg_url_or_skip() -> str:
    url = _pg_server_url()
    if url is None:
        msg = f"PostgreSQL unreachable at {PG_ADMIN}: {_pg_state.get('error')}"
        if CI:
            pytest.fail(msg + " (CI=true: PostgreSQL tests must run)")
        pytest.skip(msg)
    return url


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    name = _pg_state.get("name")
    if not name:
        return
    from sqlalchemy import create_engine, text

    from binome.store.db import make_engine

    make_engine.cache_clear()
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    except Exception:  # noqa: BLE001, S110 - best-effort cleanup of a throwaway database
        pass


def _fresh_pg_schema_url() -> str:
    """A PostgreSQL URL whose search_path is a brand-new schema (one per test)."""
    base = pg_url_or_skip()
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    eng = create_engine(base, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng.dispose()
    return f"{base}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'binome.db'}"
    return _fresh_pg_schema_url()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'binome.db'}"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """Runs ``binome`` in-process with the real entry point (hoisting, error rendering)."""

    def __init__(self, db: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, db: bool = True) -> CliResult:
        from binome.cli.main import run

        argv = [*(["--db", self.db] if db else []), *args]
        self.capsys.readouterr()
        try:
            run(argv)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = self.capsys.readouterr()
        return CliResult(code, out, err)


@pytest.fixture
def cli(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    return Cli(database_url, capsys)


@pytest.fixture
def sqlite_cli(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    return Cli(sqlite_url, capsys)


@pytest.fixture
def workspace_cli(cli: Cli) -> Cli:
    """A CLI on a fresh workspace (principal Claire Martin, Europe/Paris, French)."""
    result = cli(
        "init",
        "--principal",
        "Claire Martin",
        "--email",
        "claire@example.fr",
        "--tz",
        "Europe/Paris",
        "--country",
        "FR",
        "--now",
        NOW.isoformat(),
    )
    assert result.exit_code == 0, result.stderr
    return cli
