"""The web app factory: ``create_app(db, now=...)`` wires pages, API, security and errors.

One composition root (``App.open``) is built at start-up; each request acts through a copy
of it carrying the logged-in user (``auth.app_as``), so every route goes through the same
use cases and access policy as the CLI. ``now`` pins the clock (tests, demos); ``clock``
lets a test move time (idle and absolute session timeouts).
"""

from __future__ import annotations

import gc
import os
from datetime import datetime, timedelta
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from binome.app.context import App, Clock
from binome.app.read_cache import ReadCache
from binome.app.read_once import ReadLedger
from binome.app.sessions import IDLE_TIMEOUT
from binome.web import api, errors
from binome.web.background import Background
from binome.web.csrf import check_origin
from binome.web.routes import (
    ask,
    audit,
    brief,
    commitments,
    login,
    priorities,
    radar,
    settings,
    today,
    week,
)
from binome.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"

# Routes that answer without a session (the meta-test checks every other one refuses).
PUBLIC_PATHS = frozenset(
    {"/login", "/lang", "/static", "/api/openapi.json", "/api/docs", "/healthz"}
)


def create_app(
    db: str | None,
    *,
    now: datetime | None = None,
    clock: Clock | None = None,
    idle_timeout: timedelta = IDLE_TIMEOUT,
) -> FastAPI:
    base = App.open(db, now=now)
    if clock is not None:
        base.clock = clock
    base.read_cache = ReadCache()  # radar, Today, plan: once per data version and reader
    web = FastAPI(
        title="binome",
        summary="The director and assistant's shared cockpit: agenda, tasks, commitments.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(check_origin)],
    )
    web.state.binome = base
    web.state.idle_timeout = idle_timeout
    web.state.read_ledger = ReadLedger()  # confidential page reads: audited once a day
    web.state.pages = ReadCache(size=256)  # Today's HTML per view tag and session
    web.state.background = Background()  # the plan's solver, off the request path
    for module in (login, today, week, ask, priorities, brief, commitments, audit, settings):
        web.include_router(module.router)
    web.include_router(radar.router)
    web.include_router(radar.api_router)
    web.include_router(api.router)
    web.include_router(api.docs_router)
    web.mount("/static", StaticFiles(directory=STATIC), name="static")

    @web.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    errors.install(web)
    web.add_middleware(SecurityHeaders)
    return web


def app_from_env() -> FastAPI:
    """Factory for ``binome serve`` / ``uvicorn --factory``: ``BINOME_DATABASE_URL`` and an
    optional ``BINOME_NOW`` (ISO 8601) pin."""
    from binome.domain.timing import UTC, parse_datetime

    pinned = os.environ.get("BINOME_NOW")
    web = create_app(None, now=parse_datetime(pinned, UTC) if pinned else None)
    # What start-up built (modules, templates, mappers) lives as long as the server: keep it
    # out of the collector's full passes, which otherwise walk all of it now and then and
    # stall one request for ~150 ms (the p99 of Today at one connection). Only here, in the
    # server's factory: tests build many apps in one process and need them collected.
    gc.freeze()
    return web
