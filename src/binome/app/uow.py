"""The unit of work: one transaction per use case, rolled back unless it completes.

``with unit_of_work(app) as uow:`` opens a session (``BEGIN IMMEDIATE`` on SQLite), resolves
the workspace and the acting user, and exposes the repositories and ``uow.audit(...)``. The
change and its audit entries commit together or not at all; any exception rolls back, so a
crash mid-import leaves the previous state intact. Foreign storage exceptions are turned
into binome errors here, once (StaleDataError → Conflict, OperationalError → Unavailable).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from binome.app.access import Actor, actor_from
from binome.app.context import App
from binome.domain.errors import N_, BinomeError, Conflict, NotFound, Unavailable
from binome.domain.model import Workspace
from binome.store import audit as audit_log
from binome.store.codec import Codec
from binome.store.db import safe_url, writer_turn
from binome.store.repositories import Repositories
from binome.store.rows import RowView
from binome.store.schema import ensure_current
from binome.store.tables import GrantRow, UserRow, WorkspaceRow

_checked: set[str] = set()


@dataclass
class UnitOfWork:
    app: App
    session: Session
    workspace_row: WorkspaceRow
    actor: Actor
    repos: Repositories
    write: bool = True  # False: rolled back at the end, whatever it wrote
    _head_locked: bool = False
    _reads: list[Any] = field(default_factory=list)  # read keys to remember after commit
    _on_commit: list[Callable[[], None]] = field(default_factory=list)
    # While a read-model cache computes an entry, the audit calls it makes (app.read_cache).
    recording: list[tuple[str, str, str, Any]] | None = None

    @property
    def now(self) -> datetime:
        return self.app.clock.now()

    @property
    def workspace(self) -> Workspace:
        row = self.workspace_row
        return Workspace(
            id=row.id,
            name=row.name,
            tz=row.tz,
            lang=row.lang,
            country=row.country,
            region=row.region,
        )

    @property
    def lang(self) -> str:
        return self.app.lang or self.workspace_row.lang

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this unit of work has committed (never on rollback)."""
        self._on_commit.append(callback)

    def audit(self, action: str, object_type: str, object_id: str, content: Any = None) -> None:
        if self.recording is not None:
            self.recording.append((action, object_type, object_id, content))
        digest = audit_log.digest_of(content)
        scope = self.app.read_scope
        if action == "read.confidential" and scope is not None:
            key = scope.key(self.now.date().isoformat(), self.actor.name, object_type, digest)
            if scope.ledger.known(key):
                return  # this session's read of these items is on record today
            self._reads.append(key)
        if not self._head_locked:
            # Two transactions appending at once (e.g. two audited page loads) would both
            # take head+1: lock the workspace row and re-read the head first (PostgreSQL;
            # SQLite's BEGIN IMMEDIATE already serialises writers).
            # Flush first: refresh() would otherwise discard pending changes to the row
            # (key rotation sets key_id before its audit entry).
            self.session.flush()
            self.session.refresh(self.workspace_row, with_for_update=True)
            self._head_locked = True
        audit_log.append(
            self.session,
            self.workspace_row,
            at=self.now,
            actor=self.actor.name,
            action=action,
            object_type=object_type,
            object_id=object_id,
            digest=digest,
            key=self.app.keyring.audit_key(self.workspace_row.uuid),
        )


def _ensure_schema(app: App) -> None:
    if app.url in _checked:
        return
    ensure_current(app.engine)
    _checked.add(app.url)


@contextmanager
def unit_of_work(
    app: App, *, write: bool = True, allow_expired_key: bool = False
) -> Iterator[UnitOfWork]:
    """Open a transaction as the app's actor. Commits on success when ``write``.

    A workspace whose key file entry has expired is refused (``KeyExpired``) except with
    ``allow_expired_key`` (``binome key rotate``, the way out)."""
    try:
        _ensure_schema(app)
        session = Session(app.engine, expire_on_commit=False)
    except OperationalError as exc:
        raise Unavailable(N_("Cannot open the database {url}."), url=safe_url(app.url)) from exc
    try:
        with writer_turn(app.engine), session.begin():
            workspace_row = _workspace(session, app)
            app.keyring.refresh_for(workspace_row.uuid, workspace_row.key_id)
            if not allow_expired_key:
                app.keyring.check_not_expired(workspace_row.uuid, app.clock.now().date())
            actor = load_actor(session, workspace_row, app.actor_name)
            codec = Codec(app.keyring, workspace_row.uuid)
            uow = UnitOfWork(
                app,
                session,
                workspace_row,
                actor,
                Repositories(session, workspace_row.id, codec),
                write=write,
            )
            yield uow
            if not write:
                session.rollback()
                uow._reads.clear()
                uow._on_commit.clear()
        if uow._reads and app.read_scope is not None:  # committed: now on record
            app.read_scope.ledger.remember(uow._reads)
        for callback in uow._on_commit:
            callback()
    except StaleDataError as exc:
        raise Conflict(
            N_("Someone else changed this item since you read it; reload and retry.")
        ) from exc
    except IntegrityError as exc:
        raise Conflict(N_("This would duplicate an existing item.")) from exc
    except OperationalError as exc:
        if "readonly" in str(exc).lower() or "read-only" in str(exc).lower():
            raise Unavailable(
                N_("The database {url} is not writable."), url=safe_url(app.url)
            ) from exc
        raise Unavailable(N_("Cannot open the database {url}."), url=safe_url(app.url)) from exc
    finally:
        session.close()


def _workspace(session: Session, app: App) -> WorkspaceRow:
    query = select(WorkspaceRow).order_by(WorkspaceRow.id)
    name = app.workspace_name or os.environ.get("BINOME_WORKSPACE")
    if name:
        row = session.scalar(query.where(WorkspaceRow.name == name))
        if row is None:
            raise NotFound(N_("No workspace named {name}."), name=name)
        return row
    rows = session.scalars(query.limit(2)).all()
    if not rows:
        raise Unavailable(N_("No workspace yet: run `binome init` (or `binome demo`) first."))
    if len(rows) > 1 and not (app.actor_name or os.environ.get("BINOME_USER")):
        raise BinomeError(
            N_(
                "Several workspaces share this database: name one with "
                "--workspace or BINOME_WORKSPACE."
            )
        )
    if len(rows) > 1:
        # The user name picks the workspace when it is unique across workspaces.
        who = app.actor_name or os.environ.get("BINOME_USER") or ""
        matches = session.scalars(
            select(UserRow).where((UserRow.name == who) | (UserRow.email == who.lower()))
        ).all()
        ws_ids = {u.workspace_id for u in matches}
        if len(ws_ids) == 1:
            found = session.get(WorkspaceRow, ws_ids.pop())
            assert found is not None
            return found
        raise BinomeError(
            N_(
                "Several workspaces share this database: name one with "
                "--workspace or BINOME_WORKSPACE."
            )
        )
    return rows[0]


def load_actor(session: Session, workspace: WorkspaceRow, who: str | None) -> Actor:
    """The acting user: ``who`` (name or e-mail), else ``BINOME_USER``, else the principal."""
    name = who or os.environ.get("BINOME_USER")
    query = select(UserRow).where(UserRow.workspace_id == workspace.id)
    if name:
        row = session.scalar(
            query.where((UserRow.name == name) | (UserRow.email == name.strip().lower()))
        )
        if row is None:
            raise NotFound(N_("Unknown user: {name}."), name=name)
    else:
        row = session.get(UserRow, workspace.principal_user_id or 0)
        if row is None or row.workspace_id != workspace.id:
            raise Unavailable(N_("This workspace has no principal."))
    if not row.active:
        raise NotFound(N_("Unknown user: {name}."), name=row.name)
    return actor_from_row(session, row)


def actor_from_row(session: Session, row: UserRow) -> Actor:
    grants = session.scalars(
        select(GrantRow).where(
            GrantRow.user_id == row.id,
            GrantRow.workspace_id == row.workspace_id,
            GrantRow.revoked_at.is_(None),
        )
    )
    return actor_from(RowView(row), (RowView(g) for g in grants))
