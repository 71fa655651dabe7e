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
    "binome.cli.users_cmd",
    "binome.cli.search_cmd",
    "binome.cli.keys_cmd",
    "binome.cli.token_cmd",
    "binome.cli.serve_cmd",
    "binome.cli.requests_cmd",
    "binome.cli.plan_cmd",
    "binome.cli.radar_cmd",
    "binome.cli.ical_cmd",
)


# The modules that define each top-level command (and any subcommand added to its group),
# so ``binome agenda`` builds only what it may run: Typer builds every registered command's
# parameters at each start. Optional: a command missing here makes every module register.
# A module that adds a subcommand to a group owned by another module (say ``event import``)
# must be listed under that group's name too, or it will be missing from the fast path.
OWNERS: dict[str, tuple[str, ...]] = {
    "init": ("binome.cli.setup_cmd",),
    "person": ("binome.cli.people_cmd",),
    "objective": ("binome.cli.people_cmd",),
    "event": ("binome.cli.calendar_cmd",),
    "agenda": ("binome.cli.calendar_cmd",),
    "task": ("binome.cli.work_cmd",),
    "commitment": ("binome.cli.work_cmd",),
    "audit": ("binome.cli.audit_cmd",),
    "profile": ("binome.cli.profile_cmd",),
    "slots": ("binome.cli.slots_cmd",),
    "brief": ("binome.cli.brief_cmd",),
    "demo": ("binome.cli.demo_cmd",),
    "user": ("binome.cli.users_cmd",),
    "grant": ("binome.cli.users_cmd",),
    "revoke": ("binome.cli.users_cmd",),
    "grants": ("binome.cli.users_cmd",),
    "search": ("binome.cli.search_cmd",),
    "key": ("binome.cli.keys_cmd",),
    "token": ("binome.cli.token_cmd",),
    "serve": ("binome.cli.serve_cmd",),
    "plan": ("binome.cli.plan_cmd",),
    **dict.fromkeys(("radar", "apply", "dismiss"), ("binome.cli.radar_cmd",)),
    "import": ("binome.cli.ical_cmd",),
    "export": ("binome.cli.ical_cmd",),
    **dict.fromkeys(
        ("ask", "requests", "confirm", "reject", "intake"), ("binome.cli.requests_cmd",)
    ),
}


def modules_for(command: str | None) -> tuple[str, ...]:
    """The modules to register to run ``command`` (all of them when unknown or None)."""
    owners = OWNERS.get(command or "")
    if owners and all(name in MODULES for name in owners):
        return owners
    return MODULES


def register(app: typer.Typer, modules: tuple[str, ...] = MODULES) -> None:
    if getattr(app, "_binome_registered", False):
        return
    for name in modules:
        importlib.import_module(name).register(app)
    app._binome_registered = True  # type: ignore[attr-defined]
