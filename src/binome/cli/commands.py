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
)


# The module that defines each top-level command, so ``binome agenda`` builds only the
# commands it may run. Optional: a command missing here makes every module register.
OWNERS = {
    "init": "binome.cli.setup_cmd",
    "person": "binome.cli.people_cmd",
    "objective": "binome.cli.people_cmd",
    "event": "binome.cli.calendar_cmd",
    "agenda": "binome.cli.calendar_cmd",
    "task": "binome.cli.work_cmd",
    "commitment": "binome.cli.work_cmd",
    "audit": "binome.cli.audit_cmd",
}


def modules_for(command: str | None) -> tuple[str, ...]:
    """The modules to register to run ``command`` (all of them when unknown or None)."""
    owner = OWNERS.get(command or "")
    return (owner,) if owner in MODULES else MODULES


def register(app: typer.Typer, modules: tuple[str, ...] = MODULES) -> None:
    if getattr(app, "_binome_registered", False):
        return
    for name in modules:
        importlib.import_module(name).register(app)
    app._binome_registered = True  # type: ignore[attr-defined]
