"""Today: the director's day, commitments due or late, tasks by priority, the requests
awaiting confirmation (with their options and Confirm buttons, ``routes.ask``) and the
risks section when the radar exists.

The risks come from ``binome.app.radar.top_risks(app, n)`` and render with
``_risk_card.html``; Apply/Dismiss post to ``/proposals/{id}/apply`` and
``/risks/{id}/dismiss`` (``web/routes/radar.py``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app import cockpit
from binome.app.items import complete_commitment, complete_task
from binome.web.auth import PageUser
from binome.web.csrf import CsrfUser
from binome.web.render import user_page
from binome.web.routes.ask import waiting_requests

router = APIRouter()


TOP_RISKS = 5


def optional_use_case(module: str, name: str) -> Callable[..., list[dict[str, Any]]] | None:
    """The app-layer function ``module.name`` if it exists on this build, else ``None``."""
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if callable(found) else None


@router.get("/", response_class=HTMLResponse)
def home(user: PageUser) -> Response:
    return RedirectResponse("/today", status_code=303)


@router.get("/today", response_class=HTMLResponse)
def today_page(request: Request, user: PageUser) -> Response:
    data = cockpit.today(user.app)
    top_risks = optional_use_case("binome.app.radar", "top_risks")
    risks = None if top_risks is None else top_risks(user.app, TOP_RISKS)
    viewer = data["reader"]["role"] == "viewer"
    waiting = [] if viewer else waiting_requests(user.app)
    return user_page(
        request, user, "today.html", data=data, risks=risks, requests=None if viewer else waiting
    )


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
