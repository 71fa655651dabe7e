"""The JSON API under ``/api``: the same use cases as the pages and the CLI, bearer tokens.

Every route depends on ``api_user`` (``Authorization: Bearer <token>`` from ``binome token
create``; 401 otherwise). Responses are the use cases' views: the CLI's ``--json`` shapes,
already masked for the token's user. An id from another workspace answers the same 404 as
an id that does not exist (the repositories scope every lookup to the reader's workspace).
The schema is at ``/api/openapi.json``, browsable at ``/api/docs``.

``POST`` routes honour ``Idempotency-Key`` (SECURITY.md row 47): a retried request with
the same key gets the first answer again instead of acting twice; and ``If-Match`` with the
``ETag`` of a ``GET`` (row 48): a write based on an outdated read answers 412.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from binome.app import cockpit
from binome.app.audit import list_audit
from binome.app.brief import compose_brief
from binome.app.calendar import agenda
from binome.app.conditional import complete_commitment_if, complete_task_if
from binome.app.idempotency import once
from binome.app.items import (
    list_commitments,
    list_objectives,
    list_people,
    list_tasks,
)
from binome.app.planning import plan_tasks
from binome.app.priorities import ranked_tasks
from binome.app.request_actions import confirm
from binome.app.requests import ask, list_requests
from binome.domain.errors import N_, InvalidInput
from binome.web.auth import ApiUser
from binome.web.render import page, request_lang_public

router = APIRouter(prefix="/api", tags=["api"])
IdemKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=200)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=100)]


@router.get("/agenda")
def api_agenda(
    user: ApiUser,
    what: Annotated[
        str | None, Query(max_length=20, description="today, tomorrow, week or a date")
    ] = None,
    start: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=40)] = None,
) -> dict[str, Any]:
    """The agenda over a window (default today), masked for the token's user."""
    return agenda(user.app, what=what, start=start, end=end)


@router.get("/today")
def api_today(user: ApiUser) -> dict[str, Any]:
    return cockpit.today(user.app)


@router.get("/week")
def api_week(user: ApiUser) -> dict[str, Any]:
    return cockpit.week(user.app)


@router.get("/events/{ref}")
def api_event(user: ApiUser, ref: str) -> dict[str, Any]:
    return cockpit.get_event(user.app, ref)


@router.get("/tasks")
def api_tasks(user: ApiUser, all: bool = False, ranked: bool = False) -> list[dict[str, Any]]:
    """Tasks; with ``ranked=1`` open tasks by priority score (``binome task list``)."""
    if ranked:
        return ranked_tasks(user.app, include_done=all)
    return list_tasks(user.app, include_done=all)


@router.get("/tasks/{ref}")
def api_task(user: ApiUser, ref: str) -> Response:
    """One task; its ``ETag`` is the version to send back in ``If-Match``."""
    return _tagged(cockpit.get_task(user.app, ref))


@router.post("/tasks/{ref}/done")
def api_task_done(
    user: ApiUser, ref: str, idempotency_key: IdemKey = None, if_match: IfMatch = None
) -> Response:
    """Mark a task done (412 when ``If-Match`` names an older version)."""
    version = _version(if_match)
    return _idempotent(user, idempotency_key, lambda: complete_task_if(user.app, ref, version))


@router.get("/commitments")
def api_commitments(user: ApiUser) -> list[dict[str, Any]]:
    return list_commitments(user.app)


@router.get("/commitments/{ref}")
def api_commitment(user: ApiUser, ref: str) -> Response:
    """One commitment; its ``ETag`` is the version to send back in ``If-Match``."""
    return _tagged(cockpit.get_commitment(user.app, ref))


@router.post("/commitments/{ref}/done")
def api_commitment_done(
    user: ApiUser, ref: str, idempotency_key: IdemKey = None, if_match: IfMatch = None
) -> Response:
    """Mark a commitment kept (412 when ``If-Match`` names an older version)."""
    version = _version(if_match)
    return _idempotent(
        user, idempotency_key, lambda: complete_commitment_if(user.app, ref, version)
    )


@router.get("/objectives")
def api_objectives(user: ApiUser) -> list[dict[str, Any]]:
    return list_objectives(user.app)


@router.get("/objectives/{ref}")
def api_objective(user: ApiUser, ref: str) -> dict[str, Any]:
    return cockpit.get_objective(user.app, ref)


@router.get("/people")
def api_people(user: ApiUser) -> list[dict[str, Any]]:
    return list_people(user.app)


class AskBody(BaseModel):
    text: str = Field(min_length=1, max_length=2000)
    lang: str = Field(default="auto", pattern="^(auto|fr|en)$")


class ConfirmBody(BaseModel):
    option: int = Field(default=1, ge=1, le=9)


@router.get("/requests")
def api_requests(user: ApiUser, all: bool = False) -> list[dict[str, Any]]:
    """Requests awaiting a decision (every request with ``all=1``), masked for the reader."""
    return list_requests(user.app, all_=all)


@router.post("/requests")
def api_ask(user: ApiUser, body: AskBody, idempotency_key: IdemKey = None) -> Response:
    """Ask in French or English: the reformulation, options or question (``binome ask``)."""
    return _idempotent(user, idempotency_key, lambda: ask(user.app, body.text, lang=body.lang))


@router.post("/requests/{ref}/confirm")
def api_confirm(
    user: ApiUser,
    ref: str,
    body: Annotated[ConfirmBody | None, Body()] = None,
    idempotency_key: IdemKey = None,
) -> Response:
    """Carry out option ``option`` (default 1) of a waiting request."""
    option = (body or ConfirmBody()).option
    return _idempotent(user, idempotency_key, lambda: confirm(user.app, ref, option=option))


@router.get("/plan")
def api_plan(user: ApiUser) -> dict[str, Any]:
    """The plan's preview (``binome plan``); nothing is written to the calendar."""
    return plan_tasks(user.app)


@router.get("/brief")
def api_brief(user: ApiUser) -> dict[str, Any]:
    """Today's brief for the token's user, as structured data."""
    from binome.present.brief import blocks

    brief = compose_brief(user.app)
    return {
        "day": brief.day.isoformat(),
        "tz": brief.tz,
        "lang": brief.lang,
        "reader": brief.reader,
        "agenda": brief.agenda,
        "priorities": brief.priorities,
        "commitments": brief.commitments,
        "requests": brief.requests,
        "decisions": brief.decisions,
        "hidden": brief.hidden,
        "text": [
            {"kind": b.kind, "text": b.text, "lead": b.lead, "detail": b.detail}
            for b in blocks(brief)
        ],
    }


@router.get("/audit")
def api_audit(user: ApiUser) -> list[dict[str, Any]]:
    return list_audit(user.app)


def _idempotent(user: ApiUser, key: str | None, act: Any) -> Response:
    body, replayed = once(user.app, key, act)
    headers = {"idempotent-replayed": "true"} if replayed else {}
    if "version" in body:
        headers["etag"] = f'"{body["version"]}"'
    return JSONResponse(body, headers=headers)


def _tagged(body: dict[str, Any]) -> Response:
    return JSONResponse(body, headers={"etag": f'"{body["version"]}"'})


def _version(if_match: str | None) -> int | None:
    """``"3"`` or ``W/"3"`` → 3; ``*`` or nothing → no condition."""
    if if_match is None or if_match.strip() == "*":
        return None
    raw = if_match.strip().removeprefix("W/").strip('"')
    if not raw.isdigit():
        raise InvalidInput(N_("Invalid If-Match: {value}."), value=if_match[:40])
    return int(raw)


docs_router = APIRouter(prefix="/api")


@docs_router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The OpenAPI schema as a plain page (no CDN script, so the CSP stays strict)."""
    schema = request.app.openapi()
    lang = request_lang_public(request)
    return page(request, "api_docs.html", lang, user=None, schema=schema)
