"""Priorities: objectives with weights, tasks by priority, time spent vs weight (chart)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app import cockpit
from binome.web.auth import PageUser
from binome.web.render import tr, user_page

router = APIRouter()


@router.get("/priorities", response_class=HTMLResponse)
def priorities_page(request: Request, user: PageUser) -> Response:
    data = cockpit.priorities(user.app)
    chart = {
        "type": "bar",
        "labels": [s["title"] for s in data["time_spent"]],
        "series": [
            {
                "label": tr(user.lang, "Time spent (%)"),
                "data": [s["time_pct"] for s in data["time_spent"]],
            },
            {
                "label": tr(user.lang, "Weight (%)"),
                "data": [s["weight_pct"] for s in data["time_spent"]],
            },
        ],
    }
    # The chart's data travel in a data- attribute (escaped by Jinja2), read by app.js.
    return user_page(request, user, "priorities.html", data=data, chart=json.dumps(chart))
