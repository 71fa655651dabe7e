"""Today: the director's day, commitments due or late, tasks by priority, and the risks and
requests sections when their use cases exist.

Extension points (filled in by the radar and requests work landing in parallel; until
then the sections are left out, never faked):

- ``binome.app.radar.list_risks(app: App) -> list[dict]``: open risks, each with
  ``id``, ``severity``, ``title`` and ``proposals: [{"id", "summary"}]`` best first;
  Apply/Dismiss post to ``/proposals/{id}/apply`` and ``/risks/{id}/dismiss`` (to add
  with ``binome.app.radar.apply_proposal(app, ref)`` / ``dismiss_risk(app, ref, reason)``).
- ``binome.app.requests.pending_requests(app: App) -> list[dict]``: requests awaiting
  confirmation, each with ``id``, ``reformulation`` and ``options: [{"label"}]``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app import cockpit
from binome.app.context import App
from binome.app.items import complete_commitment, complete_task
from binome.web.auth import PageUser
from binome.web.csrf import CsrfUser
from binome.web.render import user_page

router = APIRouter()


def optional_use_case(module: str, name: str) -> Callable[[App], list[dict[str, Any]]] | None:
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
    sections: dict[str, list[dict[str, Any]] | None] = {}
    for key, module, name in (
        ("risks", "binome.app.radar", "list_risks"),
        ("requests", "binome.app.requests", "pending_requests"),
    ):
        use_case = optional_use_case(module, name)
        sections[key] = None if use_case is None else use_case(user.app)
    return user_page(request, user, "today.html", data=data, **sections)


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
