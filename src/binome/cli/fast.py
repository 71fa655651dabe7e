"""``binome agenda`` without Typer or SQLAlchemy, when the command line is a plain one.

Importing Typer and building its command costs ~70 ms and SQLAlchemy ~250 ms of CPU: more
than the 200 ms the whole ``binome agenda today`` may take (issue 2). ``parse`` accepts only
the plain forms, with Typer's meaning: global options (``--db``, ``--as``, ``--workspace``,
``--lang``, ``--now``, ``--json``, ``--debug``, each at most once, already hoisted in front
by ``main.hoist_globals``), then ``agenda``, at most one ``WHAT`` and ``--from``/``--to``
(``--opt VALUE`` or ``--opt=VALUE``). Anything else (``--help``, an unknown or repeated
option, a value that looks like an option, a second argument) returns None and Typer parses
it, with its usage errors. ``run`` then asks ``app/lite.py``, which may decline too; the
output is written by ``print_agenda``, the same function the Typer command uses.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from binome.app.agenda import AgendaListing

VALUES = {"--db": "db", "--as": "as_user", "--workspace": "workspace", "--lang": "lang",
          "--now": "now"}  # fmt: skip
FLAGS = {"--json": "json", "--debug": "debug"}
AGENDA_VALUES = {"--from": "start", "--to": "end"}


@dataclass(frozen=True, slots=True, kw_only=True)
class AgendaCall:
    """A plain ``binome agenda`` command line, parsed."""

    options: dict[str, Any]
    what: str | None = None
    start: str | None = None
    end: str | None = None


def _split(arg: str, rest: list[str]) -> tuple[str, str | None]:
    """``--opt=value`` or ``--opt value`` (consuming it from ``rest``); None if absent."""
    if "=" in arg:
        name, value = arg.split("=", 1)
        return name, value
    if not rest or rest[0].startswith("-"):
        return arg, None
    return arg, rest.pop(0)


def parse(args: list[str]) -> AgendaCall | None:
    """The call in hoisted ``args`` if it is a plain ``agenda``, else None (Typer's turn)."""
    rest = list(args)
    options: dict[str, Any] = {}
    while rest and rest[0].startswith("-"):
        arg = rest.pop(0)
        if arg in FLAGS and FLAGS[arg] not in options:
            options[FLAGS[arg]] = True
            continue
        name, value = _split(arg, rest)
        if name not in VALUES or value is None or VALUES[name] in options:
            return None
        options[VALUES[name]] = value
    if not rest or rest.pop(0) != "agenda":
        return None
    found: dict[str, str] = {}
    while rest:
        arg = rest.pop(0)
        if not arg.startswith("-"):
            if "what" in found:
                return None
            found["what"] = arg
            continue
        name, value = _split(arg, rest)
        if name not in AGENDA_VALUES or value is None or AGENDA_VALUES[name] in found:
            return None
        found[AGENDA_VALUES[name]] = value
    return AgendaCall(options=options, **found)


def run(call: AgendaCall) -> bool:
    """Print the agenda as ``binome agenda`` does; False when the lean path declines."""
    from binome.app.lite import Declined, lite_agenda
    from binome.cli.common import Globals
    from binome.i18n import check_lang

    glob = Globals(**call.options)
    lang = check_lang(glob.lang) if glob.lang else None  # in Globals.open_app's order
    now = glob.now_value()
    try:
        found = lite_agenda(
            glob.db,
            actor=glob.as_user,
            workspace=glob.workspace,
            now=now,
            what=call.what,
            start=call.start,
            end=call.end,
            listing=not glob.json,
        )
    except Declined:
        return False
    print_agenda(found.result, lang or found.workspace_lang, as_json=glob.json)
    return True


def print_agenda(result: dict[str, Any] | AgendaListing, lang: str, *, as_json: bool) -> None:
    """The agenda on stdout: JSON from the views, or plain lines from the views or the
    listing (no Rich: this command must start fast)."""
    from binome.app.agenda import AgendaListing
    from binome.cli.common import write_out
    from binome.i18n import t
    from binome.present.agenda import agenda_lines, listing_lines

    def human() -> None:
        if isinstance(result, AgendaListing):
            lines = listing_lines(result, lang)
        else:
            lines = agenda_lines(result["items"], lang)
        sys.stdout.write("\n".join(lines or [t(lang, "Nothing in the agenda.")]) + "\n")

    write_out(result, as_json, human)
