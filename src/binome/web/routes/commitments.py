"""Commitments: open, late, kept, and the reliability trend (% kept on time per week)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app import cockpit
from binome.web.auth import PageUser
from binome.web.render import day_label, tr, user_page

router = APIRouter()


@router.get("/commitments", response_class=HTMLResponse)
def commitments_page(request: Request, user: PageUser) -> Response:
    data = cockpit.commitments(user.app)
    chart = {
        "type": "line",
        "labels": [day_label(w["week"], user.lang) for w in data["trend"]],
        "series": [
            {
                "label": tr(user.lang, "Kept on time (%)"),
                "data": [w["pct"] for w in data["trend"]],
            }
        ],
        "max": 100,
    }
    return user_page(request, user, "commitments.html", data=data, chart=json.dumps(chart))
