"""Audit a page's confidential reads at most once per session, per day, per set of items.

Every read of confidential or secret material leaves a trace in the audit chain
(``read.confidential``, SECURITY.md). Done naively, a cockpit page that shows a sealed item
appends an entry at every view: each Today refresh becomes a write, the chain grows by one
entry per click, and the page pays for a locked append. The guarantee the audit needs is
"who saw which items, and when (to the day)", not "how many times they pressed F5".

So the web's composition root gives every request's ``App`` a ``ReadScope``: a process-wide
``ReadLedger`` and the identity of the login session (the session's database id, never its
secret). ``UnitOfWork.audit`` asks the scope before appending a ``read.confidential`` entry:
the same session reading the same set of items (the entry's digest covers the full list) of
the same kind on the same day is already on record, and is not appended again. A different
set of items, another session, another day, or a new process all write a fresh entry: the
ledger can only ever suppress a duplicate of an entry that was committed (keys are
remembered only after the transaction commits, see ``uow.unit_of_work``). The CLI and the
API (no scope) audit every read as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

Key = tuple[int, str, str, str, str]  # (session id, day, actor, object type, digest)
MAX_KEYS = 200_000  # a bound on memory; when full, the ledger forgets (more entries, never fewer)


@dataclass
class ReadLedger:
    """The set of (session, day, kind, digest) keys already audited by this process."""

    _seen: set[Key] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def known(self, key: Key) -> bool:
        with self._lock:
            return key in self._seen

    def remember(self, keys: Iterable[Key]) -> None:
        with self._lock:
            if len(self._seen) > MAX_KEYS:
                self._seen.clear()
            self._seen.update(keys)


@dataclass(frozen=True, slots=True)
class ReadScope:
    """One login session's view of the ledger."""

    ledger: ReadLedger
    session_id: int

    def key(self, day: str, actor: str, object_type: str, digest: str) -> Key:
        return (self.session_id, day, actor, object_type, digest)
