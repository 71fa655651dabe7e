"""The lean agenda (``app/lite.py``, stdlib sqlite3) gives what the unit of work gives.

Same items, masking and audit entries for every role and window of the demo workspace, and
it declines (leaving the full path to explain) whatever it does not handle.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from binome.app.audit import list_audit, verify_audit
from binome.app.calendar import agenda
from binome.app.context import App
from binome.app.demo import DemoResult, build_demo
from binome.app.lite import Declined, lite_agenda

FAST_ARGON2 = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
WINDOWS = [
    {"what": "today"},
    {"what": "week"},
    {"what": "tomorrow"},
    {"what": "2026-12-01"},
    {"start": "2026-11-16", "end": "2026-12-06"},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DemoResult]:
    folder = tmp_path_factory.mktemp("lite")
    db, key = folder / "demo.db", folder / "keys.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BINOME_SECRET_KEY_FILE", str(key))
        result = build_demo(App.open(str(db)), hasher=lambda p: str(FAST_ARGON2.hash(p)))
    return db, key, result


@pytest.fixture
def demo(
    built: tuple[Path, Path, DemoResult], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, DemoResult]:
    db, key, result = built
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(key))
    return db, result


def _last_entry(db: Path, now: object) -> dict[str, object]:
    entry = list_audit(App.open(str(db), now=now))[-1]  # type: ignore[arg-type]
    return {k: entry[k] for k in ("seq", "actor", "action", "object_id", "digest")}


@pytest.mark.parametrize("window", WINDOWS, ids=lambda w: "-".join(w.values()))
def test_the_lean_agenda_equals_the_unit_of_work_agenda_for_every_role(
    demo: tuple[Path, DemoResult], window: dict[str, str]
) -> None:
    db, result = demo
    for login in result.logins:
        full = agenda(App.open(str(db), actor=login.login, now=result.now), **window)
        after_full = _last_entry(db, result.now)
        lean = lite_agenda(
            str(db), actor=login.login, workspace=None, now=result.now, **_args(window)
        )
        after_lean = _last_entry(db, result.now)
        assert lean.result == full, login.login
        assert lean.workspace_lang == "fr"
        if after_lean["seq"] != after_full["seq"]:  # both audited the same read
            assert {**after_lean, "seq": 0} == {**after_full, "seq": 0}
            assert after_lean["seq"] == after_full["seq"] + 1  # type: ignore[operator]


def _args(window: dict[str, str]) -> dict[str, str | None]:
    return {"what": window.get("what"), "start": window.get("start"), "end": window.get("end")}


def test_confidential_reads_by_the_lean_path_extend_a_chain_that_still_verifies(
    demo: tuple[Path, DemoResult],
) -> None:
    db, result = demo
    before = len(list_audit(App.open(str(db), now=result.now)))
    for _ in range(3):
        lite_agenda(str(db), actor=None, workspace=None, now=result.now, **_args({"what": "week"}))
    entries = list_audit(App.open(str(db), now=result.now))
    assert len(entries) == before + 3
    assert {e["action"] for e in entries[-3:]} == {"read.confidential"}
    assert verify_audit(App.open(str(db), now=result.now))["ok"] is True


@pytest.mark.parametrize(
    ("db_name", "kwargs"),
    [
        ("missing.db", {}),
        ("demo.db", {"workspace": "Claire"}),
        ("demo.db", {"actor": "nobody"}),
    ],
)
def test_the_lean_path_declines_what_the_full_path_must_explain(
    demo: tuple[Path, DemoResult], db_name: str, kwargs: dict[str, str]
) -> None:
    db, result = demo
    args = {"actor": None, "workspace": None, **kwargs}
    with pytest.raises(Declined):
        lite_agenda(str(db.with_name(db_name)), now=result.now, **args, **_args({}))


def test_the_lean_path_declines_a_database_to_migrate(tmp_path: Path) -> None:
    from binome.store.db import make_engine
    from binome.store.schema import upgrade

    db = tmp_path / "old.db"
    upgrade(make_engine(f"sqlite:///{db}"), "0001")
    with pytest.raises(Declined):
        lite_agenda(str(db), actor=None, workspace=None, now=None, **_args({}))
