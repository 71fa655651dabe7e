"""``interpret``: one sentence in, an ``Understanding`` out (interpretation, people, question).

Per-intent readers live here; each is short and names what it takes from the sentence.
The result never guesses silently: when the sentence is ambiguous ``question`` holds the
one clarifying question to ask, and ``interpretation`` holds the project's convention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from binome.domain.errors import N_, InvalidInput
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.understand import interpretation as itp
from binome.engine.understand.facts import DAYPARTS, Facts, at, midnight
from binome.engine.understand.intent import detect_intent
from binome.engine.understand.normalize import fold
from binome.engine.understand.people import (
    KnownPerson,
    PersonMatch,
    extract_participants,
    match_people,
)
from binome.engine.understand.temporal import scan
from binome.engine.understand.titles import guess_title

_FR_MARKS = re.compile(
    r"\b(?:le|la|les|de|du|des|avec|demain|moi|un|une|pour|je|tu|est|et|mon|ma|mes|qu|d|l|"
    r"cette|semaine|prochain|rappelle|annule|heure|heures|quoi|suis)\b|[àâçéèêëîïôûù]"
)
_EN_MARKS = re.compile(
    r"\b(?:the|to|with|my|me|on|at|in|for|is|and|i|you|can|tomorrow|next|week|what|am|"
    r"remind|cancel|move|block|by|of|an?)\b"
)
MAX_CHARS = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class Understanding:
    """A request as understood: ``interpretation`` has exactly SCHEMA.md's keys."""

    text: str
    lang: str
    interpretation: dict[str, Any]
    people: list[PersonMatch] = field(default_factory=list)
    question: Message | None = None
    restatement: Message = field(default_factory=lambda: Message(""))


def detect_lang(text: str) -> str:
    """``fr`` or ``en`` by counting marker words (accents count for French)."""
    fr_hits = len(_FR_MARKS.findall(text.lower()))
    en_hits = len(_EN_MARKS.findall(text.lower()))
    return "fr" if fr_hits >= en_hits and fr_hits else ("en" if en_hits else "fr")


def flags(folded: str, out: dict[str, Any]) -> None:
    """``urgent`` and ``priority`` from explicit words only (SCHEMA.md)."""
    low = re.search(
        r"pas (?:urgent|presse|pressee)|not urgent|low priority|no rush|pas prioritaire", folded
    )
    urgent = re.search(
        r"\burgent\b|\basap\b|au plus vite|il faut absolument|des que possible|right away", folded
    )
    if low:
        out["priority"] = "low"
    elif urgent:
        out["urgent"], out["priority"] = True, "high"
    elif re.search(r"\bimportant\b|\bprioritaire\b|high priority|\bcritical\b|\bcrucial\b", folded):
        out["priority"] = "high"


def interpret(
    text: str,
    *,
    now: datetime,
    tz: str,
    lang: str = "auto",
    people: Sequence[KnownPerson] = (),
) -> Understanding:
    """Read one request typed in French or English, relative to ``now`` in zone ``tz``."""
    if not text.strip():
        raise InvalidInput(N_("The request is empty."), field="text")
    if len(text) > MAX_CHARS:
        raise InvalidInput(
            N_("The request is too long (over {limit} characters)."), limit=MAX_CHARS
        )
    tzinfo = zone(tz)
    now = now.astimezone(tzinfo)
    folded = fold(text)
    language = detect_lang(text) if lang == "auto" else lang
    intent = detect_intent(folded)
    out = itp.empty_interpretation(intent)
    out["participants"] = extract_participants(text, folded)
    out["title"] = guess_title(text, folded, intent)
    flags(folded, out)
    facts = _READERS[intent](folded, out, now, tzinfo)
    matches = match_people(out["participants"], people)
    from binome.engine.understand.reformulate import clarifying_question, restate

    understanding = Understanding(text=text, lang=language, interpretation=out, people=matches)
    question = clarifying_question(understanding, facts, now)
    return Understanding(
        text=text,
        lang=language,
        interpretation=out,
        people=matches,
        question=question,
        restatement=restate(understanding, now),
    )


def _common(f: Facts, out: dict[str, Any]) -> None:
    if f.recurrence:
        out["recurrence"] = f.recurrence
    if f.duration and out["duration_minutes"] is None:
        out["duration_minutes"] = f.duration


def _schedule(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    deadline, rest = itp.take_deadline(folded, now, tz)
    f = scan(rest, now=now)
    out["deadline"] = deadline.isoformat() if deadline else None
    when = itp.build_when(f, out["intent"], now, tz)
    if when is None and deadline is not None:
        when = itp.when_dict(now, deadline, exact=False)
    if out["intent"] == "ask_info" and when is None:
        when = itp.when_dict(now, None, exact=False)
    out["when"] = when
    _common(f, out)
    return f


def _block(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    anchored = itp.relative_anchor(folded)
    if anchored:
        minutes, side, rest = anchored
        ref = scan(rest, now=now)
        out["event_ref"] = itp.event_ref_from(ref, now, tz, None)
        if ref.clock:
            anchor = datetime.fromisoformat(out["event_ref"]["start"])
            start = anchor - timedelta(minutes=minutes) if side == "avant" else anchor
            out["when"] = itp.when_dict(start, start + timedelta(minutes=minutes), exact=True)
        out["duration_minutes"] = minutes
        return ref
    f = _schedule(folded, out, now, tz)
    when = out["when"]
    if when and when["exact"] and when["end"] and f.daypart and not out["duration_minutes"]:
        start, end = (datetime.fromisoformat(out["when"][k]) for k in ("start", "end"))
        out["duration_minutes"] = int((end - start).total_seconds() // 60)
    return f


def _task(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    deadline, rest = itp.take_deadline(folded, now, tz)
    f = scan(rest, now=now)
    if deadline is None and f.day:
        deadline = at(f.day, f.clock or time(0), tz)
    out["deadline"] = deadline.isoformat() if deadline else None
    _common(f, out)
    return f


def _remind(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    anchored = itp.relative_anchor(folded)
    if anchored:
        minutes, side, rest = anchored
        ref = scan(rest, now=now)
        out["event_ref"] = itp.event_ref_from(ref, now, tz, out["title"])
        out["reminder_offset_minutes"] = -minutes if side == "avant" else minutes
        return ref
    m = re.search(r"\b(?:the day before|la veille d[eu]|le jour d'avant)\s+(.*)", folded)
    if m:
        ref = scan(m.group(1), now=now)
        if ref.day:
            day = ref.day - timedelta(days=1)
            out["when"] = itp.when_dict(midnight(day, tz), midnight(ref.day, tz), exact=False)
            return ref
    f = scan(folded, now=now)
    out["when"] = itp.build_when(f, "remind", now, tz)
    _common(f, out)
    out["duration_minutes"] = None
    return f


def _move(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    halves = itp.split_move(folded, now)
    hint = out["title"]
    if halves is None:
        f = scan(folded, now=now)
        out["event_ref"] = itp.event_ref_from(f, now, tz, hint)
        if f.duration:
            earlier = re.search(r"\bavance|\bearlier\b|\bforward\b|\bplus tot\b", folded)
            out["shift_minutes"] = -f.duration if earlier else f.duration
        return f
    ref = scan(halves[0], now=now)
    target = scan(halves[1], now=now, base_day=ref.day)
    out["event_ref"] = itp.event_ref_from(ref, now, tz, hint)
    if target.day is None and target.span is None and target.offset is None:
        target.day = ref.day
    day_only = not (target.clock or target.daypart or target.span or target.offset)
    out["keep_time_of_day"] = target.keep_time or (day_only and target.day is not None)
    out["when"] = itp.build_when(target, "move_event", now, tz)
    return target


def _cancel(folded: str, out: dict[str, Any], now: datetime, tz: ZoneInfo) -> Facts:
    f = scan(folded, now=now)
    if re.search(
        r"\baltogether\b|\bdefinitivement\b|toute la serie|\bfor good\b|\bthe series\b", folded
    ):
        out["scope"] = "all"
        out["event_ref"] = itp.ref_dict(title_hint=out["title"])
        return f
    if re.search(r"a partir d|from now on|et les suivant|and all following", folded):
        out["scope"] = "this_and_future"
    everything = re.search(
        r"\beverything\b|\btout\b|\btous mes\b|\ball my\b|\ball meetings\b", folded
    )
    if everything and f.day and f.daypart:
        lo, hi = DAYPARTS[f.daypart]
        rng = {
            "start": at(f.day, time(lo), tz).isoformat(),
            "end": at(f.day, time(hi), tz).isoformat(),
        }
        out["event_ref"] = itp.ref_dict(range=rng, all_matching=True)
    elif everything and f.day:
        rng = {
            "start": midnight(f.day, tz).isoformat(),
            "end": midnight(f.day + timedelta(days=1), tz).isoformat(),
        }
        out["event_ref"] = itp.ref_dict(range=rng, all_matching=True)
    else:
        out["event_ref"] = itp.event_ref_from(f, now, tz, out["title"])
    return f


_READERS = {
    "schedule_meeting": _schedule,
    "ask_info": _schedule,
    "block_time": _block,
    "add_task": _task,
    "remind": _remind,
    "move_event": _move,
    "cancel_event": _cancel,
}
