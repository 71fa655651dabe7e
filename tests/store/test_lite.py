"""``store/lite.py`` reads the rows the ORM repositories read, decoded by the same code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from binome.app.calendar import NewEvent, add_event
from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.model import Classification
from binome.store import chain
from binome.store.audit import verify
from binome.store.codec import Codec
from binome.store.lite import LiteStore
from binome.store.rows import db_text, event_from_row, person_from_row
from binome.store.tables import AuditRow, WorkspaceRow
from tests.conftest import NOW


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "binome.db"
    app = App.open(str(path), now=NOW)
    init_workspace(app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris")
    for day in range(-3, 10):
        start = NOW + timedelta(days=day, hours=day % 5)
        level = Classification.SECRET if day % 4 == 0 else Classification.INTERNAL
        add_event(
            app,
            NewEvent(title=f"Meeting {day}", start=start, end=start + timedelta(hours=1),
                     classification=level, rrule="FREQ=WEEKLY;COUNT=3" if day == 2 else None),
        )  # fmt: skip
    add_event(app, NewEvent(title="Off", start=NOW.date(), end=NOW.date() + timedelta(days=1)))
    return path


@pytest.mark.parametrize("days", [(0, 1), (-7, 0), (2, 30), (40, 50)])
def test_the_window_query_finds_the_rows_the_repository_finds_decoded_alike(
    db: Path, days: tuple[int, int]
) -> None:
    start, end = NOW + timedelta(days=days[0]), NOW + timedelta(days=days[1])
    app = App.open(str(db), now=NOW)
    store = LiteStore.open(db)
    assert store is not None
    with unit_of_work(app, write=False) as uow:
        orm = [uow.repos.event_to_domain(r) for r in uow.repos.event_rows_in_window(start, end)]
        codec = Codec(app.keyring, uow.workspace_row.uuid)
        lean = [
            event_from_row(r, codec)
            for r in store.event_rows_in_window(uow.workspace_row.id, start, end)
        ]
        assert lean == orm
        people = [person_from_row(r) for r in store.people(uow.workspace_row.id)]
        assert people == uow.repos.people()
    store.close()


def test_times_are_written_in_the_text_sqlalchemy_stores(db: Path) -> None:
    store = LiteStore.open(db)
    assert store is not None
    stored = store.conn.execute("SELECT created_at FROM workspaces").fetchone()[0]
    assert db_text(datetime.fromisoformat(stored)) == stored
    assert db_text(datetime(2026, 11, 26, 8, 0)) == "2026-11-26 08:00:00.000000"
    store.close()


def test_an_entry_appended_over_sqlite3_verifies_with_the_orm_chain_check(db: Path) -> None:
    app = App.open(str(db), now=NOW)
    store = LiteStore.open(db)
    assert store is not None
    store.begin()
    ws = store.workspaces()[0]
    head = chain.Head(workspace_id=ws["id"], seq=ws["audit_head_seq"], hash=ws["audit_head_hash"])
    key = app.keyring.audit_key(ws["uuid"])
    at = datetime(2026, 11, 26, 9, 30, 0, 123456, tzinfo=UTC)
    entry = chain.append(store, head, at=at, actor="claire", action="read.confidential",
                         object_type="event", object_id="1", digest="0" * 64, key=key)  # fmt: skip
    store.commit()
    store.close()
    with unit_of_work(app, write=False) as uow:
        row = uow.session.scalars(select(AuditRow).order_by(AuditRow.seq.desc())).first()
        assert row is not None
        assert (row.seq, row.hash, row.at) == (entry.seq, entry.hash, at.replace(tzinfo=None))
        ws_row = uow.session.get(WorkspaceRow, ws["id"])
        assert ws_row is not None
        assert verify(uow.session, ws_row, key).ok
        assert ws_row.version == ws["version"] + 1
