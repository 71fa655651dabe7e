"""French and English for every user-facing text (gettext catalogues, Babel formats).

English msgids live in the code (marked ``N_``); ``fr/LC_MESSAGES/binome.po`` holds the
French. At run time the compiled ``.mo`` is used when present (``make`` compiles it), else the
``.po`` is read with Babel, so a plain ``pip install`` works too. ``render`` turns a
``Message`` or a ``BinomeError`` into text in the reader's language, formatting dates, times
and durations with Babel's CLDR data for that locale.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from binome.domain.errors import BinomeError
from binome.domain.text import Message

LANGS = ("fr", "en")
HERE = Path(__file__).parent
LOCALE = {"fr": "fr_FR", "en": "en_GB"}


@lru_cache(maxsize=4)
def catalog(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    mo = HERE / lang / "LC_MESSAGES" / "binome.mo"
    po = HERE / lang / "LC_MESSAGES" / "binome.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.exists():
        return _PoTranslations(po)
    return _gettext.NullTranslations()


class _PoTranslations(_gettext.NullTranslations):
    def __init__(self, path: Path) -> None:
        super().__init__()
        from babel.messages.pofile import read_po

        with path.open("rb") as handle:
            cat = read_po(handle)
        self._map: dict[str, str] = {}
        for m in cat:
            if m.id and m.string and isinstance(m.id, str) and isinstance(m.string, str):
                self._map[m.id] = m.string

    def gettext(self, message: str) -> str:
        return self._map.get(message, message)


def check_lang(lang: str | None) -> str:
    from binome.domain.errors import N_, InvalidInput

    if lang is None:
        return "fr"
    value = lang.strip().lower()[:2]
    if value not in LANGS:
        raise InvalidInput(N_("Unknown language: {value} (fr, en)."), value=lang)
    return value


def t(lang: str, msgid: str) -> str:
    """The translation of ``msgid`` (the English text itself for English)."""
    return catalog(lang).gettext(msgid)


def render(
    item: Message | BinomeError | str, lang: str, in_tz: tzinfo | None = None, **params: Any
) -> str:
    """Render a message, an error or a plain msgid with ``params`` in ``lang``."""
    if isinstance(item, BinomeError):
        text = _format(t(lang, item.message), dict(item.params), lang, in_tz)
        return f"{item.where}: {text}" if item.where else text
    if isinstance(item, Message):
        return _format(t(lang, item.msgid), {**item.params, **params}, lang, in_tz)
    return _format(t(lang, item), params, lang, in_tz)


def _format(template: str, params: dict[str, Any], lang: str, tz: tzinfo | None) -> str:
    values = {k: fmt_value(v, lang, tz) for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def fmt_value(value: Any, lang: str, tz: tzinfo | None = None) -> str:
    if isinstance(value, Message | BinomeError):
        return render(value, lang, tz)
    if isinstance(value, datetime):
        return format_datetime(value, lang, tz)
    if isinstance(value, date):
        return format_day(value, lang)
    if isinstance(value, timedelta):
        return format_span(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(fmt_value(v, lang, tz) for v in value)
    return str(value)


def format_time(value: datetime, lang: str, tz: tzinfo | None = None) -> str:
    """``14 h 30`` / ``14:30`` (French typography vs English 24-hour)."""
    local = value.astimezone(tz) if tz is not None and value.tzinfo else value
    if lang == "fr":
        return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"
    return f"{local:%H:%M}"


def format_day(value: date, lang: str, *, short: bool = False) -> str:
    """``jeudi 3 décembre`` / ``Thursday 3 December`` (``jeu. 3 déc.`` when short)."""
    from babel.dates import format_date

    pattern = "EEE d MMM" if short else "EEEE d MMMM"
    return str(format_date(value, pattern, locale=LOCALE[lang]))


def format_datetime(value: datetime, lang: str, tz: tzinfo | None = None) -> str:
    local = value.astimezone(tz) if tz is not None and value.tzinfo else value
    return f"{format_day(local.date(), lang)} {format_time(local, lang)}"


def format_span(value: timedelta, lang: str) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if lang == "fr":
        if hours and rest:
            return f"{hours} h {rest:02d}"
        return f"{hours} h" if hours else f"{rest} min"
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"
