"""Users and grants: who works in a workspace, and how the principal widens their rights.

The default rights live in ``app.access`` (the one policy); this module only lets the
principal adjust them, one audited grant at a time:

- ``clearance VALUE``   sees content up to VALUE (never for a viewer: free/busy only);
- ``item E12``          sees one item beyond clearance (a secret event, task...);
- ``audit``             may read and verify the audit log;
- ``delegate KIND``     may apply proposals of KIND without asking, under conditions
  (``max_minutes``, ``classification``, ``attendees_max``): see ``delegated``.

Every write here is principal-only and leaves an audit entry in the same transaction.
Passwords are hashed with Argon2id (``app.passwords``); only the hash is kept. ``delegated``
(``app.delegation``) is re-exported here for the planner and radar.
User names are matched exactly (SQL equality, never LIKE or a regex: SECURITY.md row 13).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update

from binome.app.access import DEFAULT_CLEARANCE, require_principal
from binome.app.context import App
from binome.app.delegation import delegated
from binome.app.ids import PREFIX, format_id, parse_id
from binome.app.passwords import check_password, password_hasher
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain.errors import N_, Conflict, InvalidInput, NotFound
from binome.domain.model import Classification, Role, check_email
from binome.store.codec import to_db
from binome.store.tables import GrantRow, TokenRow, UserRow

GRANT_KINDS = ("clearance", "item", "audit", "delegate")
__all__ = ["add_user", "delegated", "disable_user", "grant", "list_grants", "list_users", "revoke"]
_ITEM_KINDS = {PREFIX[k]: k for k in ("event", "task", "commitment", "objective", "request")}


def check_login(name: str) -> str:
    """A login: 1-100 printable characters, no '@' (e-mails are matched separately)."""
    value = name.strip()
    if not value or len(value) > 100:
        raise InvalidInput(N_("A user name has 1 to 100 characters."))
    if "@" in value or any(not ch.isprintable() for ch in value):
        raise InvalidInput(N_("A user name may not contain '@' or control characters."))
    return value


def user_view(row: UserRow) -> dict[str, Any]:
    return {
        "id": format_id("user", row.id),
        "name": row.name,
        "email": row.email,
        "role": row.role,
        "clearance": row.clearance,
        "active": row.active,
        "has_password": row.password_hash is not None,
    }


def grant_view(row: GrantRow, user: str) -> dict[str, Any]:
    value: str | None = row.value or None
    if row.kind == "item" and value and ":" in value:
        item_kind, _, number = value.partition(":")
        value = format_id(item_kind, int(number))
    return {
        "id": format_id("grant", row.id),
        "user": user,
        "kind": row.kind,
        "value": value,
        "conditions": json.loads(row.params or "{}"),
        "created_at": row.created_at.isoformat() + "Z",
        "revoked_at": None if row.revoked_at is None else row.revoked_at.isoformat() + "Z",
    }


# -- users ------------------------------------------------------------------------------


def add_user(
    app: App,
    *,
    name: str,
    email: str,
    role: Role,
    clearance: Classification | None = None,
    password: str | None = None,
) -> dict[str, Any]:
    """Add an assistant, backup or viewer (principal only). The password, if any, is hashed."""
    with unit_of_work(app) as uow:
        require_principal(uow.actor)
        login, mail = check_login(name), check_email(email)
        if role is Role.PRINCIPAL:
            raise InvalidInput(N_("A workspace has one principal; add an assistant instead."))
        level = clearance or DEFAULT_CLEARANCE[role]
        if role is Role.VIEWER and level is not Classification.PUBLIC:
            raise InvalidInput(N_("A viewer sees free/busy only; no clearance can be given."))
        hashed = None if password is None else password_hasher().hash(check_password(password))
        _check_unique(uow, login, mail)
        row = UserRow(
            workspace_id=uow.workspace_row.id,
            name=login,
            email=mail,
            role=role.value,
            clearance=level.value,
            password_hash=hashed,
            active=True,
            created_at=to_db(uow.now),
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit("user.create", "user", str(row.id), {"name": login, "role": role.value})
        return user_view(row)


def _check_unique(uow: UnitOfWork, login: str, mail: str) -> None:
    clash = uow.session.scalar(
        select(UserRow).where(
            UserRow.workspace_id == uow.workspace_row.id,
            (UserRow.name == login) | (UserRow.email == mail),
        )
    )
    if clash is not None:
        raise Conflict(N_("A user with this name or e-mail already exists."))


def list_users(app: App) -> list[dict[str, Any]]:
    """The principal sees every user; anyone else sees only themselves."""
    with unit_of_work(app, write=False) as uow:
        query = select(UserRow).where(UserRow.workspace_id == uow.workspace_row.id)
        if not uow.actor.is_principal:
            query = query.where(UserRow.id == uow.actor.user_id)
        return [user_view(r) for r in uow.session.scalars(query.order_by(UserRow.id))]


def disable_user(app: App, name: str) -> dict[str, Any]:
    """Disable a user (principal only): they can no longer act; their tokens are revoked."""
    with unit_of_work(app) as uow:
        require_principal(uow.actor)
        row = find_user(uow, name)
        if row.id == uow.actor.user_id:
            raise InvalidInput(N_("The principal cannot be disabled."))
        row.active = False
        uow.session.execute(
            update(TokenRow)
            .where(TokenRow.user_id == row.id, TokenRow.revoked_at.is_(None))
            .values(revoked_at=to_db(uow.now))
        )
        uow.session.flush()
        uow.audit("user.disable", "user", str(row.id), {"name": row.name})
        return user_view(row)


def verify_password(app: App, name: str, password: str) -> bool:
    """Whether ``password`` is the active user ``name``'s (exact match, no truncation)."""
    from argon2.exceptions import VerificationError

    with unit_of_work(app, write=False) as uow:
        row = uow.session.scalar(
            select(UserRow).where(
                UserRow.workspace_id == uow.workspace_row.id, UserRow.name == name
            )
        )
        if row is None or not row.active or row.password_hash is None:
            return False
        try:
            return bool(password_hasher().verify(row.password_hash, password))
        except VerificationError:
            return False


def find_user(uow: UnitOfWork, who: str) -> UserRow:
    """An active user of this workspace by exact name or e-mail, else ``NotFound``."""
    row = uow.session.scalar(
        select(UserRow).where(
            UserRow.workspace_id == uow.workspace_row.id,
            (UserRow.name == who.strip()) | (UserRow.email == who.strip().lower()),
        )
    )
    if row is None or not row.active:
        raise NotFound(N_("Unknown user: {name}."), name=who)
    return row


# -- grants -----------------------------------------------------------------------------


def grant(
    app: App,
    user: str,
    kind: str,
    value: str | None = None,
    *,
    max_minutes: int | None = None,
    classification: str | None = None,
    attendees_max: int | None = None,
) -> dict[str, Any]:
    """Grant ``kind`` to ``user`` (principal only, audited). Granting twice is a no-op."""
    with unit_of_work(app) as uow:
        require_principal(uow.actor)
        target = find_user(uow, user)
        role = Role(target.role)
        if role is Role.PRINCIPAL:
            raise InvalidInput(N_("The principal already has every right."))
        key = kind.strip().lower()
        conditions: dict[str, Any] = {}
        if key == "clearance":
            stored = _clearance_value(role, value)
        elif key == "item":
            if role is Role.VIEWER:
                raise InvalidInput(N_("A viewer sees free/busy only; no item can be granted."))
            stored = _item_value(uow, value)
        elif key == "audit":
            stored = ""
        elif key == "delegate":
            stored = _delegate_kind(role, value)
            conditions = _conditions(max_minutes, classification, attendees_max)
        else:
            raise InvalidInput(
                N_("Unknown grant: {value} (clearance, item, audit, delegate)."), value=kind
            )
        params = json.dumps(conditions, sort_keys=True)
        existing = _active(uow, target.id, key, stored)
        for row in existing:
            if row.params == params:
                return grant_view(row, target.name)
        row = GrantRow(
            workspace_id=uow.workspace_row.id,
            user_id=target.id,
            kind=key,
            value=stored,
            params=params,
            created_at=to_db(uow.now),
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit(
            "grant.create",
            "grant",
            str(row.id),
            {"user": target.name, "kind": key, "value": stored, "params": conditions},
        )
        return grant_view(row, target.name)


def _clearance_value(role: Role, value: str | None) -> str:
    if value is None:
        raise InvalidInput(N_("Name the clearance: confidential or secret."))
    level = Classification.parse(value)
    if role is Role.VIEWER:
        raise InvalidInput(N_("A viewer sees free/busy only; no clearance can be given."))
    return level.value


def _item_value(uow: UnitOfWork, value: str | None) -> str:
    """``E12`` → ``event:12`` (a series for any occurrence); the item must exist here."""
    text = (value or "").strip()
    kind = _ITEM_KINDS.get(text[:1].upper())
    if kind is None:
        raise InvalidInput(
            N_("Invalid item id: {value} (expected e.g. E12, T3, C2, O1, Q4)."), value=text
        )
    number = parse_id(kind, text)
    if kind == "event":
        event = uow.repos.event(number)
        return f"event:{event.series_id or event.id}"
    getattr(uow.repos, kind)(number)  # NotFound unless it exists in this workspace
    return f"{kind}:{number}"


def _delegate_kind(role: Role, value: str | None) -> str:
    kind = (value or "").strip().lower()
    if role is Role.VIEWER:
        raise InvalidInput(N_("A viewer cannot be delegated anything."))
    if not kind or len(kind) > 64 or not all(ch.isalnum() or ch in "_.-" for ch in kind):
        raise InvalidInput(N_("Name the proposal kind to delegate, e.g. create or move."))
    return kind


def _conditions(
    max_minutes: int | None, classification: str | None, attendees_max: int | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if max_minutes is not None:
        if not 0 < max_minutes <= 24 * 60:
            raise InvalidInput(N_("--max-minutes is between 1 and 1440."))
        out["max_minutes"] = max_minutes
    if classification is not None:
        out["classification"] = Classification.parse(classification).value
    if attendees_max is not None:
        if not 0 <= attendees_max <= 1000:
            raise InvalidInput(N_("--attendees-max is between 0 and 1000."))
        out["attendees_max"] = attendees_max
    return out


def _active(uow: UnitOfWork, user_id: int, kind: str, value: str | None) -> list[GrantRow]:
    query = select(GrantRow).where(
        GrantRow.workspace_id == uow.workspace_row.id,
        GrantRow.user_id == user_id,
        GrantRow.kind == kind,
        GrantRow.revoked_at.is_(None),
    )
    if value is not None:
        query = query.where(GrantRow.value == value)
    return list(uow.session.scalars(query.order_by(GrantRow.id)))


def revoke(
    app: App,
    target: str,
    kind: str | None = None,
    value: str | None = None,
) -> list[dict[str, Any]]:
    """Revoke ``G3``, or every active grant of ``USER KIND [VALUE]`` (principal only)."""
    with unit_of_work(app) as uow:
        require_principal(uow.actor)
        if kind is None:
            row = uow.session.scalar(
                select(GrantRow).where(
                    GrantRow.workspace_id == uow.workspace_row.id,
                    GrantRow.id == parse_id("grant", target),
                    GrantRow.revoked_at.is_(None),
                )
            )
            rows = [] if row is None else [row]
        else:
            user = find_user(uow, target)
            key = kind.strip().lower()
            stored = value
            if key == "item" and value is not None:
                stored = _item_value(uow, value)
            elif key == "clearance" and value is not None:
                stored = Classification.parse(value).value
            elif key == "delegate" and value is not None:
                stored = value.strip().lower()
            rows = _active(uow, user.id, key, stored)
        if not rows:
            raise NotFound(N_("No such active grant."))
        out = []
        for row in rows:
            row.revoked_at = to_db(uow.now)
            uow.audit("grant.revoke", "grant", str(row.id), {"kind": row.kind, "value": row.value})
            owner = uow.session.get(UserRow, row.user_id)
            out.append(grant_view(row, owner.name if owner else ""))
        uow.session.flush()
        return out


def list_grants(app: App, *, include_revoked: bool = False) -> dict[str, Any]:
    """The rule set: default rights per role, and the grants (all for the principal,
    one's own for anyone else)."""
    with unit_of_work(app, write=False) as uow:
        query = (
            select(GrantRow, UserRow)
            .join(UserRow, UserRow.id == GrantRow.user_id)
            .where(GrantRow.workspace_id == uow.workspace_row.id)
        )
        if not uow.actor.is_principal:
            query = query.where(GrantRow.user_id == uow.actor.user_id)
        if not include_revoked:
            query = query.where(GrantRow.revoked_at.is_(None))
        grants = [
            grant_view(g, u.name) for g, u in uow.session.execute(query.order_by(GrantRow.id))
        ]
        return {
            "defaults": [
                {"role": role.value, "clearance": level.value}
                for role, level in DEFAULT_CLEARANCE.items()
            ],
            "grants": grants,
        }
