"""Cross-site request forgery: an Origin check on every unsafe method, and a per-session
token in every form (SECURITY.md row 19; ASVS 3.5).

- ``check_origin`` (a dependency of the whole app) refuses any POST/PUT/PATCH/DELETE
  whose ``Origin`` (or, when a client sends none, ``Referer``) is not this server.
  Browsers send ``Origin`` on every cross-site POST, so a forged form stops here. The
  bearer-token API is exempt from the Referer fallback (non-browser clients send neither
  header) but not from the Origin check.
- ``require_csrf`` (dependency of every unsafe page route) compares the form field ``csrf``
  or the ``X-CSRF-Token`` header (htmx sends it, see ``base.html``) with a token derived
  from the session secret: unpredictable to another site, and no extra state to store.
  A ``text/plain`` body has no such field, so it is refused too.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request

from binome.domain.errors import N_, PermissionDenied
from binome.web.auth import User, page_user

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CsrfRefused(PermissionDenied):
    message = N_("This form has expired or comes from another site; reload the page.")


def csrf_token(session_secret: str) -> str:
    return hashlib.sha256(b"binome-csrf:" + session_secret.encode()).hexdigest()


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: Request) -> bool:
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == own
    referer = request.headers.get("referer")
    if referer is not None:
        return _origin_of(referer) == own
    return request.url.path.startswith("/api/")


def check_origin(request: Request) -> None:
    """App-wide dependency: unsafe methods only from this origin (runs before any route)."""
    if request.method in UNSAFE and not same_origin(request):
        raise CsrfRefused()


async def require_csrf(request: Request, user: Annotated[User, Depends(page_user)]) -> User:
    """Dependency of unsafe page routes: the session's CSRF token must come back."""
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form: Any = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, csrf_token(user.token)):
        raise CsrfRefused()
    return user


CsrfUser = Annotated[User, Depends(require_csrf)]
