"""The read-model cache and the data version behind it, on SQLite and PostgreSQL: a write
invalidates (from any process), time moving on invalidates, two readers never share an
entry, and reads with their audit entries move nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from binome.app import cockpit
from binome.app.calendar import NewEvent, add_event
from binome.app.context import App, Clock
from binome.app.items import add_person, add_task
from binome.app.planning import plan_tasks
from binome.app.radar import apply_proposal, top_risks
from binome.app.read_cache import ReadCache
from binome.app.workspace import init_workspace
from binome.domain.model import Classification, Role
from binome.store.tables import AuditRow
from tests.app.conftest import add_user, open_app
from tests.conftest import NOW

PARIS = ZoneInfo("Europe/Paris")


def at(hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime(2026, 11, 26, h, m, tzinfo=PARIS)  # NOW's day: Today shows them


@pytest.fixture
def clash(database_url: str) -> str:
    """Today: a budget review and a secret call overlap (one risk, with proposals)."""
    app = open_app(database_url)
    init_workspace(
        app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris", country="FR"
    )
    add_event(app, NewEvent(title="Budget review", start=at("15:00"), end=at("16:00")))
    add_event(
        app,
        NewEvent(
            title="Secret call",
            start=at("15:30"),
            end=at("16:30"),
            classification=Classification.SECRET,
        ),
    )
    return database_url


def web(url: str, cache: ReadCache, *, actor: str | None = None) -> App:
    """An ``App`` as the web app builds one per request: sharing the process's cache."""
    return replace(open_app(url, actor=actor), read_cache=cache)


def version(url: str) -> int:
    with open_app(url).engine.connect() as conn:
        return int(conn.execute(text("SELECT data_version FROM workspaces")).scalar_one())


def audit_count(url: str, action: str) -> int:
    with Session(open_app(url).engine) as session:
        return len(session.scalars(select(AuditRow.id).where(AuditRow.action == action)).all())


def test_a_second_view_is_served_from_the_cache_and_audited_the_same(clash: str) -> None:
    cache = ReadCache()
    first = top_risks(web(clash, cache), 5)
    reads = audit_count(clash, "read.confidential")
    second = top_risks(web(clash, cache), 5)
    assert second == first
    assert cache.hits == 1
    # No read ledger here (the CLI, the API): a hit audits the secret item it shows again.
    assert audit_count(clash, "read.confidential") == reads + 1


def test_reads_and_their_audit_entries_do_not_move_the_data_version(clash: str) -> None:
    cache = ReadCache()
    top_risks(web(clash, cache), 5)  # the first scan records its risk: that is a write
    before, audited = version(clash), audit_count(clash, "read.confidential")
    for _ in range(2):
        top_risks(open_app(clash), 5)  # uncached: a full scan that re-records the same risk
        cockpit.today(web(clash, cache))
        top_risks(web(clash, cache), 5)
    assert version(clash) == before
    assert audit_count(clash, "read.confidential") > audited
    assert cache.hits >= 3


def test_applying_a_proposal_changes_the_radar_and_today_at_once(clash: str) -> None:
    cache = ReadCache()
    risks = top_risks(web(clash, cache), 5)
    today = cockpit.today(web(clash, cache))
    before = version(clash)
    move = next(p for p in risks[0]["proposals"] if p["kind"] == "move_event")

    apply_proposal(open_app(clash), move["id"])  # no cache: as another process would

    assert version(clash) > before
    assert top_risks(web(clash, cache), 5) == []
    after = cockpit.today(web(clash, cache))
    assert [(i["title"], i["start"]) for i in after["items"]] != [
        (i["title"], i["start"]) for i in today["items"]
    ]


def test_any_write_invalidates_even_one_the_view_may_not_show(clash: str) -> None:
    cache = ReadCache()
    cockpit.today(web(clash, cache))
    add_person(open_app(clash), name="Ann Lee", email="ann@example.com")
    cockpit.today(web(clash, cache))
    assert (cache.hits, cache.misses) == (0, 2)


def test_time_moving_on_recomputes_within_the_minute_it_does_not(clash: str) -> None:
    cache = ReadCache()
    instant = [NOW]
    app = replace(web(clash, cache), clock=Clock(lambda: instant[0]))
    top_risks(app, 5)
    instant[0] = NOW + timedelta(seconds=30)
    top_risks(app, 5)
    assert (cache.hits, cache.misses) == (1, 1)
    instant[0] = NOW + timedelta(minutes=1)
    top_risks(app, 5)
    assert (cache.hits, cache.misses) == (1, 2)


def test_two_readers_never_share_an_entry(clash: str) -> None:
    add_user(clash, "julien", Role.BACKUP)
    cache = ReadCache()
    claire = top_risks(web(clash, cache), 5)
    julien = top_risks(web(clash, cache, actor="julien"), 5)
    assert "Secret call" in str(claire)
    assert "Secret" not in str(julien)
    assert [r["id"] for r in julien] == [r["id"] for r in claire]  # the same risk, masked
    assert cache.hits == 0
    assert "Secret" not in str(top_risks(web(clash, cache, actor="julien"), 5))
    assert cache.hits == 1


def test_a_reader_whose_access_changes_gets_a_fresh_view(clash: str) -> None:
    add_user(clash, "julien", Role.BACKUP)
    cache = ReadCache()
    assert "Secret" not in str(cockpit.today(web(clash, cache, actor="julien")))
    with Session(open_app(clash).engine) as session, session.begin():  # promoted
        session.execute(text("UPDATE users SET clearance = 'secret' WHERE name = 'julien'"))
    # A Core UPDATE by hand moves no data version; the reader's access is in the key anyway.
    assert "Secret call" in str(cockpit.today(web(clash, cache, actor="julien")))


def _reports(url: str, count: int) -> None:
    """``count`` two-hour tasks due in two days: a plan with blocks to place."""
    for n in range(count):
        add_task(
            open_app(url), title=f"Report {n}", estimate=timedelta(hours=2),
            due=NOW + timedelta(days=2),
        )  # fmt: skip


def test_a_plan_preview_is_solved_once_per_data_version_and_stays_the_same(clash: str) -> None:
    _reports(clash, 3)
    cache = ReadCache()
    first = plan_tasks(web(clash, cache), time_limit_s=0.2)
    second = plan_tasks(web(clash, cache), time_limit_s=0.2)
    assert second == first
    assert cache.hits == 1
    uncached = plan_tasks(open_app(clash), time_limit_s=0.2)  # same data: same plan
    assert uncached["blocks"] == first["blocks"]
    add_task(open_app(clash), title="One more", estimate=timedelta(hours=1))
    third = plan_tasks(web(clash, cache), time_limit_s=0.2)
    assert cache.hits == 1
    assert len(third["blocks"]) > len(first["blocks"])


def test_applying_the_plan_just_shown_writes_it_without_solving_again(
    clash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview the reader sees is what Apply writes (the solver, deterministic, would
    find it again for the same data and minute: it is not run a second time)."""
    from binome.app import planning
    from binome.app.calendar import agenda

    _reports(clash, 2)
    cache = ReadCache()
    shown = plan_tasks(web(clash, cache), time_limit_s=0.2)
    assert shown["blocks"]

    def no_solver(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plan shown was solved again")

    monkeypatch.setattr(planning, "plan", no_solver)
    applied = plan_tasks(web(clash, cache), apply=True, time_limit_s=0.2)
    assert applied["applied"] is True
    assert applied["blocks"] == shown["blocks"]
    assert applied["changes"]["created"] == len(shown["blocks"])
    week = agenda(open_app(clash), what="week")["items"]
    blocks = [o for o in week if o["title"] in ("Report 0", "Report 1")]
    assert len(blocks) == len(shown["blocks"])
    # Without a preview for this minute (another minute, the CLI): the solver runs
    with pytest.raises(AssertionError, match="solved again"):
        plan_tasks(web(clash, ReadCache()), apply=True, time_limit_s=0.2)


def test_the_agenda_and_the_week_come_from_the_cache_until_an_event_is_added(clash: str) -> None:
    from binome.app.calendar import agenda

    cache = ReadCache()
    first = agenda(web(clash, cache), what="today")
    assert agenda(web(clash, cache), what="today") == first
    week = cockpit.week(web(clash, cache))
    assert cockpit.week(web(clash, cache))["items"] == week["items"]
    assert cache.hits == 2
    add_event(open_app(clash), NewEvent(title="Late call", start=at("18:00"), end=at("18:30")))
    assert "Late call" in str(agenda(web(clash, cache), what="today"))
    assert "Late call" in str(cockpit.week(web(clash, cache)))
