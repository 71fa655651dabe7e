"""``Idempotency-Key``: a retried write answers the first result instead of acting twice
(SECURITY.md row 47; draft-ietf-httpapi-idempotency-key-header).

Keys are scoped to the workspace and the acting user, so one user's key cannot replay
another's answer. The stored answer is the use case's JSON view (already masked for that
user). The use case runs in its own unit of work and the key is recorded right after; a
crash between the two leaves the change done and the key unrecorded, so the retry acts on
the new state (e.g. "already done"), never twice silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.domain.errors import Conflict
from binome.store.codec import to_db
from binome.store.tables import IdempotencyRow


def once(app: App, key: str | None, act: Callable[[], Any]) -> tuple[Any, bool]:
    """``(result, replayed)``: run ``act`` once per ``key``; later calls replay its result."""
    if not key:
        return act(), False
    with unit_of_work(app, write=False) as uow:
        scoped = f"{uow.actor.user_id}:{key}"[:200]
        found = uow.session.scalar(
            select(IdempotencyRow.response).where(
                IdempotencyRow.workspace_id == uow.actor.workspace_id,
                IdempotencyRow.key == scoped,
            )
        )
    if found is not None:
        return json.loads(found), True
    result = act()
    try:
        with unit_of_work(app) as uow:
            uow.session.add(
                IdempotencyRow(
                    workspace_id=uow.actor.workspace_id,
                    key=scoped,
                    response=json.dumps(result, default=str).encode(),
                    created_at=to_db(uow.now),
                )
            )
    except Conflict:  # a concurrent twin recorded it first: same answer
        pass
    return result, False
