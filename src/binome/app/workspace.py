"""Creating a workspace (``binome init``) and reading its settings.

Init is the one use case that runs before a workspace exists: it migrates the schema, then
creates the workspace, its principal (a person and a user), the workspace key in the key
file, and the first audit entry, in one transaction.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from binome.app.access import DEFAULT_CLEARANCE
from binome.app.context import App
from binome.domain.errors import N_, Conflict
from binome.domain.model import Person, Role, Workspace, check_email
from binome.store import audit as audit_log
from binome.store.codec import to_db
from binome.store.index_shape import HORIZON
from binome.store.schema import upgrade
from binome.store.tables import PersonRow, UserRow, WorkspaceRow


@dataclass(frozen=True, slots=True)
class InitResult:
    workspace: Workspace
    principal: Person
    key_path: str | None
    created: bool


def init_workspace(
    app: App,
    *,
    principal: str,
    email: str,
    tz: str,
    lang: str = "fr",
    country: str | None = None,
    name: str | None = None,
    login: str | None = None,
) -> InitResult:
    """Create (or upgrade) the database and create the workspace with its principal."""
    ws = Workspace(name=name or principal, tz=tz, lang=lang, country=country)
    person = Person(name=principal, email=check_email(email), tz=tz, country=country, lang=lang)
    upgrade(app.engine)
    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session, session.begin():
        existing = session.scalar(select(WorkspaceRow).where(WorkspaceRow.name == ws.name))
        if existing is not None:
            raise Conflict(
                N_("A workspace named {name} already exists in this database."), name=ws.name
            )
        # A fresh random uuid, not one from the seeded ``app.random``: two workspaces in one
        # database (or one key file) must never share a uuid, which keys their encryption.
        ws_uuid = str(uuidlib.uuid4())
        key_id = app.keyring.create_workspace_key(ws_uuid)
        row = WorkspaceRow(
            uuid=ws_uuid,
            name=ws.name,
            tz=ws.tz,
            lang=ws.lang,
            country=ws.country,
            region=None,
            profile="{}",
            key_id=key_id,
            audit_head_seq=0,
            audit_head_hash="",
            created_at=to_db(now),
            # An empty occurrence index: each event is indexed as it is written, so the
            # first agenda reads the index instead of building it.
            occurrence_horizon_utc=to_db(now + HORIZON),
        )
        session.add(row)
        session.flush()
        prow = PersonRow(
            workspace_id=row.id,
            name=person.name,
            email=person.email,
            tz=tz,
            country=country,
            hours="",
            vip=False,
            nicknames="[]",
            lang=lang,
        )
        session.add(prow)
        session.flush()
        user = UserRow(
            workspace_id=row.id,
            person_id=prow.id,
            name=login or person.email.split("@")[0],
            email=person.email,
            role=Role.PRINCIPAL.value,
            clearance=DEFAULT_CLEARANCE[Role.PRINCIPAL].value,
            active=True,
            created_at=to_db(now),
        )
        session.add(user)
        session.flush()
        row.principal_user_id = user.id
        audit_log.append(
            session,
            row,
            at=now,
            actor=user.name,
            action="workspace.create",
            object_type="workspace",
            object_id=str(row.id),
            digest=audit_log.digest_of({"name": ws.name, "tz": tz, "lang": lang}),
            key=app.keyring.audit_key(ws_uuid),
        )
    stored = Workspace(id=row.id, name=ws.name, tz=tz, lang=lang, country=country)
    principal_value = Person(
        id=prow.id, name=person.name, email=person.email, tz=tz, country=country, lang=lang
    )
    return InitResult(
        stored, principal_value, None if app.keyring.path is None else str(app.keyring.path), True
    )
