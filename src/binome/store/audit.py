"""The tamper-evident audit log: a per-workspace SHA-256 hash chain.

Each entry's hash covers the previous hash and its own fields (canonical JSON), so editing,
deleting, inserting or reordering a row breaks the chain at that point; the chain's head
(last seq and hash) is anchored in the workspace row, so truncating the tail is caught too
(Crosby & Wallach, SECURITY.md row 58). Entries hold a digest of the content, never content.
Appending happens in the same transaction as the change it records.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from binome.domain.model import AuditEntry
from binome.store.tables import AuditRow, WorkspaceRow

GENESIS = "0" * 64


def digest_of(content: object) -> str:
    """SHA-256 of the canonical JSON of ``content`` (what was written or read)."""
    blob = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _link(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    digest: str,
) -> str:
    fields = [prev_hash, seq, at.isoformat(), actor, action, object_type, object_id, digest]
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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
) -> AuditRow:
    """Append one entry after the anchored head (the caller holds the write transaction)."""
    seq = workspace.audit_head_seq + 1
    prev = workspace.audit_head_hash or GENESIS
    at = at.replace(tzinfo=None, microsecond=at.microsecond)
    row = AuditRow(
        workspace_id=workspace.id,
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        digest=digest,
        prev_hash=prev,
        hash=_link(prev, seq, at, actor, action, object_type, object_id, digest),
    )
    session.add(row)
    workspace.audit_head_seq = seq
    workspace.audit_head_hash = row.hash
    return row


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(session: Session, workspace: WorkspaceRow) -> Verdict:
    """Walk the chain in ``seq`` order; name the first entry that does not hold."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    rows = session.scalars(
        select(AuditRow).where(AuditRow.workspace_id == workspace.id).order_by(AuditRow.seq)
    )
    for row in rows:
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
        )
        if recomputed != row.hash:
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
