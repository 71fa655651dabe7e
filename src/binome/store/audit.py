"""The tamper-evident audit log: a per-workspace SHA-256 hash chain.

Each entry's hash covers the previous hash and its own fields (canonical JSON), so editing,
deleting, inserting or reordering a row breaks the chain at that point; the chain's head
(last seq and hash) is anchored in the workspace row, so truncating the tail is caught too
(Crosby & Wallach, SECURITY.md row 58). Entries hold a digest of the content, never content.
Appending happens in the same transaction as the change it records.

With a workspace audit key (from the key file, never in the database) each link is an
HMAC-SHA256 rather than a bare SHA-256: someone who can write SQL but does not hold the key
file cannot recompute a consistent chain and anchor after rewriting history. Without a key
(workspaces created before audit keys existed) the chain is the plain SHA-256 one.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from binome.domain.model import AuditEntry
from binome.store import chain
from binome.store.tables import AuditRow, WorkspaceRow

# The chain's arithmetic lives in ``store/chain.py`` (shared with the sqlite3 read path);
# these names stay importable from here.
GENESIS = chain.GENESIS
digest_of = chain.digest_of
_link = chain.link


@dataclass(slots=True)
class _OrmWriter:
    """``chain.ChainWriter`` over an ORM session and the loaded workspace row."""

    session: Session
    workspace: WorkspaceRow
    row: AuditRow | None = None

    def insert(self, workspace_id: int, entry: AuditEntry) -> None:
        self.row = AuditRow(
            workspace_id=workspace_id,
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            digest=entry.digest,
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )
        self.session.add(self.row)

    def move_head(self, workspace_id: int, seq: int, hash: str) -> None:
        self.workspace.audit_head_seq = seq
        self.workspace.audit_head_hash = hash


def append(
    session: Session,
    workspace: WorkspaceRow,
    *,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    digest: str,
    key: bytes | None = None,
) -> AuditRow:
    """Append one entry after the anchored head (the caller holds the write transaction).
    ``key``: the workspace audit key (``Keyring.audit_key``), when it has one."""
    writer = _OrmWriter(session, workspace)
    head = chain.Head(
        workspace_id=workspace.id, seq=workspace.audit_head_seq, hash=workspace.audit_head_hash
    )
    chain.append(
        writer,
        head,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        digest=digest,
        key=key,
    )
    assert writer.row is not None
    return writer.row


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(session: Session, workspace: WorkspaceRow, key: bytes | None = None) -> Verdict:
    """Walk the chain in ``seq`` order; name the first entry that does not hold."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    rows = session.scalars(
        select(AuditRow).where(AuditRow.workspace_id == workspace.id).order_by(AuditRow.seq)
    )
    for row in rows:
        if row.seq > workspace.audit_head_seq:  # past the anchored head: added behind our back
            return Verdict(False, checked, row.seq, "inserted_after_head")
        if row.seq != expected_seq:
            return Verdict(False, checked, expected_seq, "missing_or_inserted")
        if row.prev_hash != expected_prev:
            return Verdict(False, checked, row.seq, "broken_link")
        recomputed = _link(
            row.prev_hash,
            row.seq,
            row.at,
            row.actor,
            row.action,
            row.object_type,
            row.object_id,
            row.digest,
            key,
        )
        if not hmac.compare_digest(recomputed, row.hash):
            return Verdict(False, checked, row.seq, "altered")
        expected_prev = row.hash
        expected_seq += 1
        checked += 1
    if checked != workspace.audit_head_seq or expected_prev != (
        workspace.audit_head_hash or GENESIS
    ):
        return Verdict(False, checked, checked + 1, "truncated")
    return Verdict(True, checked)


def entries(
    session: Session, workspace_id: int, *, since: datetime | None = None, actor: str | None = None
) -> Iterator[AuditEntry]:
    query = select(AuditRow).where(AuditRow.workspace_id == workspace_id)
    if since is not None:
        query = query.where(AuditRow.at >= since.replace(tzinfo=None))
    if actor is not None:
        query = query.where(AuditRow.actor == actor)
    for row in session.scalars(query.order_by(AuditRow.seq)):
        yield AuditEntry(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            digest=row.digest,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
