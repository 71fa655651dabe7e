"""The command modules; each defines ``register(app)`` and owns its commands."""

from __future__ import annotations

import importlib

import typer

MODULES = (
    "binome.cli.setup_cmd",
    "binome.cli.people_cmd",
    "binome.cli.calendar_cmd",
    "binome.cli.work_cmd",
    "binome.cli.audit_cmd",
    "binome.cli.profile_cmd",
    "binome.cli.slots_cmd",
    "binome.cli.brief_cmd",
    "binome.cli.demo_cmd",
    "binome.cli.radar_cmd",
)


def register(app: typer.Typer) -> None:
    if getattr(app, "_binome_registered", False):
        return
    for name in MODULES:
        importlib.import_module(name).register(app)
    app._binome_registered = True  # type: ignore[attr-defined]
