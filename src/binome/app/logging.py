"""Logging at the edges (CLI, web): one line per event, control characters encoded, no item text.

SECURITY.md row 41 (CWE-117, ASVS 16.4.1): a user name or title holding ``\\n``, ``\\r``,
U+2028, an ANSI escape or a bidi override must not forge a second log line or repaint a
terminal. ``encode`` turns every such character into a visible ``\\xNN``/``\\uNNNN`` escape
(and ``\\`` into ``\\\\``, so the encoding is unambiguous); ``OneLineFormatter`` applies it
to the whole formatted record, tracebacks included, as a second line of defence.

What is logged is chosen so that item text never reaches a log (SECURITY.md invariant 2):
``log_error`` records the error class and its message *template* (the msgid, without the
values that may hold a title) and, for unexpected errors, only ``file:line:function`` of
each frame, never the exception's message. The core (domain, engine) never logs.

The ``binome`` logger has a ``NullHandler`` so nothing reaches stderr by accident (the CLI
prints exactly one error line); ``configure`` adds a real handler (``BINOME_LOG_FILE``).
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from typing import IO

from binome.domain.errors import BinomeError, NotFound, PermissionDenied

LOGGER_NAME = "binome"
_HANDLER_NAME = "binome-edge"
logger = logging.getLogger(LOGGER_NAME)
logger.addHandler(logging.NullHandler())


def encode(text: str, *, escape_backslash: bool = True) -> str:
    """``text`` on one visible line: every non-printable character (controls, line and
    paragraph separators, bidi and zero-width format characters, unusual spaces) becomes
    ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``; ``\\`` is doubled so the encoding is unambiguous."""
    out: list[str] = []
    for ch in text:
        if ch == "\\" and escape_backslash:
            out.append("\\\\")
        elif not ch.isprintable():
            code = ord(ch)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


class OneLineFormatter(logging.Formatter):
    """Formats a record, then encodes what is left unsafe (a traceback, a message not built
    by ``log_event``): exactly one physical line per record. Backslashes are kept, so a
    value ``log_event`` already encoded reads the same in the file."""

    def format(self, record: logging.LogRecord) -> str:
        return encode(super().format(record), escape_backslash=False)


def configure(
    *, stream: IO[str] | None = None, path: Path | None = None, level: int = logging.INFO
) -> logging.Handler:
    """Attach one line-safe handler to the ``binome`` logger (replacing an earlier one)."""
    for old in list(logger.handlers):
        if old.get_name() == _HANDLER_NAME:
            logger.removeHandler(old)
            old.close()
    handler: logging.Handler
    if path is not None:
        handler = logging.FileHandler(path, encoding="utf-8")
    else:
        handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.set_name(_HANDLER_NAME)
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


def configure_from_env() -> None:
    """``BINOME_LOG_FILE`` (a path) turns logging to a file on; otherwise nothing is set up."""
    target = os.environ.get("BINOME_LOG_FILE")
    if target:
        configure(path=Path(target).expanduser())


def log_event(event: str, *, level: int = logging.INFO, **fields: object) -> None:
    """``event key=value ...`` with every value encoded. Pass ids and kinds, never text."""
    parts = [encode(event)]
    parts += [f"{encode(key)}={encode(str(value))}" for key, value in sorted(fields.items())]
    logger.log(level, " ".join(parts))


def log_error(exc: BaseException, *, actor: str | None = None, command: str | None = None) -> None:
    """Record a failure at an edge without its parameters (which may hold item text)."""
    fields: dict[str, object] = {"kind": type(exc).__name__}
    if actor:
        fields["actor"] = actor
    if command:
        fields["command"] = command
    if isinstance(exc, BinomeError):
        fields["msgid"] = exc.message
        denied = isinstance(exc, PermissionDenied | NotFound)
        log_event(
            "access.denied" if denied else "user.error",
            level=logging.WARNING if denied else logging.INFO,
            **fields,
        )
        return
    frames = traceback.extract_tb(exc.__traceback__)
    fields["where"] = " < ".join(
        f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(frames[-8:])
    )
    log_event("internal.error", level=logging.ERROR, **fields)
