"""Encryption at rest and key rotation (SECURITY.md row 11; rows 55/56 for the crash cases).

Canaries sit in every free-text field of confidential and secret items; the raw SQLite file
(and its ``-wal``) and a ``pg_dump`` of the test schema must not contain any of them. A key
rotation that fails half-way (an injected callback raises) or whose process is killed with
SIGKILL half-way leaves every item readable; a wrong, missing, world-readable or expired key
file gives one clear line, never garbage or a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from binome.app.audit import verify_audit
from binome.app.calendar import NewEvent, add_event
from binome.app.context import App
from binome.app.items import add_commitment, add_objective, add_task
from binome.app.keys import rotate_key
from binome.app.search import search
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.errors import BinomeError, PermissionDenied
from binome.domain.model import Attendee, Classification, Event, Request, Role, Task
from binome.domain.timing import Timed, zone
from tests.conftest import NOW, REPO, Cli

CANARIES = [
    "zq-event-title-qz",
    "zq-event-location-qz",
    "zq-event-description-qz",
    "zq-task-title-qz",
    "zq-task-description-qz",
    "zq-commitment-qz",
    "zq-objective-qz",
    "zq-request-qz",
    "zq-attendee-qz",
]


def seed(url: str) -> App:
    """A workspace with one sealed item of each kind (secret and confidential)."""
    init_workspace(App.open(url, now=NOW), principal="Claire", email="claire@x.fr", tz="UTC")
    app = App.open(url, now=NOW)
    start = datetime(2026, 12, 3, 10, tzinfo=zone("UTC"))
    add_event(
        app,
        NewEvent(
            title=CANARIES[0],
            location=CANARIES[1],
            description=CANARIES[2],
            start=start,
            end=start + timedelta(hours=1),
            classification=Classification.SECRET,
        ),
    )
    with unit_of_work(app) as uow:
        uow.repos.add_task(
            Task(
                title=CANARIES[3],
                description=CANARIES[4],
                estimate=timedelta(hours=1),
                classification=Classification.CONFIDENTIAL,
                created_at=NOW,
            ),
            now=NOW,
        )
        uow.repos.add_request(
            Request(text=CANARIES[7], lang="fr", classification=Classification.SECRET), now=NOW
        )
        # As an import stores it: the attendee's name comes with the event, not from a
        # contact (contacts in ``people`` are not classified; see the report).
        uow.repos.add_event(
            Event(
                title="zq-imported-qz",
                timing=Timed(start + timedelta(hours=2), start + timedelta(hours=3)),
                attendees=(Attendee("guest@example.com", CANARIES[8]),),
                classification=Classification.CONFIDENTIAL,
            ),
            now=NOW,
        )
    add_commitment(
        app, what=CANARIES[5], to="p@x.fr", due=start, classification=Classification.SECRET
    )
    add_objective(app, title=CANARIES[6], weight=3, classification=Classification.CONFIDENTIAL)
    return app


def readable(url: str) -> set[str]:
    """Every canary the principal can read back (opens every sealed row)."""
    found = {hit["title"] for hit in search(App.open(url, now=NOW), "zq")}
    return found


def envelope_keys(url: str) -> set[str]:
    engine = create_engine(url)
    keys = set()
    with engine.connect() as conn:
        for table in ("events", "tasks", "commitments", "objectives", "requests"):
            for (data,) in conn.execute(text(f"SELECT data FROM {table}")):
                if data.startswith("enc1:"):
                    keys.add(data.split(":")[1])
    engine.dispose()
    return keys


TITLES = {CANARIES[i] for i in (0, 3, 5, 6, 7)} | {"zq-imported-qz"}


def key_file() -> Path:
    return Path(os.environ["BINOME_SECRET_KEY_FILE"])


def test_rotation_reseals_everything_and_retires_the_old_key(database_url: str) -> None:
    seed(database_url)
    assert envelope_keys(database_url) == {"k1"}
    result = rotate_key(App.open(database_url, now=NOW))
    assert result["rows"] == 6
    assert envelope_keys(database_url) == {"k2"}
    entry = json.loads(key_file().read_text())["workspaces"].popitem()[1]
    assert set(entry["keys"]) == {"k2"}
    assert "audit" in entry  # the audit chain's HMAC key is not rotated away
    assert readable(database_url) == TITLES
    assert verify_audit(App.open(database_url, now=NOW))["ok"]


def test_a_rotation_failing_half_way_leaves_every_item_readable(database_url: str) -> None:
    seed(database_url)

    def fail(n: int) -> None:
        if n == 3:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        rotate_key(App.open(database_url, now=NOW), on_row=fail)
    assert envelope_keys(database_url) == {"k1"}
    assert readable(database_url) == TITLES
    assert rotate_key(App.open(database_url, now=NOW))["key_id"] == "k3"
    assert readable(database_url) == TITLES


KILLED_ROTATION = """
import sys, time
from pathlib import Path
from binome.app.context import App
from binome.app.keys import rotate_key

def halt(n):
    if n == 3:
        Path(sys.argv[2]).write_text("ready")
        time.sleep(60)

rotate_key(App.open(sys.argv[1]), on_row=halt)
"""


def test_a_rotation_killed_half_way_leaves_every_item_readable(
    database_url: str, tmp_path: Path
) -> None:
    seed(database_url)
    marker = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_ROTATION, database_url, str(marker)], env=env
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the rotation never reached its third row"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert readable(database_url) == TITLES
    assert rotate_key(App.open(database_url, now=NOW))["rows"] == 6
    assert readable(database_url) == TITLES


def test_a_process_whose_key_ring_predates_a_rotation_writes_readable_items(
    database_url: str,
) -> None:
    seed(database_url)
    stale = App.open(database_url, now=NOW)  # holds k1 only, in memory
    assert set(stale.keyring.workspaces.popitem()[1].keys) == {"k1"}
    stale = App.open(database_url, now=NOW)
    rotate_key(App.open(database_url, now=NOW))
    add_task(stale, title="zq-late-qz", estimate=timedelta(hours=1),
             classification=Classification.SECRET)  # fmt: skip
    assert envelope_keys(database_url) == {"k2"}
    assert "zq-late-qz" in readable(database_url)


def test_only_the_principal_rotates(sqlite_url: str) -> None:
    app = seed(sqlite_url)
    from binome.app.users import add_user

    add_user(app, name="marc", email="marc@x.fr", role=Role.ASSISTANT)
    with pytest.raises(PermissionDenied):
        rotate_key(App.open(sqlite_url, actor="marc", now=NOW))
    assert envelope_keys(sqlite_url) == {"k1"}


def _one_clear_line(cli: Cli, *args: str) -> str:
    result = cli(*args, "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert not any(c in result.stdout + result.stderr for c in CANARIES)
    return result.stderr


def test_a_wrong_key_is_one_clear_line_never_garbage(sqlite_cli: Cli) -> None:
    seed(sqlite_cli.db)
    data = json.loads(key_file().read_text())
    entry = next(iter(data["workspaces"].values()))
    entry["keys"]["k1"] = "A" * 43 + "="
    key_file().write_text(json.dumps(data))
    err = _one_clear_line(sqlite_cli, "search", "zq")
    assert "the key does not open this data" in err


def test_a_missing_key_file_is_one_clear_line(sqlite_cli: Cli) -> None:
    seed(sqlite_cli.db)
    key_file().unlink()
    for args in (
        ("task", "list"),
        ("audit", "verify"),
        ("person", "add", "--name", "X", "--email", "x@example.com"),
    ):
        assert "no key for this workspace" in _one_clear_line(sqlite_cli, *args)


def test_a_key_file_readable_by_others_is_refused(sqlite_cli: Cli) -> None:
    seed(sqlite_cli.db)
    key_file().chmod(0o644)
    err = _one_clear_line(sqlite_cli, "agenda")
    assert "chmod 600" in err


def test_an_expired_key_file_asks_for_a_rotation_and_changes_nothing(sqlite_cli: Cli) -> None:
    seed(sqlite_cli.db)
    data = json.loads(key_file().read_text())
    next(iter(data["workspaces"].values()))["expires"] = "2026-11-01"
    key_file().write_text(json.dumps(data))
    before = Path(sqlite_cli.db.removeprefix("sqlite:///")).read_bytes()
    err = _one_clear_line(sqlite_cli, "task", "add", "x", "--estimate", "1h")
    assert "expired on 2026-11-01" in err
    assert "binome key rotate" in err
    after = Path(sqlite_cli.db.removeprefix("sqlite:///")).read_bytes()
    assert before == after
    rotated = sqlite_cli("key", "rotate", "--valid-days", "30", "--now", NOW.isoformat(), "--json")
    assert rotated.exit_code == 0, rotated.stderr
    assert rotated.json()["expires"] == "2026-12-26"
    assert readable(sqlite_cli.db) == TITLES


def test_a_derived_master_key_cannot_be_rotated_from_the_key_file(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BINOME_SECRET_KEY", "m" * 40)
    seed(sqlite_url)
    with pytest.raises(BinomeError, match="BINOME_SECRET_KEY"):
        rotate_key(App.open(sqlite_url, now=NOW))
    assert readable(sqlite_url) == TITLES
    assert verify_audit(App.open(sqlite_url, now=NOW))["ok"]


def test_the_sqlite_file_and_its_wal_hold_no_plaintext(sqlite_url: str) -> None:
    seed(sqlite_url)
    rotate_key(App.open(sqlite_url, now=NOW))  # old envelopes rewritten too
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    assert len(files) == 2  # WAL mode: the -wal is where fresh pages live
    blob = b"".join(p.read_bytes() for p in files)
    assert b"zq-" not in blob
    assert b"Claire" in blob  # the grep itself works: clear columns are found


@pytest.mark.postgres
def test_a_pg_dump_holds_no_plaintext(tmp_path: Path) -> None:
    from tests.conftest import _fresh_pg_schema_url

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    url = _fresh_pg_schema_url()
    seed(url)
    parsed = make_url(url)
    schema = str(parsed.query["options"]).split("=", 1)[1]
    dump = subprocess.run(
        [
            "pg_dump",
            "-h",
            parsed.host or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "root",
            "-n",
            schema,
            "-d",
            parsed.database or "",
        ],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    assert b"Claire" in dump
    assert b"enc1:k1:" in dump
    assert b"zq-" not in dump
