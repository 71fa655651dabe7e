"""``binome agenda`` stays lean: what it must not import, so the whole process starts fast.

Alembic (only when migrating), Rich, Babel and the separate Click package cost tens of
milliseconds each; a regression here shows up as a slower command for everyone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import NOW, Cli

PROBE = """
import json, sys
from binome.cli.main import run
try:
    run(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ["alembic", "rich", "babel", "click", "pydantic", "logging", "_strptime",
         "binome.cli.people_cmd", "binome.cli.work_cmd"]
sys.stderr.write(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def _probe(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False,
        env=None if env is None else {**os.environ, **env},
    )  # fmt: skip
    return json.loads(done.stderr.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_agenda_on_a_current_database_imports_no_heavy_library(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    init = sqlite_cli("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
                      "--tz", "Europe/Paris")  # fmt: skip
    assert init.exit_code == 0
    db = str(tmp_path / "binome.db")
    for args in (("agenda", "today"), ("agenda", "week", "--json")):
        assert _probe("--db", db, "--now", NOW.isoformat(), *args) == {"code": 0, "loaded": []}


def test_a_failure_is_logged_when_a_log_file_is_asked_for(sqlite_cli: Cli, tmp_path: Path) -> None:
    """Logging is set up only with ``BINOME_LOG_FILE`` (the lean agenda does not even
    import it otherwise); with it, a refused command leaves one line: the error class and
    its message template, never the value typed."""
    init = sqlite_cli("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
                      "--tz", "Europe/Paris")  # fmt: skip
    assert init.exit_code == 0
    db = str(tmp_path / "binome.db")
    log = tmp_path / "binome.log"
    args = ("--db", db, "agenda", "--from", "2026-02-30-secret")
    assert _probe(*args)["code"] == 1
    assert not log.exists()
    found = _probe(*args, env={"BINOME_LOG_FILE": str(log)})
    assert found["code"] == 1
    assert "logging" in found["loaded"]  # type: ignore[operator]
    lines = log.read_text().splitlines()
    assert len(lines) == 1
    assert "secret" not in lines[0]


def test_an_old_database_still_gets_migrated_by_the_agenda(tmp_path: Path) -> None:
    from binome.store.db import make_engine
    from binome.store.schema import current_revision, head_revision, upgrade

    db = tmp_path / "old.db"
    upgrade(make_engine(f"sqlite:///{db}"), "0001")
    result = _probe("--db", str(db), "--lang", "en", "agenda", "today")
    assert "alembic" in result["loaded"]  # type: ignore[operator]
    assert current_revision(make_engine(f"sqlite:///{db}")) == head_revision()


def _tree(command: object) -> object:
    subs = getattr(command, "commands", None)
    return None if subs is None else {name: _tree(sub) for name, sub in subs.items()}


def test_the_fast_path_builds_the_same_commands_as_the_full_tree() -> None:
    # A module adding a subcommand to another module's group must be listed in OWNERS.
    import typer.main

    from binome.cli import commands
    from binome.cli.main import _register, app, command_for

    _register()
    full = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands.OWNERS:
        fast = command_for([name]).commands
        assert _tree(fast[name]) == _tree(full[name]), name
