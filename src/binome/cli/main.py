"""The ``binome`` command: global options, the command groups, and one error renderer.

Global options (``--db``, ``--as``, ``--workspace``, ``--lang``, ``--json``, ``--now``,
``--debug``) may be written before or after the command (``binome agenda --json``): ``run``
hoists them in front before Typer parses. Errors are rendered here and only here: a
``UserError`` prints one line on stderr in the reader's language and exits 1; usage errors
exit 2; anything else prints a generic line (the traceback only with ``--debug``) and exits 1.
Heavy libraries are imported inside commands, so ``binome agenda`` starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from binome.cli.common import Globals

app = typer.Typer(
    name="binome",
    help="binome: the director's time, priorities and risks, guarded with their assistant.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

VALUE_OPTIONS = ("--db", "--as", "--workspace", "--lang", "--now")
FLAG_OPTIONS = ("--json", "--debug")


@app.callback()
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


def _register() -> None:
    from binome.cli import commands

    commands.register(app)


def hoist_globals(argv: list[str]) -> list[str]:
    """Move global options found anywhere in ``argv`` in front of the command."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        name = arg.split("=", 1)[0]
        if name in VALUE_OPTIONS:
            if "=" in arg:
                front.append(arg)
            elif i + 1 < len(argv):
                front.extend([arg, argv[i + 1]])
                i += 1
            else:
                rest.append(arg)
        elif arg in FLAG_OPTIONS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def run(argv: list[str] | None = None) -> None:
    """Console entry point."""
    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    lang = _lang_from(args)
    _register()
    from binome.cli.common import handle_errors

    code = handle_errors(
        lambda: app(args=args, prog_name="binome", standalone_mode=False), lang=lang, debug=debug
    )
    sys.exit(code)


def _lang_from(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("BINOME_LANG")


if __name__ == "__main__":
    run()
