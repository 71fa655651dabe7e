"""What every command shares: global options, opening the app, output, error rendering."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from binome.domain.errors import BinomeError

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from binome.app.context import App


@dataclass(frozen=True, slots=True)
class Globals:
    db: str | None = None
    as_user: str | None = None
    workspace: str | None = None
    lang: str | None = None
    json: bool = False
    now: str | None = None
    debug: bool = False

    def now_value(self) -> datetime | None:
        if not self.now:
            return None
        from binome.domain.timing import UTC, parse_datetime

        return parse_datetime(self.now, UTC)

    def open_app(self) -> App:
        from binome.app.context import App
        from binome.i18n import check_lang

        lang = check_lang(self.lang) if self.lang else None
        return App.open(
            self.db, actor=self.as_user, workspace=self.workspace, now=self.now_value(), lang=lang
        )


def g(ctx: typer.Context) -> Globals:
    obj = ctx.find_root().obj
    assert isinstance(obj, Globals)
    return obj


def lang_of(ctx: typer.Context, app: App | None = None, default: str = "fr") -> str:
    from binome.i18n import check_lang

    glob = g(ctx)
    if glob.lang:
        return check_lang(glob.lang)
    if app is not None:
        from binome.app.settings import workspace_lang

        return workspace_lang(app)
    return default


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def emit(ctx: typer.Context, data: Any, human: Callable[[], None]) -> None:
    """Print ``data`` as JSON with ``--json``, else call ``human`` to render it."""
    write_out(data, g(ctx).json, human)


def write_out(data: Any, as_json: bool, human: Callable[[], None]) -> None:
    """``emit`` without a Typer context (the lean ``agenda`` path shares it)."""
    if as_json:
        sys.stdout.write(to_json(data) + "\n")
    else:
        human()


def to_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2, default=str)``, written by orjson:
    the standard library indents in pure Python (seconds for a year's agenda). Dates and
    date-times still go through ``str`` as they always did; text stays UTF-8."""
    import orjson

    options = (
        orjson.OPT_INDENT_2
        | orjson.OPT_NON_STR_KEYS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_DATACLASS
    )
    return orjson.dumps(data, default=str, option=options).decode()


def one_line(text: str) -> str:
    """Errors print on one line: control characters (log injection) are made visible."""
    out = []
    for ch in text:
        if ch in "\r\n\u2028\u2029" or (ord(ch) < 32 and ch != "\t") or ch == "\x1b":
            out.append(repr(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def framework_exit(exc: BaseException) -> int | None:
    """The exit code for Typer/Click's own exceptions (exit, abort, usage), else None.

    Typer >= 0.20 vendors Click (``typer._click``), so its usage errors are not
    ``click.ClickException``s: they are recognised by shape (``show`` + ``exit_code``).
    The separate ``click`` package is only consulted if something already imported it.
    """
    typer_module = sys.modules.get("typer")  # not imported: none of its exceptions exist
    if typer_module is None:
        return None
    click = sys.modules.get("click")
    exits: tuple[type[BaseException], ...] = (typer_module.Exit,)
    aborts: tuple[type[BaseException], ...] = (typer_module.Abort,)
    if click is not None:
        exits, aborts = (*exits, click.exceptions.Exit), (*aborts, click.exceptions.Abort)
    if isinstance(exc, exits):
        return int(getattr(exc, "exit_code", 0) or 0)
    if isinstance(exc, aborts):
        sys.stderr.write("aborted\n")
        return 1
    show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
    if callable(show) and isinstance(code, int):
        show()
        return code
    return None


def _log_error(exc: BaseException, actor: str | None) -> None:
    from binome.app.logging import log_error

    log_error(exc, actor=actor)


def handle_errors(
    call: Callable[[], Any], *, lang: str | None, debug: bool, actor: str | None = None
) -> int:
    """Run the CLI; map every failure to one stderr line and an exit code.

    Each failure is also logged through ``binome.app.logging`` (one encoded line, the
    error class and msgid only: never the values, which may hold item text)."""
    from binome.i18n import LANGS, render

    if os.environ.get("BINOME_LOG_FILE"):  # the logging module only when it is asked for
        from binome.app.logging import configure_from_env

        configure_from_env()

    language = (lang or "").lower()[:2]
    if language not in LANGS:
        language = "en" if language else "fr"
    try:
        result = call()
        return result if isinstance(result, int) else 0
    except BinomeError as exc:
        _log_error(exc, actor)
        if debug:
            import traceback

            traceback.print_exc()
        prefix = "erreur" if language == "fr" else "error"
        sys.stderr.write(f"{prefix}: {one_line(render(exc, language))}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        code = framework_exit(exc)
        if code is not None:
            return code
        _log_error(exc, actor)
        if debug:
            raise
        from binome.i18n import t

        name = type(exc).__name__
        sys.stderr.write(
            one_line(
                t(language, "Internal error ({name}); run again with --debug for details.").format(
                    name=name
                )
            )
            + "\n"
        )
        return 1
