"""The one error handler of the web app (SECURITY.md row 22; STYLE.md §7).

Every failure leaves as one shape: for the API ``{"error": {"status", "message", "id"}}``,
for pages an error page with the same message and id. A user error shows its own message
in the reader's language; anything else shows a generic message, and the full traceback
goes to the server log under the same id — never a stack trace, SQL or secret to the
client. A page asked for without a session answers a redirect to the login page.
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from binome.domain.errors import N_, BinomeError, InvalidInput, NotFound, UserError
from binome.web.auth import LoginRequired, request_lang
from binome.web.render import error_text, page, tr

log = logging.getLogger("binome.web")

GENERIC = N_("Something went wrong on our side. Quote this reference: {id}.")
HTTP_MESSAGES = {
    404: N_("Not found."),
    405: N_("This action is not allowed here."),
}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _respond(request: Request, status: int, message_of: object, error_id: str) -> Response:
    lang = getattr(request.state, "lang", None) or request_lang(request, None)
    if isinstance(message_of, BinomeError):
        message = error_text(message_of, lang)
    else:
        message = tr(lang, str(message_of), id=error_id)
    if wants_json(request):
        body = {"error": {"status": status, "message": message, "id": error_id}}
        headers = {"www-authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body, status_code=status, headers=headers)
    return page(
        request, "error.html", lang, status=status, user=None, message=message, error_id=error_id
    )


def _error_id() -> str:
    return secrets.token_hex(6)


async def on_binome_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BinomeError)
    if isinstance(exc, LoginRequired) and not wants_json(request):
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    error_id = _error_id()
    if not isinstance(exc, UserError):
        log.error("error %s: %s", error_id, exc.english(), exc_info=exc)
        return _respond(request, 500, GENERIC, error_id)
    if isinstance(exc, NotFound):
        log.info("not found %s %s: %s", error_id, request.url.path, exc.english())
    return _respond(request, exc.http_status, exc, error_id)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = HTTP_MESSAGES.get(exc.status_code, N_("Invalid request."))
    return _respond(request, exc.status_code, message, _error_id())


async def on_validation_error(request: Request, exc: Exception) -> Response:
    # FastAPI's default echoes the input back; a short, generic message is enough.
    return _respond(request, 422, InvalidInput(N_("Invalid request.")), _error_id())


async def on_unexpected(request: Request, exc: Exception) -> Response:
    error_id = _error_id()
    log.error("unexpected error %s on %s", error_id, request.url.path, exc_info=exc)
    return _respond(request, 500, GENERIC, error_id)


def install(app: FastAPI) -> None:
    app.add_exception_handler(BinomeError, on_binome_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
