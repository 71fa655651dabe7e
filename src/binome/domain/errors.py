"""The one exception tree of binome, and the messages it carries.

Every error a user can cause is a ``UserError``; its text is a message id (English, marked
with ``N_`` so Babel extracts it) plus named fields, rendered in the reader's language by the
interface (one Typer wrapper, one FastAPI handler). Nothing here is formatted for a screen.

    BinomeError
    ├── UserError                 exit 1, HTTP 4xx: the user can fix it
    │   ├── InvalidInput          a value is malformed or impossible (HTTP 422)
    │   │   └── ParseError        a file could not be read (file, line)
    │   ├── NotFound              no such object for this reader (HTTP 404)
    │   ├── Conflict              stale version, duplicate (HTTP 409)
    │   ├── PermissionDenied      the reader may not do this (HTTP 403)
    │   └── Unavailable           a needed resource is missing (key, database) (HTTP 503)
    └── InternalError             a bug: generic message, details only in the log
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it (gettext's ``N_``)."""
    return msgid


class BinomeError(Exception):
    """Root of binome's errors. ``message`` is an English msgid with ``{field}`` slots."""

    message: str = N_("Unexpected error.")
    exit_code: int = 1
    http_status: int = 500

    def __init__(
        self,
        message: str | None = None,
        /,
        *,
        where: str | None = None,
        hint: str | None = None,
        **params: Any,
    ) -> None:
        if message is not None:
            self.message = message
        self.where = where
        self.hint = hint
        self.params: Mapping[str, Any] = params
        super().__init__(self.english())

    def english(self) -> str:
        """The message in English, for logs and tracebacks (never confidential text)."""
        try:
            text = self.message.format(**self.params)
        except (KeyError, IndexError, ValueError):
            text = self.message
        if self.where:
            text = f"{self.where}: {text}"
        return text


class UserError(BinomeError):
    http_status = 400


class InvalidInput(UserError):
    message = N_("Invalid value.")
    http_status = 422


class ParseError(InvalidInput):
    message = N_("The file could not be read.")


class NotFound(UserError):
    message = N_("Not found.")
    http_status = 404


class Conflict(UserError):
    message = N_("Conflict with the current state.")
    http_status = 409


class PermissionDenied(UserError):
    message = N_("You are not allowed to do this.")
    http_status = 403


class Unavailable(UserError):
    message = N_("A required resource is unavailable.")
    http_status = 503


class InternalError(BinomeError):
    message = N_("Internal error.")
    http_status = 500
