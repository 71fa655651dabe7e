"""Priorities: objectives with weights, tasks by priority score with their "why", the plan,
and the time spent per objective against its weight (chart).

The task list is ``app.priorities.ranked_tasks`` (the order of ``binome task list``); each
task's "why" (``explain_task``) is fetched when its ``<details>`` is opened (htmx; without
JavaScript the link opens it as a page). The plan (``app.planning.plan_tasks``: a solver
run of up to a second or two) is NOT computed with the page: the page stays fast and the
plan section loads itself from ``/plan`` once the page is shown, and ``/plan`` itself
never waits on the solver for long (``web.background``). "Apply plan" is a
CSRF-protected POST for the principal or an assistant (the use case refuses a viewer; the
button is shown to the roles that may use it).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from binome.app import cockpit
from binome.app.planning import plan_tasks, ready_plan
from binome.app.priorities import explain_task, ranked_tasks
from binome.web.auth import PageUser
from binome.web.background import Background
from binome.web.csrf import CsrfUser
from binome.web.render import tr, user_page

router = APIRouter()
PLANNERS = ("principal", "assistant")
PAGE_PLAN_SECONDS = 0.5  # the solver's limit for a page (the CLI's default is 2 s)


def _chart(data: dict[str, Any], lang: str) -> str:
    chart = {
        "type": "bar",
        "labels": [s["title"] for s in data["time_spent"]],
        "series": [
            {
                "label": tr(lang, "Time spent (%)"),
                "data": [s["time_pct"] for s in data["time_spent"]],
            },
            {
                "label": tr(lang, "Weight (%)"),
                "data": [s["weight_pct"] for s in data["time_spent"]],
            },
        ],
    }
    # The chart's data travel in a data- attribute (escaped by Jinja2), read by app.js.
    return json.dumps(chart)


@router.get("/priorities", response_class=HTMLResponse)
def priorities_page(request: Request, user: PageUser) -> Response:
    data = cockpit.priorities(user.app)
    role = data["reader"]["role"]
    tasks = ranked_tasks(user.app)
    return user_page(
        request,
        user,
        "priorities.html",
        data=data,
        tasks=tasks,
        chart=_chart(data, user.lang),
        can_plan=role in PLANNERS,
        viewer=role == "viewer",
    )


@router.get("/tasks/{ref}/why", response_class=HTMLResponse)
def task_why(request: Request, ref: str, user: PageUser) -> Response:
    why = explain_task(user.app, ref)
    template = "_why.html" if request.headers.get("hx-request") else "why.html"
    return user_page(request, user, template, why=why)


@router.get("/plan", response_class=HTMLResponse)
def plan_preview(request: Request, user: PageUser) -> Response:
    """The plan from the read-model cache, or computed off the request path: a solve that
    outlasts ``Background.wait_s`` answers "computing" and asks again (``web.background``)."""
    plan, tag = ready_plan(user.app, time_limit_s=PAGE_PLAN_SECONDS)
    if plan is None:
        background: Background = request.app.state.background
        plan = background.result(
            ("plan", user.identity.token_id),  # one job per session
            tag,
            lambda: plan_tasks(user.app, time_limit_s=PAGE_PLAN_SECONDS),
        )
    if plan is None:
        template = "_plan_pending.html" if request.headers.get("hx-request") else "plan.html"
        return user_page(request, user, template, plan=None, can_plan=True)
    return _plan_response(request, user, plan)


@router.post("/plan/apply", response_class=HTMLResponse)
def plan_apply(request: Request, user: CsrfUser) -> Response:
    plan = plan_tasks(user.app, apply=True, time_limit_s=PAGE_PLAN_SECONDS)
    return _plan_response(request, user, plan)


def _plan_response(request: Request, user: Any, plan: dict[str, Any]) -> Response:
    # Only a principal or an assistant gets here: plan_tasks refuses a viewer, and a
    # backup's Apply is refused by the same use case's write checks.
    template = "_plan.html" if request.headers.get("hx-request") else "plan.html"
    return user_page(request, user, template, plan=plan, can_plan=True)
