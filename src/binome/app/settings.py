"""Workspace settings that interfaces need before anything else (language, zone)."""

from __future__ import annotations

from binome.app.context import App
from binome.app.uow import unit_of_work


def workspace_lang(app: App) -> str:
    if app.lang:
        return app.lang
    with unit_of_work(app, write=False) as uow:
        return uow.workspace_row.lang


def workspace_tz(app: App) -> str:
    with unit_of_work(app, write=False) as uow:
        return uow.workspace_row.tz
