"""Confidential reads from a page session are audited once per session, day and item set."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from binome.app import cockpit
from binome.app.audit import list_audit
from binome.app.calendar import NewEvent, add_event
from binome.app.context import App, Clock
from binome.app.read_once import ReadLedger, ReadScope
from binome.app.workspace import init_workspace
from binome.domain.model import Classification
from binome.domain.timing import parse_datetime, zone
from tests.conftest import NOW


def _setup(url: str) -> App:
    init_workspace(
        App.open(url, now=NOW),
        principal="Claire Martin",
        email="claire@example.fr",
        tz="Europe/Paris",
        login="claire",
    )
    app = App.open(url, now=NOW, actor="claire")
    paris = zone("Europe/Paris")
    add_event(
        app,
        NewEvent(
            title="Board secret",
            start=parse_datetime("2026-11-26T14:00", paris),
            end=parse_datetime("2026-11-26T15:00", paris),
            classification=Classification.SECRET,
        ),
    )
    return app


def _reads(app: App) -> int:
    return sum(1 for e in list_audit(app) if e["action"] == "read.confidential")


def test_the_same_session_reading_the_same_items_the_same_day_leaves_one_entry(
    sqlite_url: str,
) -> None:
    app = _setup(sqlite_url)
    ledger = ReadLedger()
    session = replace(app, read_scope=ReadScope(ledger, 1))
    for _ in range(4):
        cockpit.today(session)
    assert _reads(app) == 1


def test_another_session_another_day_or_no_scope_each_leave_their_own_entry(
    sqlite_url: str,
) -> None:
    app = _setup(sqlite_url)
    ledger = ReadLedger()
    cockpit.today(replace(app, read_scope=ReadScope(ledger, 1)))
    cockpit.today(replace(app, read_scope=ReadScope(ledger, 2)))
    assert _reads(app) == 2
    tomorrow = Clock.fixed(NOW + timedelta(days=1))
    cockpit.week(replace(app, clock=tomorrow, read_scope=ReadScope(ledger, 1)))
    assert _reads(app) == 3
    cockpit.today(app)  # the CLI and the API: every read is audited
    cockpit.today(app)
    assert _reads(app) == 5


def test_a_read_is_remembered_only_once_its_entry_is_committed(sqlite_url: str) -> None:
    app = _setup(sqlite_url)
    ledger = ReadLedger()
    scope = ReadScope(ledger, 7)
    cockpit.priorities(replace(app, read_scope=scope))  # a read-only unit of work
    assert not ledger._seen
    cockpit.today(replace(app, read_scope=scope))
    assert len(ledger._seen) == 1
