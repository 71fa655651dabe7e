"""The audit hash chain itself, with no storage library: one implementation for every writer.

An entry's link covers the previous link and its own fields (canonical JSON); see
``store/audit.py`` for why (Crosby & Wallach, SECURITY.md row 58). Two writers append
entries: the ORM unit of work (``store/audit.py``) and the stdlib-``sqlite3`` read path of
``binome agenda`` (``store/lite.py``), which must not import SQLAlchemy to start fast. Both
call ``append`` here with a tiny ``ChainWriter`` that knows only how to store one computed
entry and move the anchored head, so the chain's arithmetic lives in exactly one place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from binome.domain.model import AuditEntry

GENESIS = "0" * 64


def digest_of(content: object) -> str:
    """SHA-256 of the canonical JSON of ``content`` (what was written or read)."""
    blob = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def link(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    digest: str,
    key: bytes | None = None,
) -> str:
    """One link: HMAC-SHA256 with the workspace audit key, else plain SHA-256."""
    fields = [prev_hash, seq, at.isoformat(), actor, action, object_type, object_id, digest]
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is not None:
        return hmac.new(key, blob, hashlib.sha256).hexdigest()
    return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Head:
    """The anchored head of a workspace's chain (``workspaces.audit_head_*``)."""

    workspace_id: int
    seq: int
    hash: str


class ChainWriter(Protocol):
    """Stores entries; the caller holds the write transaction and the head's lock."""

    def insert(self, workspace_id: int, entry: AuditEntry) -> None: ...

    def move_head(self, workspace_id: int, seq: int, hash: str) -> None: ...


def append(
    writer: ChainWriter,
    head: Head,
    *,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    digest: str,
    key: bytes | None = None,
) -> AuditEntry:
    """Append one entry after ``head``; ``key``: the workspace audit key, when it has one.
    The entry is the model's ``AuditEntry`` (``at`` naive UTC, as stored)."""
    seq = head.seq + 1
    prev = head.hash or GENESIS
    at = at.replace(tzinfo=None)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        digest=digest,
        prev_hash=prev,
        hash=link(prev, seq, at, actor, action, object_type, object_id, digest, key),
    )
    writer.insert(head.workspace_id, entry)
    writer.move_head(head.workspace_id, seq, entry.hash)
    return entry
