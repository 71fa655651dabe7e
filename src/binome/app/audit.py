"""Reading and verifying the audit log (principal, or users the principal granted)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from binome.app.access import can_read_audit
from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.domain.errors import N_, PermissionDenied
from binome.store import audit as audit_log


def list_audit(
    app: App, *, since: datetime | None = None, actor: str | None = None
) -> list[dict[str, Any]]:
    with unit_of_work(app, write=False) as uow:
        if not can_read_audit(uow.actor):
            raise PermissionDenied(
                N_("Only the principal, or whom they grant, reads the audit log.")
            )
        return [
            {
                "seq": e.seq,
                "at": e.at.isoformat() + "Z",
                "actor": e.actor,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "digest": e.digest,
                "hash": e.hash,
            }
            for e in audit_log.entries(uow.session, uow.workspace_row.id, since=since, actor=actor)
        ]


def verify_audit(app: App) -> dict[str, Any]:
    with unit_of_work(app, write=False) as uow:
        if not can_read_audit(uow.actor):
            raise PermissionDenied(
                N_("Only the principal, or whom they grant, reads the audit log.")
            )
        verdict = audit_log.verify(uow.session, uow.workspace_row)
        return {
            "ok": verdict.ok,
            "checked": verdict.checked,
            "first_bad_seq": verdict.first_bad_seq,
            "problem": verdict.problem,
        }
