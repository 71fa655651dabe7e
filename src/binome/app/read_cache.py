"""The read-model cache: expensive views computed once per data version, reader and minute.

A Today view runs the radar (a scan of two weeks, slot searches for every proposal), the
agenda and the work lists; the Priorities page's plan runs CP-SAT. Their result is a
function of four things only, which together are the cache key:

- the workspace's data (``workspaces.data_version``, which every transaction that changes
  something a reader may be shown moves, ``store.data_version``; the workspace's uuid
  beside it, so a database rebuilt at the same URL never matches an old entry);
- the reader: the whole ``Actor`` (user, role, clearance, per-item grants, delegations)
  and the language the view is worded in. One reader's entry is never another's: the
  cache holds exactly what that reader's own request would have computed, masked for them;
- the clock, to the minute (what the views depend on: the day, "late", "in 20 minutes");
- what is computed and its parameters (``what``, ``params``).

Bounded (LRU, ``SIZE`` entries) and in-process; correct across processes (several uvicorn
workers, the CLI writing meanwhile) because the version lives in the database and is read
by the request's own transaction. An entry is stored only once that transaction has
committed (a rolled-back scan leaves no ids behind). A transaction that itself moved the
version (a first scan records its risks) stores its entry under the new number when no
other writer came between, so the next request hits.

Audit: a computation's reads of confidential material (``read.*`` entries) are recorded
with the entry and appended again on every hit (the read ledger, ``app.read_once``,
still writes them once per session and day), so serving from the cache audits exactly
what computing would have. Other entries (``plan.run``) record that something ran: a hit
runs nothing and appends nothing.

Values are stored pickled (plain data: dicts, lists, strings, numbers) and unpickled on
every hit: each caller gets its own copy and may change it; ``pickle`` is several times
faster than ``copy.deepcopy`` on these views.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from binome.store import data_version

if TYPE_CHECKING:
    from binome.app.uow import UnitOfWork

__all__ = ["SIZE", "ReadCache", "cached", "peek", "view_tag"]

SIZE = 512
T = TypeVar("T")
AuditCall = tuple[str, str, str, Any]


@dataclass(frozen=True, slots=True)
class Entry:
    value: bytes  # pickled
    reads: tuple[AuditCall, ...]


@dataclass
class ReadCache:
    """A bounded LRU map from keys to computed views (or pages), safe across threads."""

    size: int = SIZE
    hits: int = 0
    misses: int = 0
    _entries: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Hashable, entry: Any) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _minute(now: datetime) -> datetime:
    return now.replace(second=0, microsecond=0)


def _key(uow: UnitOfWork, version: int, what: str, params: Hashable) -> Hashable:
    row = uow.workspace_row
    return (what, params, row.uuid, version, uow.actor, uow.lang, _minute(uow.now))


def view_tag(uow: UnitOfWork) -> str:
    """A short digest of what every read model of this unit of work is keyed on (data
    version, reader, language, minute): equal tags, equal views. The web keys the pages it
    renders from those views on it (with the session), so a page is rendered once too."""
    key = _key(uow, uow.workspace_row.data_version, "", None)
    return hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()


def peek(uow: UnitOfWork, what: str, params: Hashable, *, audit: bool = True) -> Any | None:
    """The value ``cached`` would serve for the same data, reader and minute, audited as
    a hit is (``audit=False``: the caller audits what it shows itself); ``None`` when
    there is none (nothing is computed)."""
    cache = uow.app.read_cache
    if cache is None:
        return None
    entry: Entry | None = cache.get(_key(uow, uow.workspace_row.data_version, what, params))
    if entry is None:
        return None
    for call in entry.reads if audit else ():
        uow.audit(*call)
    return pickle.loads(entry.value)  # our own bytes


def cached(uow: UnitOfWork, what: str, params: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave for the same data, reader and minute."""
    cache = uow.app.read_cache
    if cache is None:
        return compute()
    start = uow.workspace_row.data_version
    found = peek(uow, what, params)
    if found is not None:
        return found  # type: ignore[no-any-return]
    outer, uow.recording = uow.recording, []
    try:
        value = compute()
        calls = uow.recording
    finally:
        uow.recording = outer
    if outer is not None:
        outer.extend(calls)
    fresh = Entry(pickle.dumps(value), tuple(c for c in calls if c[0].startswith("read.")))
    version = _version_at_commit(uow, start)
    uow.after_commit(lambda: cache.put(_key(uow, version, what, params), fresh))
    return value


def _version_at_commit(uow: UnitOfWork, start: int) -> int:
    """The version this transaction commits: ``start``, or ``start + 1`` when it moved
    the version itself and nobody else did since it began (``start`` otherwise: an entry
    under an older number is only ever read by requests that began before the write)."""
    uow.session.flush()
    ws = uow.workspace_row.id
    if not data_version.bumped(uow.session, ws):
        return start
    now = data_version.current(uow.session, ws)
    return now if now == start + 1 else start
