"""Settings: the work style in plain words, people, users and grants, language, API tokens.

Everything comes from the use cases the CLI uses: ``app.profile.show_profile`` (refused to a
viewer, who sees free/busy only), ``app.users.list_users`` / ``list_grants`` (the principal
sees every grant, anyone else their own) and ``grant`` / ``revoke`` (principal only: the use
case checks, the page only hides the forms from others). Both writes are CSRF-protected
POSTs that redirect back to the page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binome.app import cockpit
from binome.app.items import list_people
from binome.app.profile import show_profile
from binome.app.users import grant, list_grants, revoke
from binome.present.slots import profile_lines
from binome.web.auth import PageUser
from binome.web.csrf import CsrfUser
from binome.web.render import user_page

router = APIRouter()
GRANT_KINDS = ("clearance", "item", "audit", "delegate")
Short = Annotated[str, Form(min_length=1, max_length=64)]
Value = Annotated[str, Form(max_length=64)]


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, user: PageUser) -> Response:
    team = cockpit.team(user.app)
    viewer = team["reader"]["role"] == "viewer"
    principal = team["reader"]["role"] == "principal"
    profile: list[str] = []
    people: list[dict[str, Any]] = []
    if not viewer:  # a viewer sees free/busy only: not the work style nor the address book
        view = show_profile(user.app)
        profile = profile_lines(view.lines, view.stored, user.lang)
        people = list_people(user.app)
    grants = list_grants(user.app)["grants"]
    return user_page(
        request,
        user,
        "settings.html",
        team=team,
        people=people,
        profile=profile,
        grants=grants,
        principal=principal,
        kinds=GRANT_KINDS,
    )


@router.post("/settings/grants", response_class=HTMLResponse)
def add_grant(user: CsrfUser, login: Short, kind: Short, value: Value = "") -> Response:
    grant(user.app, login.strip(), kind.strip(), value.strip() or None)
    return RedirectResponse("/settings#grants", status_code=303)


@router.post("/settings/grants/{ref}/revoke", response_class=HTMLResponse)
def revoke_grant(ref: str, user: CsrfUser) -> Response:
    revoke(user.app, ref)
    return RedirectResponse("/settings#grants", status_code=303)
