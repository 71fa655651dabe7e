"""``binome import`` and ``binome export`` through the real entry point: every shared
fixture imports or is refused in one line with the database untouched, round trips keep
the occurrences, DST wall times are exact in Paris and New York."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from binome.app.calendar import load_occurrences
from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.timing import Span
from binome.store.db import make_engine
from tests.conftest import NOW, Cli, shared_dir

FOLDER = (shared_dir() or Path(__file__).parents[2] / ".." / "shared") / "fixtures" / "ics"
FILES = sorted(FOLDER.glob("*.ics"))
WIDE = Span(datetime(1995, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))
# The round trip runs on every fixture but the one of 400 kB (1,300 yearly series: ~20 s
# on a loaded machine; the bench imports it).
ROUND_TRIP = [p for p in FILES if p.stat().st_size < 100_000]
SOME = ("ical4j__valid__Standup.ics", "icalendar__example.ics", "icalendar__broken_ical.ics")


def _dump(db: str) -> str:
    """Every row of every table, hashed: "the database is exactly as it was"."""
    engine = make_engine(db)
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for table in ("events", "occurrences", "people", "tasks", "workspaces"):
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
            digest.update(repr(rows).encode())
    engine.dispose()
    return digest.hexdigest()


def _occurrences(db: str, calendar: str | None = None) -> Counter[tuple[str, str, str]]:
    app = App.open(db, now=NOW)
    with unit_of_work(app) as uow:
        return Counter(
            (o.event.title, o.span.start.isoformat(), o.span.end.isoformat())
            for o in load_occurrences(uow, WIDE)
            if calendar is None or o.event.calendar == calendar
        )


def _check_one(cli: Cli, path: Path) -> bool:
    """Import ``path``: either a summary, or exit 1 with one line naming the file and
    the database unchanged. True if imported."""
    before = _dump(cli.db)
    result = cli("import", str(path), "--json")
    if result.exit_code == 0:
        summary = result.json()
        assert summary["file"] == path.name
        return True
    assert result.exit_code == 1, (path.name, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, (path.name, lines)
    assert path.name in lines[0]
    assert _dump(cli.db) == before, path.name
    return False


def test_every_shared_fixture_imports_or_is_refused_in_one_line(workspace_cli: Cli) -> None:
    if not FILES:
        pytest.skip("shared fixtures not found")
    if not workspace_cli.db.startswith("sqlite"):
        pytest.skip("all fixtures on SQLite; a handful on PostgreSQL below")
    imported = sum(_check_one(workspace_cli, path) for path in FILES)
    assert imported > len(FILES) // 2


@pytest.mark.parametrize("name", SOME)
def test_a_handful_of_fixtures_behave_the_same_on_every_database(
    workspace_cli: Cli, name: str
) -> None:
    if not (FOLDER / name).exists():
        pytest.skip("shared fixtures not found")
    first = _check_one(workspace_cli, FOLDER / name)
    if first:
        again = workspace_cli("import", str(FOLDER / name), "--json").json()
        assert again["created"] == 0


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One initialised workspace, copied by each round trip (init costs a key and the
    migrations)."""
    folder = tmp_path_factory.mktemp("template")
    old = os.environ.get("BINOME_SECRET_KEY_FILE")
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    try:
        init_workspace(
            App.open(f"sqlite:///{folder / 'binome.db'}", now=NOW),
            principal="C",
            email="c@example.fr",
            tz="Europe/Paris",
            country="FR",
        )
    finally:
        if old is None:
            del os.environ["BINOME_SECRET_KEY_FILE"]
        else:
            os.environ["BINOME_SECRET_KEY_FILE"] = old
    return folder


@pytest.mark.parametrize("path", ROUND_TRIP, ids=lambda p: p.name)
def test_import_export_import_yields_the_same_occurrences(
    sqlite_cli: Cli, template: Path, tmp_path: Path, path: Path
) -> None:
    cli = sqlite_cli
    for part in template.glob("binome.db*"):  # with its WAL, if not checkpointed
        shutil.copy(part, tmp_path / part.name)
    shutil.copy(template / "keys.json", tmp_path / "keys.json")
    first = cli("import", str(path), "--calendar", "A")
    refused = first.stderr.strip()[:200]
    if first.exit_code != 0:
        pytest.skip(f"refused (checked above): {refused}")
    out = tmp_path / "out.ics"
    exported = cli("export", "--calendar", "A", "-o", str(out))
    assert exported.exit_code == 0, exported.stderr
    assert cli("import", str(out), "--calendar", "B").exit_code == 0
    assert _occurrences(cli.db, "B") == _occurrences(cli.db, "A")


def test_a_hostile_file_is_refused_and_leaves_the_database_untouched(
    workspace_cli: Cli, tmp_path: Path
) -> None:
    hostile = {
        "garbage.ics": b"\x00\x01\x02BEGIN:VCALENDAR\x00",
        "truncated.ics": b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2027",
        "long.ics": b"BEGIN:VCALENDAR\r\nX-A:" + b"a" * 2_000_000 + b"\r\nEND:VCALENDAR\r\n",
    }
    for name, data in hostile.items():
        path = tmp_path / name
        path.write_bytes(data)
        started = datetime.now(UTC)
        assert not _check_one(workspace_cli, path)
        assert (datetime.now(UTC) - started).total_seconds() < 2


DST = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//t//t//EN\r
BEGIN:VEVENT\r
UID:paris\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=Europe/Paris:20270324T090000\r
DTEND;TZID=Europe/Paris:20270324T100000\r
RRULE:FREQ=DAILY;COUNT=7\r
SUMMARY:Paris\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ny\r
DTSTAMP:20261101T000000Z\r
DTSTART;TZID=America/New_York:20271106T013000\r
DURATION:PT1H\r
RRULE:FREQ=DAILY;COUNT=2\r
SUMMARY:NY\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_agenda_lines_keep_wall_times_across_dst_in_paris_and_new_york(
    workspace_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "dst.ics"
    path.write_text(DST)
    assert workspace_cli("import", str(path)).exit_code == 0
    paris = workspace_cli("agenda", "--from", "2027-03-27", "--to", "2027-03-28", "--json").json()
    starts = [i["start"] for i in paris["items"]]
    assert starts == ["2027-03-27T09:00:00+01:00", "2027-03-28T09:00:00+02:00"]
    ny = workspace_cli("agenda", "--from", "2027-11-06", "--to", "2027-11-07", "--json").json()
    times = sorted((i["start"], i["end"]) for i in ny["items"])
    # 01:30 EDT + 1 h = 01:30 EST on the fall-back day (RFC 5545 §3.3.6: exact duration).
    assert times == [
        ("2027-11-06T06:30:00+01:00", "2027-11-06T07:30:00+01:00"),
        ("2027-11-07T06:30:00+01:00", "2027-11-07T07:30:00+01:00"),
    ]


def test_the_import_budgets_are_set_on_the_command_line(workspace_cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "quotidien.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:q\r\n"
        b"DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Paris:20261201T090000\r\n"
        b"DURATION:PT15M\r\nSUMMARY:Point du matin\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    before = _dump(workspace_cli.db)
    for option, value, words in (
        ("--max-size", "100", "too large"),
        ("--max-occurrences", "50", "too many occurrences"),
    ):
        refused = workspace_cli("import", str(path), option, value, "--lang", "en")
        assert refused.exit_code == 1
        assert refused.stderr.count("\n") == 1
        assert "quotidien.ics:1: " in refused.stderr
        assert words in refused.stderr
        assert _dump(workspace_cli.db) == before
    done = workspace_cli("import", str(path), "--max-occurrences", "5000", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["created"] == 1


def test_a_large_file_imports_with_a_progress_bar_and_its_summary(
    workspace_cli: Cli, tmp_path: Path
) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:p{i}\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Paris:202612{1 + i % 28:02d}T{8 + i % 9:02d}0000\r\n"
        f"DURATION:PT30M\r\nSUMMARY:Réunion {i}\r\nEND:VEVENT\r\n"
        for i in range(600)
    )
    path = tmp_path / "gros.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{events}END:VCALENDAR\r\n"
    )
    assert path.stat().st_size > 50_000  # the size from which the command shows progress
    result = workspace_cli("import", str(path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "600" in result.stdout
    again = workspace_cli("import", str(path), "--json")
    assert again.json()["unchanged"] == 600
