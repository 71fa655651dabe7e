"""Ask: type a request in French or English, read back the reformulation and the options,
confirm one in a click (or reject the request).

Every action goes through the requests use cases (``app.requests.ask``/``reject``,
``app.request_actions.confirm``), so the web applies the CLI's access policy: a viewer may
not ask, a request beyond one's clearance is masked. Every POST carries the session's CSRF
token (``CsrfUser``). With htmx the answer is a fragment swapped in place (the reformulation
and options under the box, or the confirmed outcome in place of the request); without
JavaScript the same forms post and redirect back (303).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app.request_actions import confirm
from binome.app.request_wording import template
from binome.app.requests import ask, reject, waiting_requests
from binome.domain.errors import N_
from binome.web.auth import PageUser
from binome.web.csrf import CsrfUser
from binome.web.render import user_page

router = APIRouter()
MAX_TEXT = 2000
Text = Annotated[str, Form(min_length=1, max_length=MAX_TEXT)]
Lang = Annotated[str, Form(max_length=4)]
Option = Annotated[int, Form(ge=1, le=9)]


def shown(view: dict[str, Any]) -> dict[str, Any]:
    """The request as a card shows it: its reformulation without the trailing "I propose:
    1) ... 2) ..." (the options are listed under it, each with its Confirm button)."""
    text = view.get("reformulation") or ""
    if view.get("options"):
        marker = template(N_(" I propose: "), view.get("lang") or "fr")
        text = text.split(marker, 1)[0]
    return {**view, "summary": text}


def _back(request: Request, default: str) -> str:
    """Where a plain (non-htmx) form goes back to: the page it came from, on this site."""
    referer = request.headers.get("referer", "")
    host = request.headers.get("host", "")
    for scheme in ("http://", "https://"):
        prefix = f"{scheme}{host}/"
        if host and referer.startswith(prefix):
            return "/" + referer[len(prefix) :]
    return default


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, user: PageUser) -> Response:
    waiting = [shown(q) for q in waiting_requests(user.app)]
    return user_page(request, user, "ask.html", waiting=waiting)


@router.post("/ask", response_class=HTMLResponse)
def ask_post(request: Request, user: CsrfUser, text: Text, lang: Lang = "auto") -> Response:
    view = ask(user.app, text.strip(), lang=lang if lang in ("fr", "en") else "auto")
    if request.headers.get("hx-request"):
        return user_page(request, user, "_request.html", q=shown(view))
    return RedirectResponse(f"/ask#request-{view['id']}", status_code=303)


@router.post("/requests/{ref}/confirm", response_class=HTMLResponse)
def confirm_post(request: Request, ref: str, user: CsrfUser, option: Option = 1) -> Response:
    outcome = confirm(user.app, ref, option=option)
    if request.headers.get("hx-request"):
        return user_page(request, user, "_confirmed.html", outcome=outcome)
    return RedirectResponse(_back(request, "/today"), status_code=303)


@router.post("/requests/{ref}/reject", response_class=HTMLResponse)
def reject_post(request: Request, ref: str, user: CsrfUser) -> Response:
    view = reject(user.app, ref)
    if request.headers.get("hx-request"):
        return user_page(request, user, "_confirmed.html", outcome=view)
    return RedirectResponse(_back(request, "/today"), status_code=303)
