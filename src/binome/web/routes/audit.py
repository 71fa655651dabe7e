"""Audit: the log, for the principal or whom the principal granted (else 403)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app.audit import list_audit, verify_audit
from binome.web.auth import PageUser
from binome.web.render import user_page

router = APIRouter()


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: PageUser) -> Response:
    entries = list_audit(user.app)
    verdict = verify_audit(user.app)
    entries.reverse()  # newest first
    return user_page(request, user, "audit.html", entries=entries[:500], verdict=verdict)
