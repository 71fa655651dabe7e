"""Settings: people, users and grants (read-only for now), language, API tokens."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app import cockpit
from binome.app.items import list_people
from binome.web.auth import PageUser
from binome.web.render import user_page

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, user: PageUser) -> Response:
    team = cockpit.team(user.app)
    # A viewer sees free/busy only: not the pair's address book either.
    people = [] if team["reader"]["role"] == "viewer" else list_people(user.app)
    return user_page(request, user, "settings.html", team=team, people=people)
