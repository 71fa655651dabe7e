"""The radar in the cockpit: the Risks page, Apply and Dismiss, and their JSON API.

Every route goes through ``binome.app.radar`` (``run_radar``, ``apply_proposal``,
``dismiss_risk``), so the web obeys the same access policy as ``binome radar/apply/
dismiss``: a viewer cannot act (403), an id of another workspace answers the same 404 as
an id that does not exist, and what a risk is about is masked for its reader.

Pages: ``GET /risks`` lists every risk of the next 14 days by severity with its ranked
proposals. ``POST /proposals/{ref}/apply`` and ``POST /risks/{ref}/dismiss`` need the
session's CSRF token (SECURITY.md row 19); an htmx post gets the risk's card back (empty
once the risk is resolved or dismissed, so it disappears without a reload), a plain form
post gets a 303 to the page it came from.

API: ``GET /api/radar?horizon=14d`` is the ``binome radar --json`` contract; the two
``POST`` routes honour ``Idempotency-Key`` (SECURITY.md row 47).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, Header, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from binome.app.idempotency import once
from binome.app.ids import format_id, parse_id
from binome.app.radar import apply_proposal, dismiss_risk, run_radar
from binome.web.auth import ApiUser, PageUser, User
from binome.web.csrf import CsrfUser
from binome.web.render import user_page

router = APIRouter()
api_router = APIRouter(prefix="/api", tags=["api"])
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
Reason = Annotated[str, Form(max_length=500)]


class Dismissal(BaseModel):
    reason: str = Field(default="", max_length=500)


@router.get("/risks", response_class=HTMLResponse)
def risks_page(request: Request, user: PageUser) -> Response:
    """Every risk of the next 14 days, most severe first, with its ranked proposals."""
    data = run_radar(user.app, horizon="14d")
    return user_page(request, user, "risks.html", data=data, full=True)


@router.post("/proposals/{ref}/apply", response_class=HTMLResponse)
def apply_page(request: Request, ref: str, user: CsrfUser) -> Response:
    result = apply_proposal(user.app, _ref("proposal", ref))
    return _after(request, user, result["risk"] or "")


@router.post("/risks/{ref}/dismiss", response_class=HTMLResponse)
def dismiss_page(request: Request, ref: str, user: CsrfUser, reason: Reason = "") -> Response:
    result = dismiss_risk(user.app, _ref("risk", ref), reason=reason)
    return _after(request, user, result["id"])


def _ref(kind: str, text: str) -> str:
    """``p7``, ``7`` or ``P7`` → ``P7``: one spelling, so every unknown id answers alike."""
    return format_id(kind, parse_id(kind, text))


def _after(request: Request, user: User, risk_id: str) -> Response:
    """htmx: the risk's card as it now stands (nothing when it is hidden); else a 303."""
    if request.headers.get("hx-request"):
        shown = [r for r in run_radar(user.app)["risks"] if r["id"] == risk_id]
        if not shown:
            return HTMLResponse("")
        return user_page(request, user, "_risk_card.html", r=shown[0])
    back = request.headers.get("referer") or "/risks"
    return RedirectResponse(back, status_code=303)


@api_router.get("/radar")
def api_radar(
    user: ApiUser,
    horizon: Annotated[str, Query(max_length=10, description="14d, 2w, 48h...")] = "14d",
) -> dict[str, Any]:
    """The risks ahead, most severe first (the ``binome radar --json`` contract)."""
    return run_radar(user.app, horizon=horizon)


@api_router.post("/proposals/{ref}/apply")
def api_apply(user: ApiUser, ref: str, idempotency_key: IdemKey = None) -> Response:
    """Apply one proposal atomically (audited); its risk is then resolved."""
    proposal = _ref("proposal", ref)
    return _idempotent(user, idempotency_key, lambda: apply_proposal(user.app, proposal))


@api_router.post("/risks/{ref}/dismiss")
def api_dismiss(
    user: ApiUser,
    ref: str,
    body: Annotated[Dismissal | None, Body()] = None,
    idempotency_key: IdemKey = None,
) -> Response:
    """Hide a risk until its situation changes: ``{"reason": "..."}`` (required)."""
    risk, reason = _ref("risk", ref), body.reason if body else ""
    return _idempotent(user, idempotency_key, lambda: dismiss_risk(user.app, risk, reason=reason))


def _idempotent(user: User, key: str | None, act: Any) -> Response:
    body, replayed = once(user.app, key, act)
    return JSONResponse(
        jsonable_encoder(body), headers={"idempotent-replayed": "true"} if replayed else {}
    )
