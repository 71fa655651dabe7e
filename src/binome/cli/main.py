"""The ``binome`` command: global options, the command groups, and one error renderer.

Global options (``--db``, ``--as``, ``--workspace``, ``--lang``, ``--json``, ``--now``,
``--debug``) may be written before or after the command (``binome agenda --json``): ``run``
hoists them in front before Typer parses. Errors are rendered here and only here: a
``UserError`` prints one line on stderr in the reader's language and exits 1; usage errors
exit 2; anything else prints a generic line (the traceback only with ``--debug``) and exits 1.
Heavy libraries are imported inside commands, so ``binome agenda`` starts fast; a plain
``binome agenda`` skips Typer and SQLAlchemy altogether (``cli/fast.py``). The Typer app
lives in ``cli/root.py``; its names (``app``, ``command_for``...) are served from here too.
"""

from __future__ import annotations

import os
import sys
from typing import Any

VALUE_OPTIONS = ("--db", "--as", "--workspace", "--lang", "--now")
FLAG_OPTIONS = ("--json", "--debug")


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
    from binome.cli.common import handle_errors

    args = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    debug = "--debug" in args
    lang = _lang_from(args)
    actor = _value_of(args, "--as") or os.environ.get("BINOME_USER")
    if _ran_lean(args, lang=lang, debug=debug, actor=actor):
        return
    from binome.cli.root import command_for

    command = command_for(args)
    code = handle_errors(
        lambda: command.main(args=args, prog_name="binome", standalone_mode=False),
        lang=lang,
        debug=debug,
        actor=actor,
    )
    sys.exit(code)


def _ran_lean(args: list[str], *, lang: str | None, debug: bool, actor: str | None) -> bool:
    """Run a plain ``binome agenda`` without Typer or SQLAlchemy (``cli/fast.py``) and exit;
    False, having printed and written nothing, when it is not that plain case."""
    from binome.cli import fast
    from binome.cli.common import handle_errors

    call = fast.parse(args)
    if call is None:
        return False
    import gc

    # A short read-only process: the cyclic collector would only walk, again and again,
    # the ~10^5 objects a year's agenda keeps until it exits (app/agenda.gc_paused).
    gc.disable()
    ran: list[bool] = []
    code = handle_errors(lambda: ran.append(fast.run(call)), lang=lang, debug=debug, actor=actor)
    if ran == [False]:
        gc.enable()  # the full path runs as it always has
        return False
    sys.exit(code)


def _lang_from(args: list[str]) -> str | None:
    return _value_of(args, "--lang") or os.environ.get("BINOME_LANG")


def _value_of(args: list[str], option: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == option and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


_ROOT_NAMES = ("app", "main", "new_app", "lean_typer", "command_for", "_register", "_built")


def __getattr__(name: str) -> Any:
    """``binome.cli.main.app`` and friends, imported (with Typer) only when asked for."""
    if name in _ROOT_NAMES:
        from binome.cli import root

        return getattr(root, name)
    raise AttributeError(name)


if __name__ == "__main__":
    run()
