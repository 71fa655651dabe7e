"""The Typer side of ``binome``: the root app with the global options, and the command
tree built for one invocation (``command_for``).

Kept apart from ``cli/main.py`` (the entry point) so a plain ``binome agenda`` never imports
Typer (``cli/fast.py``); ``cli/main.py`` still exposes these names.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from binome.cli.common import Globals
from binome.cli.main import VALUE_OPTIONS


def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database path or URL (else BINOME_DATABASE_URL, else the default file)."
        ),
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="Act as this user (else BINOME_USER, else the principal)."),
    ] = None,
    workspace: Annotated[
        str | None,
        typer.Option("--workspace", help="Workspace name, when a database holds several."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="fr or en (default: the workspace language).")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")] = False,
    now: Annotated[
        str | None, typer.Option("--now", help="Pin the current time (ISO 8601).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    ctx.obj = Globals(
        db=db, as_user=as_user, workspace=workspace, lang=lang, json=json_out, now=now, debug=debug
    )


def new_app() -> typer.Typer:
    """The root Typer app with the global options and no command yet."""
    root = typer.Typer(
        name="binome",
        help="binome: the director's time, priorities and risks, guarded with their assistant.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    root.callback()(main)
    return root


app = new_app()
"""Every command registered (``_register``): for tools that walk the whole tree."""

_built: dict[tuple[str, ...], Any] = {}


def _register() -> None:
    from binome.cli import commands

    commands.register(app)


def _command_name(args: list[str]) -> str | None:
    """The top-level command in hoisted ``args`` (after the global options), if any."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def lean_typer() -> None:
    """Let plain ``str`` and ``bool`` parameters skip Pydantic.

    Typer >= 0.20 coerces every parameter value through a Pydantic ``TypeAdapter``; importing
    Pydantic and building the adapters costs ~50-100 ms on each start, yet a ``str`` option
    read from the command line is already a ``str`` (a flag a ``bool``). Those get Typer's own
    pass-through coercion; every other type keeps Typer's path. Guarded: if Typer's
    internals move, nothing is patched (``tests/cli/test_startup.py`` then notices).
    """
    try:
        from typer import _coercion, core

        original = core._TyperParameter.get_runtime_param
        passthrough = _coercion.PassThroughRuntimeParam
    except (ImportError, AttributeError):  # pragma: no cover - another Typer
        return
    if getattr(original, "binome_lean", False):
        return

    def get_runtime_param(self: Any) -> Any:
        desc = self.type_descriptor
        if self._runtime_param is None and desc.annotation in (str, bool) and not desc.is_choice:
            self._runtime_param = passthrough(
                parameter_info=desc.parameter_info, annotation=desc.annotation
            )
        return original(self)

    get_runtime_param.binome_lean = True  # type: ignore[attr-defined]
    core._TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]


def command_for(args: list[str]) -> Any:
    """The Click command tree for ``args``, built once per process and cached.

    Typer builds every command's parameters (a pydantic adapter each) whenever the app is
    called, ~5 ms a command; building only the module that owns the invoked command keeps
    ``binome agenda`` fast, and the cache keeps in-process callers (tests) fast.
    """
    import typer.main

    from binome.cli import commands

    lean_typer()
    modules = commands.modules_for(_command_name(args))
    built = _built.get(modules)
    if built is None:
        target = new_app()
        commands.register(target, modules)
        built = _built[modules] = typer.main.get_command(target)
    return built
