"""The workspace's data version: a number that moves whenever what a reader sees may change.

Read-model caches (``app.read_cache``) key their entries on ``workspaces.data_version``, so
the number must move on every write of anything a view depends on (events, tasks,
commitments, requests, people, users, grants, the profile, a risk's state...) and should
not move on writes that change nothing a reader is shown, above all the audit appends
every confidential read makes (otherwise each page view would empty the cache).

Rather than asking every write path to remember, one ``before_flush`` hook on every ORM
``Session`` looks at what the flush is about to write and, when any of it matters, bumps
the version of the workspaces concerned with one ``UPDATE ... SET data_version =
data_version + 1``: atomic on both databases (on PostgreSQL the row lock queues concurrent
writers, as the audit chain's head lock already does), committed or rolled back with the
change itself, so a reader that sees the new number also sees the data behind it. The bump
happens once per workspace per transaction.

What does not count (``IGNORED_TABLES``, ``IGNORED_COLUMNS``):

- the audit chain (``audit_entries`` and the head anchored in ``workspaces``);
- bookkeeping that changes no view: login attempts, idempotency keys, a session's
  ``last_seen`` touch, the occurrence index (derived from events, whose writes count);
- what a radar scan records of what it saw (``risks.last_seen``, severity, fingerprint...):
  a scan runs on reads and re-records the same risk on every view. A new risk row, a new
  proposal row and every change of state (dismiss, apply, a hidden risk coming back) count.

Writes made outside the ORM (Core ``insert``/``update``) are not seen: only the occurrence
index and the lean audit path (``store.lite``) write that way, and neither changes a view.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from binome.store.tables import WorkspaceRow

__all__ = [
    "IGNORED_COLUMNS",
    "IGNORED_TABLES",
    "bumped",
    "current",
    "install",
    "touched_workspaces",
]

IGNORED_TABLES = frozenset({"audit_entries", "login_attempts", "idempotency_keys", "occurrences"})
IGNORED_COLUMNS: dict[str, frozenset[str]] = {
    "workspaces": frozenset(
        {"audit_head_seq", "audit_head_hash", "occurrence_horizon_utc", "data_version", "version"}
    ),
    "risks": frozenset(
        {"kind", "severity", "starts_at", "fingerprint", "last_seen", "data", "version"}
    ),
    "proposals": frozenset({"risk_id", "rank", "data"}),
    "tokens": frozenset({"last_seen"}),
}
_BUMPED = "binome.data_version.bumped"  # session.info: workspace ids bumped in this transaction


def _workspace_of(obj: Any) -> int | None:
    if isinstance(obj, WorkspaceRow):
        return obj.id
    ws = getattr(obj, "workspace_id", None)
    return ws if isinstance(ws, int) else None


def _table(obj: Any) -> str:
    return str(getattr(obj, "__tablename__", ""))


def _changed(obj: Any) -> bool:
    """Whether a dirty row changes a column that counts (net of values set to themselves);
    only the attributes set since the last flush (``committed_state``) are looked at."""
    ignored = IGNORED_COLUMNS.get(_table(obj), frozenset())
    state = inspect(obj)
    return any(
        key not in ignored and state.attrs[key].history.has_changes()
        for key in state.committed_state
    )


def touched_workspaces(session: Session, known: Collection[int] = ()) -> set[int]:
    """The workspaces whose data the pending flush changes (see the module docstring);
    rows of workspaces in ``known`` (already bumped) are not examined."""
    out: set[int] = set()
    for obj in (*session.new, *session.deleted):
        ws = _workspace_of(obj)
        if ws is not None and _table(obj) not in IGNORED_TABLES:
            out.add(ws)
    for obj in session.dirty:
        ws = _workspace_of(obj)
        if ws is None or ws in out or ws in known or _table(obj) in IGNORED_TABLES:
            continue
        if _changed(obj):
            out.add(ws)
    return out


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    done: set[int] = session.info.setdefault(_BUMPED, set())
    for ws in sorted(touched_workspaces(session, done) - done):
        # Through the connection: a plain UPDATE, not an ORM one (no version check, no
        # autoflush from inside the flush).
        session.connection().execute(
            update(WorkspaceRow)
            .where(WorkspaceRow.id == ws)
            .values(data_version=WorkspaceRow.data_version + 1)
        )
        done.add(ws)


def bumped(session: Session, workspace_id: int) -> bool:
    """Whether this session's transaction has moved the workspace's version (so far)."""
    return workspace_id in session.info.get(_BUMPED, ())


def current(session: Session, workspace_id: int) -> int:
    """The version as this transaction sees it now (its own bump included)."""
    found = (
        session.connection()
        .execute(select(WorkspaceRow.data_version).where(WorkspaceRow.id == workspace_id))
        .scalar_one()
    )
    return int(found)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    # The transaction's end, or a savepoint's (a later flush then bumps again rather than
    # risk a change whose bump was rolled back with the savepoint); not the inner
    # transaction every flush opens and closes.
    if transaction.parent is None or transaction.nested:
        session.info.pop(_BUMPED, None)


def install() -> None:
    """Listen on every ORM ``Session`` (idempotent); ``store.db.make_engine`` calls it."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_transaction_end", _after_transaction_end)
