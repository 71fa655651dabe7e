"""Writes that say which version they were based on: ``If-Match`` (SECURITY.md row 48).

The web and the CLI may both read an item at version 3 and both act on it. A client that
sends the version it read (``If-Match: "3"``, the ``ETag`` of ``GET /api/tasks/T1``) gets
``412 Precondition Failed`` and the current version when someone else changed the item in
between, instead of a silent overwrite. The check and the write share one transaction, and
the repositories' version column catches a race between the two.
"""

from __future__ import annotations

from typing import Any

from binome.app.context import App
from binome.app.items import mark_commitment_kept, mark_task_done
from binome.app.uow import unit_of_work
from binome.app.views import commitment_view, task_view
from binome.domain.errors import N_, Conflict


class PreconditionFailed(Conflict):
    """The item is no longer at the version the client read (HTTP 412)."""

    message = N_("{ref} changed since you read it (now version {version}); reload and retry.")
    http_status = 412


def _check(ref: str, expected: int | None, current: int) -> None:
    if expected is not None and expected != current:
        raise PreconditionFailed(ref=ref, version=current)


def complete_task_if(app: App, ref: str, expected: int | None) -> dict[str, Any]:
    """Mark a task done if it is still at version ``expected`` (``None``: no condition)."""
    with unit_of_work(app) as uow:
        stored = mark_task_done(uow, ref, lambda version: _check(ref, expected, version))
        return {**task_view(stored, uow.actor), "version": stored.version}


def complete_commitment_if(app: App, ref: str, expected: int | None) -> dict[str, Any]:
    """Mark a commitment kept if it is still at version ``expected``."""
    with unit_of_work(app) as uow:
        stored = mark_commitment_kept(uow, ref, lambda version: _check(ref, expected, version))
        return {**commitment_view(stored, uow.actor, uow.now), "version": stored.version}
