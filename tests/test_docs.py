"""Every command documents itself: ``--help`` works and shows an ``Example:`` line."""

from __future__ import annotations

from typing import Any

from tests.conftest import Cli


def _commands() -> list[tuple[str, ...]]:
    """Paths of every command a user can run (leaves, and groups that run on their own)."""
    import click
    import typer.main

    from binome.cli.main import _register, app

    _register()
    root = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None or getattr(command, "invoke_without_command", False):
            paths.append(path)
        for name, sub in (subcommands or {}).items():
            walk(sub, (*path, name))

    assert isinstance(root, click.Command) or hasattr(root, "commands")
    for name, sub in root.commands.items():  # type: ignore[attr-defined]
        walk(sub, (name,))
    return paths


def test_the_command_list_covers_the_foundation() -> None:
    found = {" ".join(p) for p in _commands()}
    assert {"init", "agenda", "person add", "event list", "task done", "audit verify"} <= found


def test_every_command_has_help_with_an_example(sqlite_cli: Cli) -> None:
    missing = []
    for path in _commands():
        result = sqlite_cli(*path, "--help", db=False)
        assert result.exit_code == 0, (path, result.stderr)
        if "Example:" not in result.stdout:
            missing.append(" ".join(path))
    assert missing == []
