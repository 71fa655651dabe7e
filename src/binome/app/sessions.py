"""Who is at the keyboard: passwords, web sessions, API tokens and login throttling.

The web app never reads the store itself; it asks here. Design choices (SECURITY.md rows
15–18, 21; OWASP ASVS V6/V7):

- Passwords are Argon2id hashes with OWASP's recommended parameters (m=19 MiB, t=2, p=1:
  about 0.1 s per check on a small server) in ``users.password_hash``; the whole password
  is hashed, never truncated. Hashes made with other parameters are upgraded at login.
- A session or API token is a 256-bit random secret handed to the client once; only its
  SHA-256 is stored (``tokens.token_hash``), so a database leak yields no usable token.
  Identity comes only from that server-side row, never from anything the client sends.
- A new session is created at every login (no fixation); logout, idle timeout and absolute
  timeout end it. A disabled user's sessions stop working at the next request.
- Login is throttled per login and per client address through ``login_attempts`` (the IP
  is stored as ``ip:<addr>`` in the ``login`` column, the login as ``user:<login>``). An
  unknown login costs one Argon2 verification too (against a dummy hash), so the answer
  time does not reveal which logins exist; the refusal is the same in both cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from binome.app.context import App
from binome.app.uow import unit_of_work
from binome.domain.errors import N_, NotFound, UserError
from binome.store.codec import from_db_opt, to_db
from binome.store.crypto import new_token, token_digest
from binome.store.db import writer_turn
from binome.store.tables import LoginAttemptRow, TokenRow, UserRow, WorkspaceRow

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_LOGIN = 5
MAX_FAILURES_PER_IP = 20
TOUCH_EVERY = timedelta(minutes=1)  # write last_seen at most once a minute per session


class LoginRefused(UserError):
    """Bad login or password: one message for both (no user enumeration)."""

    message = N_("Unknown login or wrong password.")
    http_status = 401


class LoginThrottled(UserError):
    message = N_("Too many failed attempts; wait a few minutes and try again.")
    http_status = 429


@dataclass(frozen=True, slots=True)
class Identity:
    """The server-side truth behind a cookie or a bearer token."""

    token_id: int
    user_id: int
    user_name: str
    workspace_id: int
    workspace_name: str
    lang: str
    role: str = "viewer"  # read from the user row on every request, never from the cookie


@dataclass(frozen=True, slots=True)
class Issued:
    """A token shown to its owner once, and the identity it stands for."""

    token: str
    identity: Identity


@lru_cache(maxsize=1)
def hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher().hash("binome-dummy-password-for-timing")


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` (the whole of it: no truncation)."""
    return hasher().hash(password)


def _verify(stored: str | None, password: str) -> bool:
    try:
        return hasher().verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


# -- login ------------------------------------------------------------------------------


def login(
    app: App, *, login_name: str, password: str, ip: str, absolute: timedelta = ABSOLUTE_TIMEOUT
) -> Issued:
    """Check the password and open a new session; raise ``LoginRefused``/``LoginThrottled``."""
    now = app.clock.now()
    key = login_name.strip().lower()[:200]
    issued: Issued | None = None
    throttled = False
    with (
        writer_turn(app.engine),
        Session(app.engine, expire_on_commit=False) as session,
        session.begin(),
    ):
        throttled = _throttled(session, key, ip, now)
        if throttled:
            _verify(None, password)  # the same cost, so throttling is not a timing oracle
            _record(session, key, ip, now, ok=False)
        else:
            candidates = session.scalars(
                select(UserRow).where(
                    (func.lower(UserRow.email) == key) | (func.lower(UserRow.name) == key),
                    UserRow.active.is_(True),
                )
            ).all()
            user = _first_match(candidates, password)
            _record(session, key, ip, now, ok=user is not None)
            if user is not None:
                if user.password_hash and hasher().check_needs_rehash(user.password_hash):
                    user.password_hash = hash_password(password)
                issued = _issue(session, user, "session", "", now, now + absolute)
    # Raised after the commit, so failed attempts stay recorded.
    if throttled:
        raise LoginThrottled()
    if issued is None:
        raise LoginRefused()
    return issued


def _first_match(candidates: Any, password: str) -> UserRow | None:
    if not candidates:
        _verify(None, password)  # same cost as a real check: no timing oracle
        return None
    for row in candidates:
        if _verify(row.password_hash, password):
            return row  # type: ignore[no-any-return]
    return None


def _throttled(session: Session, key: str, ip: str, now: datetime) -> bool:
    since = to_db(now - THROTTLE_WINDOW)

    def failures(login_key: str) -> int:
        count = session.scalar(
            select(func.count())
            .select_from(LoginAttemptRow)
            .where(
                LoginAttemptRow.login == login_key,
                LoginAttemptRow.at >= since,
                LoginAttemptRow.ok.is_(False),
            )
        )
        return int(count or 0)

    return (
        failures(f"user:{key}") >= MAX_FAILURES_PER_LOGIN
        or failures(f"ip:{ip}") >= MAX_FAILURES_PER_IP
    )


def _record(session: Session, key: str, ip: str, now: datetime, *, ok: bool) -> None:
    at = to_db(now)
    session.add(LoginAttemptRow(login=f"user:{key}"[:254], at=at, ok=ok))
    session.add(LoginAttemptRow(login=f"ip:{ip}"[:254], at=at, ok=ok))
    if ok:  # a success clears the login's failures (not the address's)
        session.execute(
            delete(LoginAttemptRow).where(
                LoginAttemptRow.login == f"user:{key}"[:254], LoginAttemptRow.ok.is_(False)
            )
        )


def _issue(
    session: Session, user: UserRow, kind: str, name: str, now: datetime, expires: datetime | None
) -> Issued:
    secret = new_token()
    row = TokenRow(
        workspace_id=user.workspace_id,
        user_id=user.id,
        kind=kind,
        token_hash=token_digest(secret),
        name=name[:100],
        created_at=to_db(now),
        last_seen=to_db(now),
        expires_at=None if expires is None else to_db(expires),
    )
    session.add(row)
    session.flush()
    ws = session.get(WorkspaceRow, user.workspace_id)
    assert ws is not None
    return Issued(secret, Identity(row.id, user.id, user.name, ws.id, ws.name, ws.lang, user.role))


# -- resolving a cookie or a bearer token ------------------------------------------------


def resolve(
    app: App, token: str | None, *, kind: str, idle: timedelta | None = IDLE_TIMEOUT
) -> Identity | None:
    """The identity behind ``token`` if it is a live token of ``kind``, else ``None``."""
    if not token or len(token) > 200:
        return None
    now = app.clock.now()
    with (
        writer_turn(app.engine),
        Session(app.engine, expire_on_commit=False) as session,
        session.begin(),
    ):
        # One round trip for the token, its user and its workspace: every request asks.
        found = session.execute(
            select(TokenRow, UserRow, WorkspaceRow)
            .join(UserRow, UserRow.id == TokenRow.user_id, isouter=True)
            .join(WorkspaceRow, WorkspaceRow.id == TokenRow.workspace_id, isouter=True)
            .where(TokenRow.token_hash == token_digest(token))
        ).first()
        if found is None:
            return None
        row, user, ws = found
        if row.kind != kind or row.revoked_at is not None:
            return None
        expires = from_db_opt(row.expires_at)
        seen = from_db_opt(row.last_seen)
        if expires is not None and now >= expires:
            return None
        if idle is not None and seen is not None and now - seen >= idle:
            row.revoked_at = to_db(now)
            return None
        if user is None or ws is None or not user.active or user.workspace_id != ws.id:
            return None
        if seen is None or now - seen >= TOUCH_EVERY:
            row.last_seen = to_db(now)
        return Identity(row.id, user.id, user.name, ws.id, ws.name, ws.lang, user.role)


def end_session(app: App, token: str | None) -> None:
    """Logout: the session's row is revoked, so the cookie is worthless even if kept."""
    if not token:
        return
    with writer_turn(app.engine), Session(app.engine) as session, session.begin():
        row = session.scalar(select(TokenRow).where(TokenRow.token_hash == token_digest(token)))
        if row is not None and row.revoked_at is None:
            row.revoked_at = to_db(app.clock.now())


# -- API tokens (``binome token create|list|revoke``), as the app's actor ----------------


def create_api_token(app: App, *, name: str = "") -> Issued:
    """A new bearer token for the acting user; the secret is returned once, never stored."""
    with unit_of_work(app) as uow:
        user = uow.session.get(UserRow, uow.actor.user_id)
        assert user is not None
        issued = _issue(uow.session, user, "api", name, uow.now, None)
        uow.audit("token.create", "token", str(issued.identity.token_id), {"name": name})
        return issued


def list_api_tokens(app: App) -> list[dict[str, Any]]:
    with unit_of_work(app, write=False) as uow:
        rows = uow.session.scalars(
            select(TokenRow)
            .where(TokenRow.user_id == uow.actor.user_id, TokenRow.kind == "api")
            .order_by(TokenRow.id)
        )
        return [
            {
                "id": row.id,
                "name": row.name,
                "created_at": row.created_at.isoformat() + "Z",
                "revoked": row.revoked_at is not None,
            }
            for row in rows
        ]


def revoke_api_token(app: App, ref: str) -> dict[str, Any]:
    """Revoke one of the actor's API tokens by id or name (the principal: anyone's)."""
    with unit_of_work(app) as uow:
        query = select(TokenRow).where(
            TokenRow.workspace_id == uow.actor.workspace_id, TokenRow.kind == "api"
        )
        if not uow.actor.is_principal:
            query = query.where(TokenRow.user_id == uow.actor.user_id)
        match = TokenRow.id == int(ref) if ref.isdigit() else TokenRow.name == ref
        rows = uow.session.scalars(query.where(match, TokenRow.revoked_at.is_(None))).all()
        if not rows:
            raise NotFound(N_("No such token: {ref}."), ref=ref)
        for row in rows:
            row.revoked_at = to_db(uow.now)
            uow.audit("token.revoke", "token", str(row.id), {"name": row.name})
        return {"revoked": [row.id for row in rows]}
