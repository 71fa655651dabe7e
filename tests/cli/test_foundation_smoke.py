"""The basic loop through the CLI on both databases: init, add, agenda, audit."""

from __future__ import annotations

from tests.conftest import Cli


def test_an_event_added_shows_in_the_agenda_with_the_remote_local_time(workspace_cli: Cli) -> None:
    cli = workspace_cli
    assert (
        cli(
            "person",
            "add",
            "--name",
            "John Smith",
            "--email",
            "john@example.com",
            "--tz",
            "America/New_York",
        ).exit_code
        == 0
    )
    added = cli(
        "event",
        "add",
        "--title",
        "Board call",
        "--start",
        "2026-12-03T14:00",
        "--end",
        "2026-12-03T15:00",
        "--attendees",
        "john@example.com",
        "--json",
    )
    assert added.exit_code == 0, added.stderr
    agenda = cli("agenda", "2026-12-03", "--json").json()
    [item] = agenda["items"]
    assert item["title"] == "Board call"
    assert item["start"] == "2026-12-03T14:00:00+01:00"
    assert item["remote"][0]["local_start"] == "2026-12-03T08:00:00-05:00"


def test_end_before_start_is_one_line_and_exit_1(workspace_cli: Cli) -> None:
    result = workspace_cli(
        "event", "add", "--title", "x", "--start", "2026-12-03T14:00", "--end", "2026-12-03T13:00"
    )
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_the_audit_chain_verifies(workspace_cli: Cli) -> None:
    assert workspace_cli("audit", "verify").exit_code == 0
