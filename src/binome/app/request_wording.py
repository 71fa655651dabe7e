"""Requests in words: the options line, the proposal sentence, the invitation message.

The understanding engine and the slot finder return ``Message`` values; this module turns
them into French or English text for a request's own language (a request is answered in
the language it was asked in, whatever the reader's interface language). French comes
from the one gettext catalogue (``make i18n`` folds this module's ``FR`` into it).

Times are shown the French way ("12 h 15–13 h 45", "jeu. 3 déc.") or the English way
("12:15–13:45", "Thu 3 Dec"), always in the principal's zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from binome.domain.errors import N_
from binome.domain.text import Message
from binome.i18n import format_day, format_span, format_time, t

FR: dict[str, str] = {
    " I propose: ": " Je propose : ",
    "No free time fits: {reason}.": "Aucun créneau ne convient : {reason}.",
    "No free time fits ({reason}): which should change, the day or the duration?": (
        "Aucun créneau ne convient ({reason}) : que faut-il changer, le jour ou la durée ?"
    ),
    "I do not know {name}: what is their e-mail address?": (
        "Je ne connais pas {name} : quelle est son adresse e-mail ?"
    ),
    "I find no event matching this request: which one do you mean?": (
        "Je ne trouve aucun événement correspondant : duquel s'agit-il ?"
    ),
    "An invitation from {sender}, who is not in your contacts: to review before anything "
    "is added.": (
        "Une invitation de {sender}, qui n'est pas dans vos contacts : à examiner avant tout ajout."
    ),
    "{ref} changed since it was proposed; ask again.": (
        "{ref} a changé depuis la proposition : refaites la demande."
    ),
    "the time you asked for": "l'heure demandée",
    "same time of day, {date}": "même moment de la journée, {date}",
    "the same time on the new day": "la même heure le nouveau jour",
    "moved by {minutes} min": "décalé de {minutes} min",
    "{minutes} min before {title}": "{minutes} min avant {title}",
    "cancel {title}": "annuler {title}",
    "before the deadline {date}": "avant l'échéance du {date}",
    "Duration: {duration}.": "Durée : {duration}.",
    "Nothing on your calendar then.": "Rien à l'agenda sur cette période.",
    "Busy": "Occupé",
    "Hello {name},": "Bonjour {name},",
    "{organizer} invites you to {title} on {day} from {start} to {end}.": (
        "{organizer} vous invite à « {title} » le {day} de {start} à {end}."
    ),
    "{organizer} moves {title} to {day} from {start} to {end}.": (
        "{organizer} déplace « {title} » au {day} de {start} à {end}."
    ),
    "{organizer} cancels {title} of {day} at {start}.": (
        "{organizer} annule « {title} » du {day} à {start}."
    ),
    "The invitation is attached (draft, not sent).": (
        "L'invitation est jointe (brouillon, non envoyée)."
    ),
    "Invitation: {title}": "Invitation : {title}",
    "Request {id} confirmed: {done}.": "Demande {id} confirmée : {done}.",
    "Request {id} rejected.": "Demande {id} rejetée.",
    "Updated: {title}": "Modification : {title}",
    "Cancelled: {title}": "Annulation : {title}",
}
SHOWN_REASONS = 2  # in the sentence; the JSON keeps them all


def template(msgid: str, lang: str) -> str:
    """The text of ``msgid`` in ``lang``, from the one catalogue."""
    return t(lang, msgid)


def value_text(value: Any, lang: str, tz: tzinfo | None = None) -> str:
    if isinstance(value, Message):
        return say(value, lang, tz)
    if isinstance(value, datetime):
        local = value.astimezone(tz) if tz is not None else value
        return f"{format_day(local.date(), lang)} {format_time(local, lang)}"
    if isinstance(value, date):
        return format_day(value, lang)
    if isinstance(value, time):
        return format_time(datetime.combine(date(2000, 1, 1), value), lang)
    if isinstance(value, timedelta):
        return format_span(value, lang)
    if isinstance(value, list | tuple):
        parts = [value_text(v, lang, tz) for v in value]
        joiner = " et " if lang == "fr" else " and "
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]
    return str(value)


def say(message: Message, lang: str, tz: tzinfo | None = None) -> str:
    """``message`` in ``lang`` (``fr``/``en``), nested messages and dates formatted."""
    text = template(message.msgid, lang)
    values = {k: value_text(v, lang, tz) for k, v in message.params.items()}
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def slot_label(start: datetime, end: datetime, lang: str, tz: tzinfo) -> str:
    """``jeu. 3 déc. 12 h 15–13 h 45`` / ``Thu 3 Dec 12:15–13:45`` in zone ``tz``."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    day = format_day(a.date(), lang, short=True)
    if b.date() != a.date():
        return f"{day} {format_time(a, lang)} – {format_day(b.date(), lang, short=True)} " + (
            format_time(b, lang)
        )
    return f"{day} {format_time(a, lang)}–{format_time(b, lang)}"


def proposal(options: Sequence[dict[str, Any]], lang: str) -> str:
    """`` Je propose : 1) jeu. 3 déc. 12 h 15–13 h 45 (raisons) 2) …``, or ``""``."""
    if not options:
        return ""
    parts = []
    for option in options:
        reasons = "; ".join((option.get("reasons") or [])[:SHOWN_REASONS])
        line = f"{option['n']}) {option['label']}"
        parts.append(f"{line} ({reasons})" if reasons else line)
    return template(N_(" I propose: "), lang) + " ".join(parts)


def duration_words(minutes: int, lang: str) -> str:
    return say(Message.of(N_("Duration: {duration}."), duration=timedelta(minutes=minutes)), lang)
