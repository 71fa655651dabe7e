"""Today: the director's day, commitments due or late, tasks by priority, the requests
awaiting confirmation (with their options and Confirm buttons, ``routes.ask``) and the
risks section when the radar exists.

One use case, ``cockpit.today_page``, reads all of it in one transaction (each part served
from the read-model cache while the data, the reader and the minute are the same). The
risks render with ``_risk_card.html``; Apply/Dismiss post to ``/proposals/{id}/apply`` and
``/risks/{id}/dismiss`` (``web/routes/radar.py``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app import cockpit
from binome.app.items import complete_commitment, complete_task
from binome.web.auth import PageUser
from binome.web.csrf import CsrfUser
from binome.web.render import user_page, user_page_once
from binome.web.routes.ask import shown

router = APIRouter()


TOP_RISKS = 5


@router.get("/", response_class=HTMLResponse)
def home(user: PageUser) -> Response:
    return RedirectResponse("/today", status_code=303)


@router.get("/today", response_class=HTMLResponse)
def today_page(request: Request, user: PageUser) -> Response:
    viewer = user.identity.role == "viewer"
    data = cockpit.today_page(user.app, risks=TOP_RISKS, requests=not viewer)
    waiting = None if viewer else [shown(q) for q in data["requests"]]
    return user_page_once(
        request, user, "today.html", data["view_tag"],
        data=data, risks=data["risks"], requests=waiting,
    )  # fmt: skip


@router.post("/tasks/{ref}/done", response_class=HTMLResponse)
def task_done(request: Request, ref: str, user: CsrfUser) -> Response:
    task = complete_task(user.app, ref)
    if request.headers.get("hx-request"):
        return user_page(request, user, "_task.html", task=task)
    return RedirectResponse(request.headers.get("referer") or "/today", status_code=303)


@router.post("/commitments/{ref}/done", response_class=HTMLResponse)
def commitment_done(request: Request, ref: str, user: CsrfUser) -> Response:
    commitment = complete_commitment(user.app, ref)
    if request.headers.get("hx-request"):
        return user_page(request, user, "_commitment.html", c=commitment)
    return RedirectResponse("/commitments", status_code=303)
