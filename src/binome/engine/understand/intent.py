"""Which of the seven intents a request expresses, by readable keyword rules.

Rules run in a fixed order, most specific first: a question about the calendar, a
reminder, a cancellation, a move, an explicit task, blocking time, then a meeting; a
sentence that starts with an action verb and carries a deadline is a task. Blocking
verbs with a person ("Bloque une visio avec les investisseurs") schedule a meeting.
"""

from __future__ import annotations

import re

from binome.engine.understand import lexicon_en as en
from binome.engine.understand import lexicon_fr as fr

INTENTS = (
    "schedule_meeting",
    "move_event",
    "cancel_event",
    "block_time",
    "add_task",
    "remind",
    "ask_info",
)


def _any(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def _strip_prefix(text: str) -> str:
    """Drop "urgent:", "please", "hey," before the verb."""
    text = re.sub(r"^\s*(?:urgent|important|asap)\s*[:!,-]\s*", "", text)
    text = re.sub(r"^\s*(?:hey|hi|bonjour|salut)\s*,?\s*", "", text)
    return re.sub(r"^\s*(?:please|stp|svp)\s+", "", text).strip()


def detect_intent(folded: str) -> str:
    """The intent of a folded request (see ``INTENTS``)."""
    text = _strip_prefix(folded)
    if _any(fr.ASK + en.ASK, text):
        return "ask_info"
    if _any(fr.REMIND + en.REMIND, text):
        return "remind"
    if _any(fr.CANCEL + en.CANCEL, text):
        return "cancel_event"
    if _any(fr.MOVE + en.MOVE, text):
        return "move_event"
    if _any(fr.TASK + en.TASK, text) and not _any((r"\bwith\b", r"\bavec\b"), text):
        return "add_task"
    with_person = re.search(r"\b(?:avec|with)\b", text)
    if _any(fr.BLOCK + en.BLOCK, text):
        return "schedule_meeting" if with_person else "block_time"
    if _any(fr.MEETING + en.MEETING, text) or with_person:
        return "schedule_meeting"
    return "add_task"
