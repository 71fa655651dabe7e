"""Templates and words: one Jinja2 environment (autoescape always on) and FR/EN text.

``tr(lang, msgid, **params)`` translates an English msgid: the web's own French strings
(``messages_fr.FR``, until the integrator moves them into the gettext catalogue), then the
catalogue (``binome.i18n``). Templates call ``_("...")``; every msgid they use must have a
French entry (a test checks). Values reach HTML only through Jinja2's escaping: nothing is
marked safe, so a title such as ``<script>`` is shown as text (SECURITY.md row 37).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from binome.domain.errors import BinomeError
from binome.i18n import format_day, format_time, render, t

HERE = Path(__file__).parent
SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Bidi overrides and invisible characters (Trojan Source; SECURITY.md row 42): shown as a
# visible code point so "Paul\u202eexe.doc" cannot pass for something else.
INVISIBLE = dict.fromkeys(
    [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
)
for _cp in INVISIBLE:
    INVISIBLE[_cp] = f"\u27e8U+{_cp:04X}\u27e9"


def visible(value: Any) -> Any:
    """Jinja2 ``finalize``: every printed string has its invisible characters made visible."""
    if not isinstance(value, str) or value.isascii():  # every invisible one is non-ASCII
        return value
    return value.translate(INVISIBLE)


def tr(lang: str, msgid: str, **params: Any) -> str:
    """The one gettext catalogue (binome.i18n), as the CLI uses it."""
    return render(msgid, lang, **params) if params else t(lang, msgid)


def error_text(exc: BinomeError, lang: str) -> str:
    return render(exc, lang)


def safe_url(value: str | None) -> str | None:
    """Only http, https and mailto links are made clickable (no ``javascript:``)."""
    if value and value.strip().lower().startswith(SAFE_SCHEMES):
        return value.strip()
    return None


@lru_cache(maxsize=8192)
def _time(value: str | None, lang: str) -> str:
    if not value:
        return ""
    return format_time(datetime.fromisoformat(value), lang)


@lru_cache(maxsize=8192)
def _day(value: str | date | None, lang: str, short: bool = False) -> str:
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(value[:10])
    return format_day(day, lang, short=short)


@lru_cache(maxsize=8192)
def _when(value: str | None, lang: str) -> str:
    if not value:
        return ""
    if len(value) == 10:
        return _day(value, lang)
    stamp = datetime.fromisoformat(value)
    return f"{format_day(stamp.date(), lang)} {format_time(stamp, lang)}"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() per include
        finalize=visible,
    )
    env.globals["safe_url"] = safe_url
    return env


ENV = environment()


def page(request: Request, name: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``templates/<name>`` in ``lang`` with the request's common context."""

    def gettext(msgid: str, **params: Any) -> str:
        return tr(lang, msgid, **params)

    html = ENV.get_template(name).render(
        request=request,
        lang=lang,
        _=gettext,
        time=lambda v: _time(v, lang),
        day=lambda v, short=False: _day(v, lang, short),
        when=lambda v: _when(v, lang),
        path=request.url.path,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def user_page(request: Request, user: Any, name: str, **context: Any) -> HTMLResponse:
    """A page for a logged-in ``user`` (``auth.User``): adds the nav and the CSRF token."""
    from binome.web.csrf import csrf_token

    return page(request, name, user.lang, user=user, csrf=csrf_token(user.token), **context)


def user_page_once(
    request: Request, user: Any, name: str, tag: str, **context: Any
) -> HTMLResponse:
    """``user_page``, rendered once per view tag (``app.read_cache.view_tag``: the data
    version, reader, language and minute the context was computed for), session and page:
    the same tag means the same context, so the same HTML. Per session (the CSRF token is
    part of the key and of the page): one reader's page is never another's."""
    from binome.web.csrf import csrf_token

    pages = getattr(request.app.state, "pages", None)
    if pages is None:
        return user_page(request, user, name, **context)
    key = (tag, name, csrf_token(user.token), user.lang, request.url.path, user.name)
    body = pages.get(key)
    if body is None:
        response = user_page(request, user, name, **context)
        pages.put(key, bytes(response.body))
        return response
    return HTMLResponse(body)


def day_label(value: str, lang: str) -> str:
    return _day(value, lang, short=True)


def request_lang_public(request: Request) -> str:
    from binome.web.auth import request_lang

    return request_lang(request, None)
