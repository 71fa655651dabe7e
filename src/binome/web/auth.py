"""Who is asking: the session cookie (pages) and the bearer token (API).

Cookie (SECURITY.md row 20, ASVS 3.3): ``__Host-binome`` when served over TLS (``Secure``,
``Path=/``, no ``Domain``: the ``__Host-`` prefix pins all three), else ``binome_session``;
always ``HttpOnly`` and ``SameSite=Lax``. It holds a random token whose SHA-256 is the only
thing stored (``app.sessions``); no identity is ever read from the cookie itself.

Every page depends on ``page_user`` and every API route on ``api_user``; without a live
session a page answers a redirect to the login page, an API route a 401. The per-request
``App`` they build carries the user's name and workspace, so the use cases apply the same
access policy as the CLI's ``--as``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from binome.app.context import App
from binome.app.read_once import ReadLedger, ReadScope
from binome.app.sessions import Identity, resolve
from binome.domain.errors import N_, UserError

SESSION_COOKIE = "binome_session"
SESSION_COOKIE_TLS = "__Host-binome"
LANG_COOKIE = "binome_lang"
LANG_COOKIE_TLS = "__Host-binome-lang"


class LoginRequired(UserError):
    """No live session: pages redirect to the login page (see ``errors``)."""

    message = N_("Please log in.")
    http_status = 401


class TokenRequired(UserError):
    message = N_("A valid bearer token is required.")
    http_status = 401


@dataclass(frozen=True, slots=True)
class User:
    """The identity of this request and the ``App`` to call use cases with."""

    identity: Identity
    app: App
    lang: str
    token: str  # the raw session token (for the CSRF token) or API token

    @property
    def name(self) -> str:
        return self.identity.user_name

    @property
    def can_act(self) -> bool:
        """Whether to offer buttons that change things (a viewer changes nothing; the use
        cases refuse anyway, this only spares them a button that answers 403)."""
        return self.identity.role != "viewer"


def over_tls(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_name(request: Request) -> str:
    return SESSION_COOKIE_TLS if over_tls(request) else SESSION_COOKIE


def lang_cookie_name(request: Request) -> str:
    return LANG_COOKIE_TLS if over_tls(request) else LANG_COOKIE


def base_app(request: Request) -> App:
    app = request.app.state.binome
    assert isinstance(app, App)
    return app


def app_as(base: App, identity: Identity, lang: str, ledger: ReadLedger | None = None) -> App:
    """The composition root's ``App``, acting as ``identity`` (shares engine and keys).
    With a ``ledger`` (page sessions), a session's repeated confidential reads of the same
    items are audited once a day (``app.read_once``); API tokens audit every read."""
    return App(
        url=base.url,
        engine=base.engine,
        keyring=base.keyring,
        clock=base.clock,
        actor_name=identity.user_name,
        workspace_name=identity.workspace_name,
        lang=lang,
        random=base.random,
        read_scope=None if ledger is None else ReadScope(ledger, identity.token_id),
        read_cache=base.read_cache,
    )


def request_lang(request: Request, identity: Identity | None) -> str:
    chosen = request.cookies.get(lang_cookie_name(request), "")
    if chosen in ("fr", "en"):
        return chosen
    if identity is not None and identity.lang in ("fr", "en"):
        return identity.lang
    header = request.headers.get("accept-language", "")
    return "en" if header[:2].lower() == "en" else "fr"


def session_token(request: Request) -> str | None:
    return request.cookies.get(cookie_name(request))


def page_user(request: Request) -> User:
    """Dependency of every page: the logged-in user, else ``LoginRequired``."""
    token = session_token(request)
    base = base_app(request)
    identity = resolve(base, token, kind="session", idle=request.app.state.idle_timeout)
    if identity is None or token is None:
        raise LoginRequired()
    lang = request_lang(request, identity)
    request.state.lang = lang
    ledger = request.app.state.read_ledger
    return User(identity, app_as(base, identity, lang, ledger), lang, token)


def api_user(request: Request) -> User:
    """Dependency of every API route: ``Authorization: Bearer <token>``, else 401."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRequired()
    base = base_app(request)
    identity = resolve(base, token.strip(), kind="api", idle=None)
    if identity is None:
        raise TokenRequired()
    lang = request.query_params.get("lang") or identity.lang
    lang = lang if lang in ("fr", "en") else "en"
    return User(identity, app_as(base, identity, lang), lang, token.strip())


PageUser = Annotated[User, Depends(page_user)]
ApiUser = Annotated[User, Depends(api_user)]
