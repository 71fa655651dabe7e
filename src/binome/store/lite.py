"""A lean SQLite reader on the stdlib ``sqlite3`` driver, for ``binome agenda``.

Why: importing SQLAlchemy costs ~250 ms of CPU, more than the whole budget of the command
people run most (issue 2: under 200 ms as a whole process). This module reads the few rows
the agenda needs with plain SQL and hands them, as ``sqlite3.Row`` mappings, to the same
decoders the ORM repositories use (``store/rows.py``). It also appends audit entries through
the one chain implementation (``store/chain.py``), as a ``ChainWriter``.

It follows ``store/db.py``'s connection rules (WAL, ``synchronous=FULL``, foreign keys,
busy timeout, ``BEGIN IMMEDIATE``) and stores times in SQLAlchemy's SQLite text format
(``rows.db_text``), so rows written here and by the ORM compare and read back alike.
Queries mirror ``Repositories``; ``tests/store/test_lite.py`` checks they return the same
rows. Anything unusual (no file, another schema revision) is left to the full path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from binome.domain.model import AuditEntry
from binome.store.codec import to_db
from binome.store.index_shape import IS_SENTINEL, SENTINEL, IndexRow
from binome.store.rows import db_datetime, db_text, is_series

Row = sqlite3.Row


class LiteStore:
    """One connection, used for one transaction (``begin`` … ``commit``/``rollback``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, path: Path) -> LiteStore | None:
        """The database in ``path``; None when there is no such file (the full path then
        explains, or creates the folder, as it always has)."""
        if not path.is_file():
            return None
        conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        # The same connection settings as store/db.py's _on_sqlite_connect.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def revision(self) -> str | None:
        try:
            row = self.conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else str(row[0])

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- workspace and users ----------------------------------------------------------

    def workspaces(self, limit: int = 2) -> list[Row]:
        return self.conn.execute(
            "SELECT * FROM workspaces ORDER BY id LIMIT ?", (limit,)
        ).fetchall()

    def user(self, user_id: int) -> Row | None:
        row: Row | None = self.conn.execute(
            "SELECT * FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        return row

    def user_named(self, workspace_id: int, who: str) -> Row | None:
        row: Row | None = self.conn.execute(
            "SELECT * FROM users WHERE workspace_id = ? AND (name = ? OR email = ?)",
            (workspace_id, who, who.strip().lower()),
        ).fetchone()
        return row

    def grants(self, user_id: int, workspace_id: int) -> list[Row]:
        return self.conn.execute(
            "SELECT * FROM grants WHERE user_id = ? AND workspace_id = ? AND revoked_at IS NULL",
            (user_id, workspace_id),
        ).fetchall()

    # -- items ------------------------------------------------------------------------

    def people(self, workspace_id: int) -> list[Row]:
        return self.conn.execute(
            "SELECT * FROM people WHERE workspace_id = ? ORDER BY name", (workspace_id,)
        ).fetchall()

    def event_rows_in_window(self, workspace_id: int, start: datetime, end: datetime) -> list[Row]:
        """As ``Repositories.event_rows_in_window``: single events overlapping
        ``[start, end)``, every series that may occur there, and all their overrides."""
        s, e = db_text(to_db(start)), db_text(to_db(end))
        singles_and_series = self.conn.execute(
            "SELECT * FROM events WHERE workspace_id = ? AND series_id IS NULL "
            "AND start_utc < ? AND (range_end_utc IS NULL OR range_end_utc > ?)",
            (workspace_id, e, s),
        ).fetchall()
        series_ids = [r["id"] for r in singles_and_series if is_series(r)]
        overrides: Sequence[Row] = []
        if series_ids:
            marks = ",".join("?" * len(series_ids))
            overrides = self.conn.execute(
                f"SELECT * FROM events WHERE workspace_id = ? AND series_id IN ({marks})",
                (workspace_id, *series_ids),
            ).fetchall()
        orphans = self.conn.execute(
            "SELECT * FROM events WHERE workspace_id = ? AND series_id IS NOT NULL "
            "AND start_utc < ? AND end_utc > ?",
            (workspace_id, e, s),
        ).fetchall()
        seen = {r["id"] for r in overrides}
        return [*singles_and_series, *overrides, *(r for r in orphans if r["id"] not in seen)]

    def event_rows_by_ids(self, workspace_id: int, ids: Sequence[int]) -> list[Row]:
        """As ``Repositories.event_rows_by_ids`` (in chunks: SQLite bounds parameters)."""
        found: list[Row] = []
        for at in range(0, len(ids), 900):
            chunk = ids[at : at + 900]
            marks = ",".join("?" * len(chunk))
            found += self.conn.execute(
                f"SELECT * FROM events WHERE workspace_id = ? AND id IN ({marks})",
                (workspace_id, *chunk),
            ).fetchall()
        return found

    def index_rows_in_window(
        self, workspace_id: int, start: datetime, end: datetime
    ) -> list[IndexRow]:
        """As ``occurrence_index.rows_in_window``: one range scan of the index."""
        s, e = db_text(to_db(start)), db_text(to_db(end))
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: a year is tens of thousands of rows
        cursor.execute(
            "SELECT event_id, start_utc, end_utc, recurrence_id, local_start, local_end "
            "FROM occurrences "
            "WHERE workspace_id = ? AND start_utc < ? AND end_utc > ? "
            "ORDER BY start_utc, end_utc, event_id",  # the index's own order: no sort step
            (workspace_id, e, s),
        )
        parse = db_datetime
        return [(i, parse(a), parse(b), r, ls, le) for i, a, b, r, ls, le in cursor]

    def listing_rows_in_window(
        self, workspace_id: int, start: datetime, end: datetime
    ) -> list[tuple[int, str, str]]:
        """As ``occurrence_index.listing_rows``: index rows but sentinels, in order, as
        (event id, start and end as shown)."""
        s, e = db_text(to_db(start)), db_text(to_db(end))
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cursor.execute(
            "SELECT event_id, local_start, local_end FROM occurrences "
            "WHERE workspace_id = ? AND start_utc < ? AND end_utc > ? AND recurrence_id != ? "
            "ORDER BY start_utc, end_utc, event_id",
            (workspace_id, e, s, SENTINEL),
        )
        return cursor.fetchall()

    def sentinel_ids_in_window(
        self, workspace_id: int, start: datetime, end: datetime
    ) -> list[int]:
        """As ``occurrence_index.sentinel_ids`` (the partial index ``ix_occ_sentinel``)."""
        s, e = db_text(to_db(start)), db_text(to_db(end))
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT event_id FROM occurrences WHERE workspace_id = ? AND start_utc < ? "
                f"AND end_utc > ? AND {IS_SENTINEL}",
                (workspace_id, e, s),
            )
        ]

    # -- the audit chain (chain.ChainWriter) ------------------------------------------

    def insert(self, workspace_id: int, entry: AuditEntry) -> None:
        self.conn.execute(
            "INSERT INTO audit_entries (workspace_id, seq, at, actor, action, object_type, "
            "object_id, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                workspace_id,
                entry.seq,
                db_text(entry.at),
                entry.actor,
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.digest,
                entry.prev_hash,
                entry.hash,
            ),
        )

    def move_head(self, workspace_id: int, seq: int, hash: str) -> None:
        # ``version`` moves too, as the ORM's version_id_col does on every row update.
        self.conn.execute(
            "UPDATE workspaces SET audit_head_seq = ?, audit_head_hash = ?, "
            "version = version + 1 WHERE id = ?",
            (seq, hash, workspace_id),
        )
