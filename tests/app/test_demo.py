"""The demo workspace: reproducible, and holding everything the story promises."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from binome.app.calendar import agenda
from binome.app.context import App
from binome.app.demo import DEMO_TODAY, DemoResult, build_demo, demo_morning
from binome.app.uow import unit_of_work
from binome.domain.model import CommitmentStatus, RequestStatus, Role
from binome.store.tables import UserRow

FAST_ARGON2 = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
MORNING = demo_morning(DEMO_TODAY)


def fast_hash(password: str) -> str:
    return str(FAST_ARGON2.hash(password))


def build(url: str, **kwargs: object) -> tuple[App, DemoResult]:
    result = build_demo(App.open(url), hasher=fast_hash, **kwargs)  # type: ignore[arg-type]
    return App.open(url, now=result.now), result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, DemoResult]:
    """One default demo per module (SQLite); tests point the key file at it."""
    folder = tmp_path_factory.mktemp("demo")
    url, key = f"sqlite:///{folder / 'demo.db'}", folder / "keys.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BINOME_SECRET_KEY_FILE", str(key))
        _, result = build(url)
    return url, key, result


@pytest.fixture
def demo(
    built: tuple[str, Path, DemoResult], monkeypatch: pytest.MonkeyPatch
) -> tuple[App, DemoResult]:
    url, key, result = built
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(key))
    return App.open(url, now=result.now), result


def three_weeks(app: App) -> str:
    items = agenda(app, start="2026-11-16", end="2026-12-06")["items"]
    return json.dumps(items, sort_keys=True)


def test_two_builds_give_the_same_agenda(demo: tuple[App, DemoResult], tmp_path: Path) -> None:
    first = three_weeks(demo[0])
    second, _ = build(f"sqlite:///{tmp_path / 'b.db'}")
    assert three_weeks(second) == first


def test_another_seed_places_other_filler_meetings(
    demo: tuple[App, DemoResult], tmp_path: Path
) -> None:
    first = three_weeks(demo[0])
    second, _ = build(f"sqlite:///{tmp_path / 'b.db'}", seed=7)
    assert three_weeks(second) != first


def test_the_demo_holds_the_promised_content(database_url: str) -> None:
    app, result = build(database_url)
    with unit_of_work(app, write=False) as uow:
        people = uow.repos.people()
        assert len(people) == 40
        assert {"America/New_York", "Europe/London", "Asia/Singapore"} <= {p.tz for p in people}
        assert sum(p.vip for p in people) >= 4
        objectives = uow.repos.objectives()
        assert len(objectives) == 5
        assert sum(o.weight for o in objectives) == 100
        tasks = uow.repos.tasks()
        assert len(tasks) == 25
        assert sum(1 for t in tasks if t.depends_on) >= 2
        assert all(t.estimate and t.due for t in tasks)
        commitments = uow.repos.commitments()
        statuses = [c.effective_status(uow.now) for c in commitments]
        assert len(commitments) == 10
        assert statuses.count(CommitmentStatus.LATE) >= 2
        assert statuses.count(CommitmentStatus.KEPT) >= 2
        requests = uow.repos.requests(status=RequestStatus.AWAITING_CONFIRMATION)
        assert len(requests) == 3
        assert all(r.reformulation and 2 <= len(r.options) <= 3 for r in requests)
        assert all(isinstance(o, dict) and "start" in o for r in requests for o in r.options)
    assert result.counts["series"] >= 4
    assert result.counts["exdates"] >= 1
    assert result.counts["moved"] >= 1
    assert {login.role for login in result.logins} == set(Role)


def test_the_calendar_has_series_exceptions_all_day_and_classified_events(
    demo: tuple[App, DemoResult],
) -> None:
    app, _ = demo
    items = agenda(app, start="2026-11-16", end="2026-12-06")["items"]
    assert any(i["all_day"] and i["title"].startswith("Salon") for i in items)
    assert any(i["all_day"] and i["title"].startswith("Thanksgiving") for i in items)
    assert {"confidential", "secret"} <= {i["classification"] for i in items}
    starts = {(i["title"], i["start"]) for i in items}
    # Nathalie Roux's 1:1 of Tuesday 24 moved to Thursday 26 at 11:30 (RECURRENCE-ID).
    assert ("Point 1:1 — Nathalie Roux", "2026-11-26T11:30:00+01:00") in starts
    assert ("Point 1:1 — Nathalie Roux", "2026-11-24T14:00:00+01:00") not in starts
    # Antoine Dubois's bi-weekly 1:1: the 16th happens, the 30th is cancelled (EXDATE).
    assert ("Point 1:1 — Antoine Dubois", "2026-11-16T11:00:00+01:00") in starts
    assert not any(
        t == "Point 1:1 — Antoine Dubois" and s.startswith("2026-11-30") for t, s in starts
    )
    board = next(i for i in items if i["title"] == "Conseil d'administration (visio)")
    remote = {r["email"].split("@")[0]: r["local_start"] for r in board["remote"]}
    assert remote["robert.hayes"] == "2026-12-01T07:00:00-05:00"


def test_the_logins_have_argon2id_hashes_that_verify(demo: tuple[App, DemoResult]) -> None:
    app, result = demo
    with unit_of_work(app, write=False) as uow:
        hashes = {r.name: r.password_hash for r in uow.session.scalars(select(UserRow))}
    for login in result.logins:
        stored = hashes[login.login]
        assert stored is not None
        assert stored.startswith("$argon2id$")
        assert login.password not in stored
        assert PasswordHasher().verify(stored, login.password)


def test_the_default_hasher_is_argon2id_with_library_defaults(tmp_path: Path) -> None:
    from binome.app.demo import _argon2_hasher

    hashed = _argon2_hasher()("x")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_the_demo_today_can_be_moved(tmp_path: Path) -> None:
    app, result = build(f"sqlite:///{tmp_path / 'm.db'}", today=date(2027, 3, 4))
    assert result.now == datetime(2027, 3, 4, 6, 30, tzinfo=UTC)
    items = agenda(app, what="2027-03-04")["items"]
    assert any(i["title"] == "Comité de direction" for i in items)


def test_a_second_build_in_the_same_database_is_refused(tmp_path: Path) -> None:
    from binome.domain.errors import Conflict

    url = f"sqlite:///{tmp_path / 'twice.db'}"
    build(url)
    with pytest.raises(Conflict):
        build(url)
