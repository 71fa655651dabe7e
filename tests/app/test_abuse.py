"""Bad input and abuse: clear error, nothing changed (SECURITY.md rows 4, 5, 7, 10).

Each refused command is run against the seeded two-workspace world (``world.py``) and the
whole database is fingerprinted before and after: not a row may change, not even an audit
entry. Refusals are uniform: beyond clearance → ``PermissionDenied`` ("You are not allowed
to change this item."); another workspace's id, or no such id → ``NotFound`` with the same
words as for an id that never existed (no existence oracle).
"""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from binome.store.db import make_engine
from binome.store.tables import Base
from tests.app.world import LEVELS, LOGIN, WORKSPACE, World, world_for
from tests.conftest import Cli


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def _world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> World:
    return world_for(request, tmp_path_factory)


@pytest.fixture
def world(_world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(_world.key_file))
    return _world


def fingerprint(url: str) -> str:
    """A digest of every row of every table, in primary-key order."""
    digest = hashlib.sha256()
    with make_engine(url).connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            for row in conn.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def refused(world: World, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run ``args`` in workspace Claire; assert exit 1, one line, and no change at all."""
    cli = Cli(world.url, capsys)
    before = fingerprint(world.url)
    result = cli("--workspace", WORKSPACE, "--lang", "en", *args)
    assert result.exit_code == 1, (args, result.stdout)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "zz-" not in result.stdout + result.stderr
    assert fingerprint(world.url) == before, args
    return result.stderr


def as_(role: str) -> tuple[str, str]:
    return ("--as", LOGIN[role])


def test_an_unknown_user_is_refused(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(world, capsys, "agenda", "--as", "nobody")
    assert "Unknown user: nobody." in err


def test_a_user_of_another_workspace_is_unknown_here(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "Unknown user: oscar." in refused(world, capsys, "task", "list", "--as", "oscar")


def test_a_nonexistent_classification_is_refused(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ("event", "add", "--title", "x", "--start", "2026-12-09T10:00",
         "--end", "2026-12-09T11:00", "--classification", "topsecret"),
        ("task", "add", "x", "--estimate", "1h", "--classification", "TOP"),
        ("grant", "marc", "clearance", "ultra"),
        ("grant", "marc", "bogus"),
    ):  # fmt: skip
        err = refused(world, capsys, *args)
        assert "Unknown" in err


def test_ids_of_another_workspace_are_not_found_exactly_like_missing_ids(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind, command in (("task", "task"), ("commitment", "commitment")):
        other = world.other_ids[kind]
        missing = other[0] + "987654"
        err_other = refused(world, capsys, command, "done", other)
        err_missing = refused(world, capsys, command, "done", missing)
        assert re.sub(r"\d+", "N", err_other) == re.sub(r"\d+", "N", err_missing)
        assert "No " in err_other
    err = refused(world, capsys, "grant", "marc", "item", world.other_ids["event"])
    assert "No event" in err
    err = refused(world, capsys, "grant", "marc", "item", world.other_ids["objective"])
    assert "No objective" in err


def test_a_revoked_grant_no_longer_opens_anything(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(world.url, capsys)
    task = world.ids[("granted", "task")]
    assert cli("--workspace", WORKSPACE, "revoke", "marc", "item", task).exit_code == 0
    try:
        err = refused(world, capsys, "task", "done", task, *as_("assistant"))
        assert "not allowed" in err
        listed = cli("--workspace", WORKSPACE, "task", "list", "--all", "--json", *as_("assistant"))
        assert "zz-granted-task" not in listed.stdout
    finally:
        assert cli("--workspace", WORKSPACE, "grant", "marc", "item", task).exit_code == 0


WRITES = [
    ("person", "add", "--name", "X", "--email", "x@example.com"),
    ("event", "add", "--title", "x", "--start", "2026-12-09T10:00", "--end", "2026-12-09T11:00",
     "--classification", "public"),
    ("task", "add", "x", "--estimate", "1h", "--classification", "public"),
    ("commitment", "add", "x", "--to", "p@x.fr", "--due", "2026-12-20",
     "--classification", "public"),
    ("objective", "add", "x", "--weight", "3", "--classification", "public"),
    ("user", "add", "eve", "--email", "eve@x.fr", "--role", "viewer"),
    ("grant", "bob", "audit"),
    ("revoke", "G1"),
    ("key", "rotate"),
]  # fmt: skip


@pytest.mark.parametrize("args", WRITES, ids=lambda a: " ".join(a[:2]))
def test_a_viewer_cannot_change_anything(
    world: World, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    refused(world, capsys, *args, *as_("viewer"))


def test_a_viewer_cannot_complete_even_a_public_item(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    refused(world, capsys, "task", "done", world.ids[("public", "task")], *as_("viewer"))
    refused(
        world, capsys, "commitment", "done", world.ids[("public", "commitment")], *as_("viewer")
    )


@pytest.mark.parametrize("level", [lv for lv in LEVELS if lv in ("confidential", "secret")])
def test_a_backup_cannot_touch_what_it_cannot_see(
    world: World, capsys: pytest.CaptureFixture[str], level: str
) -> None:
    for command, kind in (("task", "task"), ("commitment", "commitment")):
        err = refused(world, capsys, command, "done", world.ids[(level, kind)], *as_("backup"))
        assert "You are not allowed to change this item." in err
    err = refused(
        world, capsys, "event", "add", "--title", "x", "--start", "2026-12-09T10:00",
        "--end", "2026-12-09T11:00", "--classification", level, *as_("backup"),
    )  # fmt: skip
    assert "not allowed" in err


def test_an_assistant_cannot_complete_a_secret_item_it_was_not_granted(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(world, capsys, "task", "done", world.ids[("secret", "task")], *as_("assistant"))
    assert "You are not allowed to change this item." in err
