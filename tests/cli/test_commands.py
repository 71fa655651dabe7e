"""Every command that exists, through the real entry point on both databases: exit codes,
the stable JSON contract, and the error paths (one line, no traceback, nothing changed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from binome.store.db import make_engine
from tests.conftest import NOW, Cli, CliResult

AT = ("--now", NOW.isoformat())
AGENDA_FIELDS = {"id", "title", "start", "end", "all_day", "classification"}


def _ok(result: CliResult) -> CliResult:
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def _seed(cli: Cli) -> None:
    _ok(cli("person", "add", "--name", "John Smith", "--email", "john@example.com",
            "--tz", "America/New_York"))  # fmt: skip
    _ok(cli("objective", "add", "Lever 20 M€", "--weight", "30"))
    _ok(cli("event", "add", "--title", "Board call", "--start", "2026-11-26T14:00",
            "--end", "2026-11-26T15:00", "--attendees", "john@example.com"))  # fmt: skip
    _ok(cli("event", "add", "--title", "Séminaire", "--start", "2026-11-27",
            "--end", "2026-11-28", "--classification", "confidential"))  # fmt: skip
    for title in ("Préparer le comité", "Relire le budget"):
        _ok(cli("task", "add", title, "--estimate", "1h30", "--due", "2026-12-01T09:00"))
    for what in ("Envoyer le budget", "Rappeler Paul"):
        _ok(cli("commitment", "add", what, "--to", "john@example.com", "--due", "2026-12-04"))


COMMANDS = [
    ("person", "list"),
    ("objective", "list"),
    ("event", "list", "--from", "2026-11-01", "--to", "2026-12-31"),
    ("agenda", "today", *AT),
    ("agenda", "tomorrow", *AT),
    ("agenda", "week", *AT),
    ("agenda", "2026-11-26"),
    ("agenda", "--from", "2026-11-26", "--to", "2026-11-28"),
    ("task", "list"),
    ("commitment", "list"),
    ("audit",),
    ("audit", "verify"),
]


def test_every_command_answers_in_text_and_in_json(workspace_cli: Cli) -> None:
    cli = workspace_cli
    _seed(cli)
    for command in COMMANDS:
        human = _ok(cli(*command))
        assert human.stdout.strip(), command
        assert isinstance(_ok(cli(*command, "--json")).json(), dict | list), command
    assert _ok(cli("task", "done", "T1")).stdout.strip()
    assert _ok(cli("task", "done", "T2", "--json")).json()["status"] == "done"
    assert _ok(cli("commitment", "done", "C1")).stdout.strip()
    assert _ok(cli("commitment", "done", "C2", "--json")).json()["status"] == "kept"


def test_json_field_names_are_stable(workspace_cli: Cli) -> None:
    cli = workspace_cli
    _seed(cli)
    week = _ok(cli("agenda", "week", "--json", *AT)).json()
    assert {"from", "to", "tz", "items"} <= set(week)
    timed, all_day = week["items"]
    assert set(timed) >= AGENDA_FIELDS
    assert (timed["id"], timed["start"], timed["all_day"]) == (
        "E1",
        "2026-11-26T14:00:00+01:00",
        False,
    )
    assert (all_day["start"], all_day["end"], all_day["all_day"]) == (
        "2026-11-27",
        "2026-11-28",
        True,
    )
    assert all_day["classification"] == "confidential"
    [task, _] = _ok(cli("task", "list", "--json")).json()
    assert {"id", "title", "estimate", "due", "status", "priority", "classification"} <= set(task)
    [commitment, _] = _ok(cli("commitment", "list", "--json")).json()
    assert {"id", "what", "to", "due", "status", "owner"} <= set(commitment)
    people = _ok(cli("person", "list", "--json")).json()
    assert {"id", "name", "email", "tz", "hours", "vip"} <= set(people[0])
    [objective] = _ok(cli("objective", "list", "--json")).json()
    assert {"id", "title", "weight", "classification"} <= set(objective)
    [entry, *_] = _ok(cli("audit", "--json")).json()
    assert {"seq", "at", "actor", "action", "object_type", "object_id", "hash"} <= set(entry)
    assert _ok(cli("audit", "verify", "--json")).json()["ok"] is True


def test_init_reports_the_workspace_in_json(cli: Cli) -> None:
    out = _ok(cli("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
                  "--tz", "Europe/Paris", "--json")).json()  # fmt: skip
    assert {k: out[k] for k in ("workspace", "principal", "tz", "lang")} == {
        "workspace": "Claire Martin",
        "principal": "claire@example.fr",
        "tz": "Europe/Paris",
        "lang": "fr",
    }


USER_ERRORS = [
    (("person", "add", "--name", "P", "--email", "p@x.fr", "--tz", "Mars/Olympus"),
     "Unknown time zone: Mars/Olympus."),
    (("event", "add", "--title", "x", "--start", "2026-12-03T14:00", "--end", "2026-12-03T13:00"),
     "must be after the start"),
    (("event", "add", "--title", "x", "--start", "2026-12-03T14:00", "--end", "2026-12-03T15:00",
      "--attendees", "nobody@example.com"), "nobody@example.com"),
    (("task", "done", "T99"), "99"),
    (("commitment", "done", "C42"), "42"),
    (("event", "add", "--title", "x", "--start", "2026-13-03T14:00", "--end", "2026-12-03T15:00"),
     "Invalid date or time: 2026-13-03T14:00"),
    (("agenda", "2026-02-30"), "2026-02-30"),
    (("task", "add", "x", "--estimate", "5x"), "Invalid duration: 5x"),
    (("person", "add", "--name", "P", "--email", "not-an-email"), "not-an-email"),
    (("objective", "add", "O", "--weight", "0"), "between 1 and 100"),
]  # fmt: skip


def test_a_user_error_is_one_line_exit_1_and_changes_nothing(workspace_cli: Cli) -> None:
    before = _ok(workspace_cli("audit", "--json")).json()
    for args, needle in USER_ERRORS:
        result = workspace_cli(*args, "--lang", "en")
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1
        assert needle in result.stderr
        assert "Traceback" not in result.stderr
    assert _ok(workspace_cli("audit", "--json")).json() == before


USAGE_ERRORS = [
    ("event", "add"),
    ("frobnicate",),
    ("task", "add", "x", "--estimate"),
    ("objective", "add", "O", "--weight", "heavy"),
    ("agenda", "--bogus"),
]


def test_a_usage_error_exits_2_without_a_traceback(workspace_cli: Cli) -> None:
    for args in USAGE_ERRORS:
        result = workspace_cli(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr + result.stdout
        assert "Internal error" not in result.stderr


def test_a_broken_audit_chain_is_named_and_exits_1(workspace_cli: Cli) -> None:
    _ok(workspace_cli("person", "add", "--name", "P", "--email", "p@example.com"))
    with make_engine(workspace_cli.db).begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 2"))
    result = workspace_cli("audit", "verify", "--lang", "en")
    assert result.exit_code == 1
    assert "entry 2" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_database_that_cannot_be_created_is_one_line_exit_1(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    # Tests run as root, who ignores file modes: use places no one can write.
    blocker = tmp_path / "regular-file"
    blocker.write_text("not a folder\n")
    for db in ("/proc/binome.db", str(blocker / "binome.db")):
        result = sqlite_cli("--db", db, "person", "add", "--name", "P", "--email", "p@x.fr",
                            "--lang", "en", db=False)  # fmt: skip
        assert result.exit_code == 1, db
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder\n"
    assert not Path("/proc/binome.db").exists()


def test_a_read_only_database_refuses_writes_and_stays_unchanged(
    sqlite_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(sqlite_cli("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
                   "--tz", "Europe/Paris"))  # fmt: skip
    state = ("person", "list", "--json"), ("audit", "--json")
    before = [_ok(sqlite_cli(*args)).stdout for args in state]
    monkeypatch.chdir(tmp_path)  # SQLite URI file names make a stray "file:" folder here
    read_only = f"sqlite:///file:{tmp_path / 'binome.db'}?mode=ro&uri=true"
    result = sqlite_cli("--db", read_only, "person", "add", "--name", "P", "--email", "p@x.fr",
                        "--lang", "en", db=False)  # fmt: skip
    assert result.exit_code == 1
    assert "not writable" in result.stderr
    assert result.stderr.count("\n") == 1
    assert [_ok(sqlite_cli(*args)).stdout for args in state] == before
