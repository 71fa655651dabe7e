"""Slots and the work style in the reader's language: the ``--json`` contract and the lines.

``say`` renders a ``Message`` like ``binome.i18n.render`` does, and falls back on the French
dicts kept beside the code that emits the msgids (``domain.messages_fr``,
``engine.messages_fr``, ``present.slot_messages_fr``) while the gettext catalogue does not yet
hold them, so ``--lang fr`` is French either way.

JSON (``slots_json``), stable snake_case fields; instants are ISO 8601 with the offset of
the principal's zone (``start``, ``end``) or of each participant's zone (``local``):

    {"from", "to", "tz", "duration_minutes", "kind", "count", "found",
     "participants": [{"email", "name", "tz", "country", "hours", "principal"}],
     "slots": [{"rank", "start", "end", "score", "local": [...], "reasons": [str]}],
     "blocked_by": str | null,
     "near_misses": [{"start", "end", "relaxed": str, "local": [...], "reasons": [str]}],
     "notes": [str]}

where each ``local`` item is ``{"email", "name", "tz", "start", "end"}``; a participant's
``hours`` is null for the principal, whose hours vary by weekday in the profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from binome.app.slots import SlotAnswer
from binome.domain.errors import N_, BinomeError
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.availability import Participant
from binome.engine.slot_score import Slot
from binome.i18n import fmt_value, format_day, format_time, t

__all__ = ["say", "slot_lines", "slots_json"]

HOURS_WORDS = "inside everyone's hours: {times}"  # the msgid of engine.slot_score


@cache
def _fallback(lang: str) -> dict[str, str]:
    if lang != "fr":
        return {}
    from binome.domain.messages_fr import FR as DOMAIN
    from binome.engine.messages_fr import FR as ENGINE
    from binome.present.slot_messages_fr import FR as PRESENT

    return {**DOMAIN, **ENGINE, **PRESENT}


def text_of(msgid: str, lang: str) -> str:
    """The translation of ``msgid``: the catalogue's, else the dicts beside the code."""
    found = t(lang, msgid)
    return _fallback(lang).get(msgid, found) if found == msgid else found


def say(item: Message | BinomeError | str, lang: str, **params: Any) -> str:
    """``item`` in ``lang``, nested messages included."""
    if isinstance(item, BinomeError):
        msgid, values = item.message, dict(item.params)
    elif isinstance(item, Message):
        msgid, values = item.msgid, {**item.params, **params}
    else:
        msgid, values = item, params
    shown = {
        k: say(v, lang) if isinstance(v, Message | BinomeError) else fmt_value(v, lang)
        for k, v in values.items()
    }
    try:
        return text_of(msgid, lang).format(**shown)
    except (KeyError, IndexError, ValueError):
        return text_of(msgid, lang)


def _people(answer: SlotAnswer) -> tuple[Participant, ...]:
    return (answer.principal, *answer.others)


def _local(answer: SlotAnswer, slot: Slot) -> list[dict[str, Any]]:
    return [
        {
            "email": p.key,
            "name": p.name,
            "tz": p.tz,
            "start": slot.span.start.astimezone(zone(p.tz)).isoformat(),
            "end": slot.span.end.astimezone(zone(p.tz)).isoformat(),
        }
        for p in _people(answer)
    ]


def _iso(moment: datetime, tz: str) -> str:
    return moment.astimezone(zone(tz)).isoformat()


def slots_json(answer: SlotAnswer, lang: str) -> dict[str, Any]:
    """The ``binome slots --json`` object (see the module docstring)."""
    result, tz = answer.result, answer.tz
    return {
        "from": _iso(answer.window.start, tz),
        "to": _iso(answer.window.end, tz),
        "tz": tz,
        "duration_minutes": int(answer.duration.total_seconds() // 60),
        "kind": answer.kind,
        "count": answer.count,
        "found": bool(result.slots),
        "participants": [
            {
                "email": p.key,
                "name": p.name,
                "tz": p.tz,
                "country": p.country,
                "hours": None if p is answer.principal else p.hours.render(),
                "principal": p is answer.principal,
            }
            for p in _people(answer)
        ],
        "slots": [
            {
                "rank": rank,
                "start": _iso(slot.span.start, tz),
                "end": _iso(slot.span.end, tz),
                "score": slot.score,
                "local": _local(answer, slot),
                "reasons": [say(r, lang) for r in slot.reasons],
            }
            for rank, slot in enumerate(result.slots, 1)
        ],
        "blocked_by": None if result.blocked_by is None else say(result.blocked_by, lang),
        "near_misses": [
            {
                "start": _iso(m.slot.span.start, tz),
                "end": _iso(m.slot.span.end, tz),
                "relaxed": say(m.relaxed, lang),
                "local": _local(answer, m.slot),
                "reasons": [say(r, lang) for r in _miss_reasons(m.slot)],
            }
            for m in result.near_misses
        ],
        "notes": [say(n, lang) for n in answer.notes],
    }


def _miss_reasons(slot: Slot) -> list[Message]:
    """A near miss is not inside everyone's hours: say "local times" instead."""
    return [
        Message.of(N_("local times: {times}"), **r.params) if r.msgid == HOURS_WORDS else r
        for r in slot.reasons
    ]


def _when(slot: Slot, tz: str, lang: str) -> str:
    start, end = slot.span.start.astimezone(zone(tz)), slot.span.end.astimezone(zone(tz))
    return f"{format_day(start.date(), lang)} {format_time(start, lang)}–{format_time(end, lang)}"


def _clocks(answer: SlotAnswer, slot: Slot, lang: str) -> str:
    """Each other participant's local start, e.g. ``Paul 8 h (New York)``."""
    parts = []
    for p in answer.others:
        local = slot.span.start.astimezone(zone(p.tz))
        city = p.tz.rsplit("/", 1)[-1].replace("_", " ")
        day = "" if p.tz == answer.tz else f"{format_day(local.date(), lang, short=True)} "
        parts.append(f"{p.name} {day}{format_time(local, lang)} ({city})")
    return " · ".join(parts)


def slot_lines(answer: SlotAnswer, lang: str) -> list[str]:
    """``binome slots`` for people: one line per slot, its reasons below, or why none."""
    names = ", ".join(p.name for p in answer.others) or "-"
    minutes = int(answer.duration.total_seconds() // 60)
    lines = [say("Slots of {minutes} min with {names} ({zone} time):", lang,
                 minutes=minutes, names=names, zone=answer.tz)]  # fmt: skip
    for rank, slot in enumerate(answer.result.slots, 1):
        lines += _slot_block(f"{rank}.", answer, slot, slot.reasons, lang)
    result = answer.result
    if not result.slots:
        blocked = say(result.blocked_by, lang) if result.blocked_by else "-"
        lines.append(say("No slot fits; what blocks most: {blocked}.", lang, blocked=blocked))
        if result.near_misses:
            lines.append(say("Closest options if one constraint gave way:", lang))
        for miss in result.near_misses:
            lines += _slot_block("-", answer, miss.slot, (miss.relaxed,), lang)
    lines += [f"({say(n, lang)})" for n in answer.notes]
    return lines


def _slot_block(
    mark: str, answer: SlotAnswer, slot: Slot, reasons: Iterable[Message], lang: str
) -> list[str]:
    clocks = _clocks(answer, slot, lang)
    head = f"{mark} {_when(slot, answer.tz, lang)}" + (f" · {clocks}" if clocks else "")
    return [head, *_indent(say(r, lang) for r in reasons)]


def _indent(texts: Iterable[str]) -> list[str]:
    return [f"   {text}" for text in texts]


def profile_lines(lines: Sequence[Message], stored: bool, lang: str) -> list[str]:
    """``binome profile show``: the profile in plain words, and whether it is the default."""
    out = [say(m, lang) for m in lines]
    if not stored:
        out.append(say("(Default work style: none stored yet.)", lang))
    return out
