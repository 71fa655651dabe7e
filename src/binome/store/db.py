"""Database URLs, engines and the schema's life cycle (Alembic).

The embedded default is one SQLite file in the user's data directory (platformdirs), in WAL
mode with ``synchronous=FULL`` and foreign keys on; writes start with ``BEGIN IMMEDIATE`` so
two writers queue instead of failing half-way (SECURITY.md invariant 4). PostgreSQL URLs go
through psycopg 3. The schema is only ever created by Alembic migrations, so a fresh database
and an upgraded one are the same thing.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from binome.domain.errors import N_, InvalidInput, Unavailable
from binome.store import data_version
from binome.store.location import APP_NAME, default_data_dir, resolve_url

__all__ = [
    "APP_NAME",
    "default_data_dir",
    "make_engine",
    "resolve_url",
    "sqlite_path",
    "writer_turn",
]


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError as exc:
        raise InvalidInput(N_("Invalid database URL."), where="--db") from exc


def sqlite_path(url: str) -> Path | None:
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return parse_url(url).render_as_string(hide_password=True)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE rather than pysqlite's
    # deferred BEGIN: see the SQLAlchemy docs, "Serializable isolation / Savepoints".
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@lru_cache(maxsize=16)
def make_engine(url: str) -> Engine:
    """One engine per URL per process. Creates the SQLite file's folder when needed."""
    data_version.install()
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise Unavailable(
                    N_("Cannot create the database folder {path}."), path=str(path.parent)
                ) from exc
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    if backend == "postgresql":
        return create_engine(url, future=True, pool_pre_ping=True)
    raise InvalidInput(
        N_("Unsupported database: {backend} (sqlite or postgresql)."), backend=backend
    )


_TURNS: dict[str, threading.RLock] = {}
_TURNS_LOCK = threading.Lock()


def writer_turn(engine: Engine) -> AbstractContextManager[Any]:
    """Hold this for the length of a transaction on ``engine``: on SQLite, threads of one
    process then queue on a lock for their ``BEGIN IMMEDIATE`` and each wakes as soon as the
    one before commits. Without it they meet in SQLite's busy handler, which polls with
    sleeps of up to 100 ms: a web worker's threads serving four requests at once showed a
    p99 of 500 ms for 9 ms of work. Other processes still queue through ``busy_timeout``.
    Re-entrant (a thread that nests transactions waits on SQLite, as before). PostgreSQL
    needs no turn (row locks, MVCC)."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    key = str(engine.url)
    with _TURNS_LOCK:
        turn = _TURNS.setdefault(key, threading.RLock())
    return turn


def check_reachable(engine: Engine) -> None:
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        raise Unavailable(
            N_("Cannot open the database {url}."), url=safe_url(str(engine.url))
        ) from exc
