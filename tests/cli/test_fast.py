"""The lean ``binome agenda`` (``cli/fast.py``): which command lines it takes, that it prints
what the Typer command prints, and that it loads neither Typer nor SQLAlchemy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.cli import fast
from binome.cli.main import FLAG_OPTIONS, VALUE_OPTIONS, _lang_from, hoist_globals
from tests.conftest import NOW, Cli


def test_the_lean_parser_knows_exactly_the_global_options_of_the_entry_point() -> None:
    assert set(fast.VALUES) == set(VALUE_OPTIONS)
    assert set(fast.FLAGS) == set(FLAG_OPTIONS)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["agenda"], {}),
        (["agenda", "today"], {"what": "today"}),
        (["agenda", "week", "--json"], {"what": "week", "json": True}),
        (["--db", "x.db", "agenda", "--from", "2026-12-01", "--to=2026-12-31"],
         {"db": "x.db", "start": "2026-12-01", "end": "2026-12-31"}),
        (["agenda", "demain", "--as", "sophie", "--lang=en", "--now", "2026-11-26T08:00"],
         {"what": "demain", "as_user": "sophie", "lang": "en", "now": "2026-11-26T08:00"}),
    ],
)  # fmt: skip
def test_plain_agenda_command_lines_take_the_lean_path(
    argv: list[str], expected: dict[str, object]
) -> None:
    call = fast.parse(hoist_globals(argv))
    assert call is not None
    found = {**call.options, "what": call.what, "start": call.start, "end": call.end}
    assert {k: v for k, v in found.items() if v is not None} == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["agenda", "--help"],
        ["agenda", "-h"],
        ["agenda", "today", "tomorrow"],
        ["agenda", "--from"],
        ["agenda", "--from", "--json"],
        ["agenda", "--from", "2026-12-01", "--from", "2026-12-02"],
        ["agenda", "--until", "2026-12-01"],
        ["--lang", "fr", "--lang", "en", "agenda"],
        ["--json", "--json", "agenda"],
        ["agenda", "--", "today"],
        ["brief"],
        ["event", "list"],
        [],
    ],
)
def test_anything_unusual_is_left_to_typer(argv: list[str]) -> None:
    assert fast.parse(hoist_globals(argv)) is None


WORDS = ["agenda", "today", "week", "--from", "--to", "--json", "--db", "x", "--as", "-h",
         "--lang=en", "--to=2026-12-01", "--debug", "--now", "--", "--help"]  # fmt: skip


@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_an_accepted_command_line_runs_agenda_and_drops_no_argument(argv: list[str]) -> None:
    args = hoist_globals(argv)
    call = fast.parse(args)
    if call is None:
        return
    assert args.count("agenda") >= 1
    assert not {"--help", "-h", "--"} & set(args)
    kept = [v for v in (call.what, call.start, call.end) if v is not None]
    kept += [v for v in call.options.values() if isinstance(v, str)]
    plain = [a for a in args if not a.startswith("-") and a != "agenda"]
    assert len(kept) + args.count("agenda") - 1 >= len(plain)


def _typer(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    """The same command line through Typer and the unit of work (the path before)."""
    from binome.cli.common import handle_errors
    from binome.cli.root import command_for

    args = hoist_globals(argv)
    capsys.readouterr()
    command = command_for(args)
    code = handle_errors(
        lambda: command.main(args=args, prog_name="binome", standalone_mode=False),
        lang=_lang_from(args),
        debug=False,
    )
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "today"],
        ["agenda", "week", "--json"],
        ["--lang", "en", "agenda", "--from", "2026-11-20", "--to", "2026-12-31"],
        ["agenda", "2026-13-40"],
        ["agenda", "--from", "2026-12-05", "--to", "2026-12-01"],
        ["--lang", "de", "agenda"],
        ["--now", "yesterday", "agenda"],
        ["--as", "nobody", "agenda"],
    ],
)
def test_the_lean_path_prints_what_the_typer_path_prints(
    workspace_cli: Cli, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    add = ["event", "add", "--title", "Comité", "--start", "2026-11-26T14:00",
           "--end", "2026-11-26T15:00", "--classification", "confidential"]  # fmt: skip
    assert workspace_cli(*add).exit_code == 0
    argv = ["--now", NOW.isoformat(), *args] if "--now" not in args else args
    lean = workspace_cli(*argv)
    before = _typer(capsys, ["--db", workspace_cli.db, *argv])
    assert (lean.exit_code, lean.stdout, lean.stderr) == before


PROBE = """
import json, sys
from binome.cli.main import run
try:
    run(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ["sqlalchemy", "typer", "typer.main", "alembic", "rich", "click"]
sys.stderr.write(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


def test_the_agenda_imports_neither_sqlalchemy_nor_typer(sqlite_cli: Cli, tmp_path: Path) -> None:
    init = sqlite_cli("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
                      "--tz", "Europe/Paris")  # fmt: skip
    assert init.exit_code == 0
    for args in (("agenda", "today"), ("agenda", "week", "--json"), ("agenda", "--lang", "en")):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "--db", str(tmp_path / "binome.db"), *args],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        probe = json.loads(done.stderr.strip().splitlines()[-1])
        assert probe == {"code": 0, "loaded": []}, args
