"""Week: the calendar grid, with prev/next week (htmx swaps only the grid)."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app import cockpit
from binome.domain.errors import N_, InvalidInput
from binome.present.week import week_grid
from binome.web.auth import PageUser
from binome.web.render import user_page

router = APIRouter()


def _start(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InvalidInput(N_("Invalid date: {value}."), value=value[:20]) from exc


@router.get("/week", response_class=HTMLResponse)
def week_page(request: Request, user: PageUser, start: str | None = None) -> Response:
    data = cockpit.week(user.app, first=_start(start))
    monday = date.fromisoformat(data["monday"])
    grid = week_grid(data, user.lang)
    template = "_week_grid.html" if request.headers.get("hx-request") else "week.html"
    return user_page(
        request,
        user,
        template,
        data=data,
        grid=grid,
        prev=(monday - timedelta(days=7)).isoformat(),
        next=(monday + timedelta(days=7)).isoformat(),
    )
