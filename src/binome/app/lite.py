"""The agenda on a SQLite file without SQLAlchemy: the lean read path of ``binome agenda``.

Same use case, same rules, a lighter driver: ``agenda_of`` (``app/agenda.py``) runs over a
``LiteReader`` that loads the workspace, the actor (``access.actor_from``), the events in
the window and the people through ``store/lite.py``, decodes them with ``store/rows.py``,
and records confidential reads through the one audit chain (``store/chain.py``), in one
``BEGIN IMMEDIATE`` transaction, as the unit of work does.

It handles only the common case and *declines* (``Declined``) everything else before
printing or writing anything: PostgreSQL or an unusual URL, no file, a schema to migrate,
several workspaces or ``--workspace``, a user it cannot name, any SQLite error. The caller
then runs the full path, which explains or migrates exactly as it always has.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from binome.app.access import Actor, actor_from
from binome.app.agenda import AgendaListing, agenda_listing, agenda_of
from binome.app.context import Clock
from binome.app.expansion import Occurrence, occurrences
from binome.app.index_read import (
    ListingRow,
    Reach,
    from_index,
    listing_from_index,
    listing_of,
    reach_of,
)
from binome.domain.model import Event, Person
from binome.domain.timing import Span, zone
from binome.store import chain
from binome.store.codec import Codec, from_db
from binome.store.crypto import Keyring, key_file_for
from binome.store.index_shape import IndexRow
from binome.store.lite import LiteStore, Row
from binome.store.location import default_data_dir, plain_sqlite_file, resolve_url
from binome.store.rows import db_datetime, event_from_row, person_from_row
from binome.store.schema import head_revision


class Declined(Exception):
    """The lean path does not handle this case; run the full one (nothing was written)."""


@dataclass
class LiteReader:
    """``AgendaReader`` over one ``LiteStore`` transaction."""

    store: LiteStore
    workspace: Row
    actor: Actor
    now: datetime
    keyring: Keyring
    codec: Codec
    head: chain.Head = field(init=False)

    def __post_init__(self) -> None:
        ws = self.workspace
        self.head = chain.Head(
            workspace_id=ws["id"], seq=ws["audit_head_seq"], hash=ws["audit_head_hash"]
        )

    @property
    def tz(self) -> str:
        return str(self.workspace["tz"])

    def occurrences_in(self, window: Span) -> list[Occurrence]:
        """As ``app.calendar.load_occurrences``: from the occurrence index when it answers
        ``window``, else by expanding the rules; rows imported for a colleague
        (``owner_email``) are left out. A window the full path would first extend the
        index for (a write) is declined."""
        if self._reach(window) is Reach.INDEX:
            return from_index(_LiteSource(self), window, zone(self.tz))
        rows = self.store.event_rows_in_window(self.workspace["id"], window.start, window.end)
        events = [event_from_row(r, self.codec) for r in rows if not r["owner_email"]]
        return occurrences(events, window, zone(self.tz))

    def listing_in(self, window: Span) -> tuple[list[ListingRow], dict[int, Event]]:
        """As ``occurrences_in``, as a listing (``app/index_read.listing_from_index``)."""
        if self._reach(window) is Reach.INDEX:
            return listing_from_index(_LiteSource(self), window, zone(self.tz))
        return listing_of(self.occurrences_in(window), zone(self.tz))

    def _reach(self, window: Span) -> Reach:
        horizon = self.workspace["occurrence_horizon_utc"]
        decision = reach_of(
            None if horizon is None else from_db(db_datetime(horizon)), window, self.now
        )
        if decision is Reach.EXTEND:
            raise Declined("the occurrence index must be extended")
        return decision

    def people(self) -> list[Person]:
        return [person_from_row(r) for r in self.store.people(self.workspace["id"])]

    def audit(self, action: str, object_type: str, object_id: str, content: Any = None) -> None:
        entry = chain.append(
            self.store,
            self.head,
            at=self.now,
            actor=self.actor.name,
            action=action,
            object_type=object_type,
            object_id=object_id,
            digest=chain.digest_of(content),
            key=self.keyring.audit_key(self.workspace["uuid"]),
        )
        self.head = chain.Head(workspace_id=self.head.workspace_id, seq=entry.seq, hash=entry.hash)


@dataclass(frozen=True, slots=True)
class _LiteSource:
    """``IndexSource`` over the lean store, for the principal's calendars."""

    reader: LiteReader

    def _events(self, rows: list[Row]) -> list[Event]:
        codec = self.reader.codec
        return [event_from_row(r, codec) for r in rows if not r["owner_email"]]

    def index_rows(self, window: Span) -> list[IndexRow]:
        ws = self.reader.workspace["id"]
        return self.reader.store.index_rows_in_window(ws, window.start, window.end)

    def events_by_ids(self, ids: Sequence[int]) -> dict[int, Event]:
        rows = self.reader.store.event_rows_by_ids(self.reader.workspace["id"], ids)
        return {e.id: e for e in self._events(rows)}

    def listing_rows(self, window: Span) -> list[ListingRow]:
        ws = self.reader.workspace["id"]
        return self.reader.store.listing_rows_in_window(ws, window.start, window.end)

    def sentinel_ids(self, window: Span) -> list[int]:
        ws = self.reader.workspace["id"]
        return self.reader.store.sentinel_ids_in_window(ws, window.start, window.end)

    def overrides_of(self, series_id: int, window: Span) -> list[Event]:
        ws = self.reader.workspace["id"]
        rows = self.reader.store.event_rows_in_window(ws, window.start, window.end)
        return self._events([r for r in rows if r["series_id"] == series_id])


@dataclass(frozen=True, slots=True, kw_only=True)
class LiteAgenda:
    """The agenda (``agenda_of``'s dict) and the workspace language, for rendering."""

    result: dict[str, Any] | AgendaListing  # views (``--json``) or a listing (lines)
    workspace_lang: str


def lite_agenda(
    db: str | None,
    *,
    actor: str | None,
    workspace: str | None,
    now: datetime | None,
    what: str | None,
    start: str | None,
    end: str | None,
    listing: bool = False,
) -> LiteAgenda:
    """``app.calendar.agenda`` on a plain SQLite file (``agenda_lines_of`` with
    ``listing``); raises ``Declined`` when unsure."""
    if workspace or os.environ.get("BINOME_WORKSPACE"):
        raise Declined("named workspace")
    url = resolve_url(db)
    path = plain_sqlite_file(url)
    if path is None:
        raise Declined("not a plain SQLite file")
    keyring = Keyring.load(key_file_for(url, path, default_data_dir))
    clock = Clock.fixed(now) if now is not None else Clock.system()
    try:
        store = LiteStore.open(path)
    except sqlite3.Error as exc:
        raise Declined("cannot open") from exc
    if store is None:
        raise Declined("no file")
    try:
        if store.revision() != head_revision():
            raise Declined("schema to check or migrate")
        store.begin()
        result = _read(store, keyring, clock, actor, what, start, end, listing)
        store.commit()
        return result
    except sqlite3.Error as exc:
        store.rollback()
        raise Declined("SQLite error") from exc
    except BaseException:
        store.rollback()
        raise
    finally:
        store.close()


def _read(
    store: LiteStore,
    keyring: Keyring,
    clock: Clock,
    who: str | None,
    what: str | None,
    start: str | None,
    end: str | None,
    listing: bool,
) -> LiteAgenda:
    found = store.workspaces()
    if len(found) != 1:
        raise Declined("no or several workspaces")
    ws = found[0]
    keyring.refresh_for(ws["uuid"], ws["key_id"])
    keyring.check_not_expired(ws["uuid"], clock.now().date())
    user = _user(store, ws, who or os.environ.get("BINOME_USER"))
    actor = actor_from(user, store.grants(user["id"], ws["id"]))
    reader = LiteReader(store, ws, actor, clock.now(), keyring, Codec(keyring, ws["uuid"]))
    read = agenda_listing if listing else agenda_of
    result = read(reader, what=what, start=start, end=end)
    return LiteAgenda(result=result, workspace_lang=str(ws["lang"]))


def _user(store: LiteStore, ws: Row, name: str | None) -> Row:
    """As ``uow.load_actor``; whatever it would refuse is declined (it says why)."""
    if name:
        row = store.user_named(ws["id"], name)
    else:
        row = store.user(ws["principal_user_id"] or 0)
        if row is not None and row["workspace_id"] != ws["id"]:
            row = None
    if row is None or not row["active"]:
        raise Declined("unknown or inactive user")
    return row
