"""``binome key rotate``: a new workspace key, every sealed ``data`` column re-encrypted.

The order is what keeps every item readable whatever happens (SECURITY.md row 11, rows 55/56
for the crash cases):

1. the new key is added to the key file *beside* the old ones and made current (fsync +
   rename, ``Keyring.add_rotation_key``);
2. in ONE database transaction every sealed ``data`` column of the workspace is opened with
   the key named in its envelope and sealed again with the new key, ``workspaces.key_id``
   is updated and the rotation is audited;
3. after that transaction has committed, a second one re-seals any row another process
   sealed with an old key meanwhile (its key ring predated the rotation), and only then are
   the old keys removed from the key file.

Killed during 2, the transaction rolls back: rows still name the old key, which is still in
the file. Killed between 2 and 3, rows name the new key, also in the file. A long-lived
process re-reads the key file as soon as ``workspaces.key_id`` names a key it lacks; the one
window left is a write sealed with an old key that commits between the sweep and the
retirement (narrow; a later rotation cannot recover it, since its key is gone).
Rotation runs even when the key file entry has expired (it is the remedy).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Table, select, update

from binome.app.access import require_principal
from binome.app.context import App
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain.errors import N_, InvalidInput
from binome.store.crypto import is_sealed
from binome.store.tables import Base


def sealed_tables() -> list[Table]:
    """Every table with a per-workspace ``data`` column that may hold an envelope."""
    return [
        t
        for t in Base.metadata.sorted_tables
        if "data" in t.c and "workspace_id" in t.c and "id" in t.c
    ]


def _reseal_rows(
    app: App,
    uow: UnitOfWork,
    *,
    skip_key: str | None = None,
    on_row: Callable[[int], None] | None = None,
) -> int:
    """Seal again, with the current key, every sealed row of the workspace (those already
    under ``skip_key`` excepted). Each envelope is opened with the key it names."""
    ring, ws = app.keyring, uow.workspace_row
    count = 0
    for table in sealed_tables():
        rows = uow.session.execute(
            select(table.c.id, table.c.data).where(table.c.workspace_id == ws.id)
        ).all()
        for row_id, data in rows:
            if not is_sealed(data) or data.split(":", 2)[1] == skip_key:
                continue
            plain = ring.open(ws.uuid, table.name, data)
            uow.session.execute(
                update(table)
                .where(table.c.id == row_id, table.c.workspace_id == ws.id)
                .values(data=ring.seal(ws.uuid, table.name, plain))
            )
            count += 1
            if on_row is not None:
                on_row(count)
    return count


def rotate_key(
    app: App,
    *,
    valid_days: int | None = None,
    on_row: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Rotate the workspace key (principal only). ``on_row(n)`` is called after the n-th
    row is re-sealed (progress; tests use it to fail or be killed half-way)."""
    if valid_days is not None and not 1 <= valid_days <= 3650:
        raise InvalidInput(N_("--valid-days is between 1 and 3650."))
    ring = app.keyring
    with unit_of_work(app, allow_expired_key=True) as uow:
        require_principal(uow.actor)
        ws = uow.workspace_row
        old = ring.current_key_id(ws.uuid)
        new = ring.add_rotation_key(ws.uuid)
        count = _reseal_rows(app, uow, on_row=on_row)
        ws.key_id = new
        uow.audit("key.rotate", "workspace", str(ws.id), {"from": old, "to": new, "rows": count})
        today = uow.now.date()
    # Committed. A process whose key ring predates the rotation may have sealed a row with
    # an old key meanwhile (it re-reads the key file once it sees the new workspaces.key_id,
    # see Keyring.refresh_for): sweep those rows up before the old keys go.
    with unit_of_work(app, allow_expired_key=True) as uow:
        stragglers = _reseal_rows(app, uow, skip_key=new)
    expires = None if valid_days is None else today + timedelta(days=valid_days)
    ring.retire_keys_except(ws.uuid, new, expires=expires)
    return {
        "key_id": new,
        "previous": old,
        "rows": count + stragglers,
        "expires": None if expires is None else expires.isoformat(),
        "key_file": None if ring.path is None else str(ring.path),
    }
