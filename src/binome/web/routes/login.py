"""Login, logout and the language toggle.

Login answers the same message for an unknown login and a wrong password, and opens a new
session each time (the cookie sent before login is never promoted: no fixation). The
language toggle works before login too, so it is on the allow-list of public routes.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app.sessions import LoginRefused, LoginThrottled, end_session, login
from binome.web.auth import (
    base_app,
    cookie_name,
    lang_cookie_name,
    over_tls,
    request_lang,
    session_token,
)
from binome.web.csrf import CsrfUser
from binome.web.render import error_text, page

router = APIRouter()
log = logging.getLogger("binome.web.auth")


def _safe_next(target: str | None) -> str:
    """Only local paths: ``//evil`` or ``https://evil`` would be an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/today"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    lang = request_lang(request, None)
    return page(request, "login.html", lang, user=None, error=None, next=_safe_next(next))


@router.post("/login")
def login_submit(
    request: Request,
    login_name: Annotated[str, Form(alias="login", max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/today",
) -> Response:
    ip = request.client.host if request.client else "?"
    lang = request_lang(request, None)
    try:
        issued = login(base_app(request), login_name=login_name, password=password, ip=ip)
    except (LoginRefused, LoginThrottled) as exc:
        # One line per attempt; the login is encoded (no log injection), never the password.
        log.warning("login refused for %r from %s: %s", login_name[:80], ip, type(exc).__name__)
        status = exc.http_status if isinstance(exc, LoginThrottled) else 401
        return page(
            request,
            "login.html",
            lang,
            status=status,
            user=None,
            error=error_text(exc, lang),
            next=_safe_next(next),
        )
    log.info("login ok for %r from %s", issued.identity.user_name[:80], ip)
    end_session(base_app(request), session_token(request))  # a pre-login cookie dies here
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        cookie_name(request),
        issued.token,
        httponly=True,
        samesite="lax",
        secure=over_tls(request),
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, user: CsrfUser) -> Response:
    end_session(base_app(request), user.token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(
        cookie_name(request), httponly=True, samesite="lax", secure=over_tls(request), path="/"
    )
    return response


@router.post("/lang")
def switch_language(
    request: Request,
    lang: Annotated[str, Form(max_length=2)],
    next: Annotated[str, Form()] = "/today",
) -> Response:
    """Set the reader's language for this browser (a cookie; the workspace keeps its own)."""
    response = RedirectResponse(_safe_next(next), status_code=303)
    if lang in ("fr", "en"):
        response.set_cookie(
            lang_cookie_name(request),
            lang,
            httponly=True,
            samesite="lax",
            secure=over_tls(request),
            path="/",
            max_age=365 * 86400,
        )
    return response
