"""A short topic for the request ("déjeuner", "call the lawyer"): informative only.

The schema compares titles loosely, so this stays simple: a quoted label, a meeting noun
(with its qualifier), or the action phrase of a task, reminder or block, cut before the
first time word.
"""

from __future__ import annotations

import re

from binome.engine.understand import lexicon_en as en
from binome.engine.understand import lexicon_fr as fr

_NOUNS = sorted(fr.MEETING_NOUNS + en.MEETING_NOUNS, key=len, reverse=True)
_CUT = (
    r"\s+(?:avant|d'ici|pour le|before|by|due|demain|aujourd'hui|today|tomorrow|on|le(?= \d)"
    r"|ce|cette|this|next|in|dans|at|a|à|tous|every|chaque|lundi|mardi|mercredi|jeudi|vendredi"
    r"|monday|tuesday|wednesday|thursday|friday|avec|with)\b|[,.;!?]"
)
_ACTION = (
    r"(?:tache|task|to-?do)\s*:?\s*(?:to\s+)?(.+)",
    r"(?:rappelle-moi|fais-moi penser|remind me)\s+(?:\S+\s+){0,3}?(?:de |d'|a |to )(.+)",
    r"(?:note qu'il faut|il faut|pense a|need to|je dois|i have to|i must)\s+(.+)",
    (
        r"\b(?:pour|for|to)\s+"
        r"((?:preparer|relire|prep|review|travail|du travail|emails?|la revue|the budget).+)"
    ),
    r"^(?:urgent\s*:\s*)?((?:send|call|review|sign|book|envoyer|appeler|valider|relancer)\b.+)",
)


def _cut(original: str, folded: str, start: int) -> str | None:
    m = re.search(_CUT, folded[start:])
    end = start + m.start() if m else len(folded)
    title = original[start:end].strip(" :'\"«»")
    return title or None


def guess_title(text: str, folded: str, intent: str) -> str | None:
    """The request's topic, from the original text, or ``None``."""
    quoted = re.search(r"[\"«“]\s*([^\"»”]+?)\s*[\"»”]", text)
    if quoted:
        return quoted.group(1)
    if intent in ("add_task", "remind", "block_time"):
        for pattern in _ACTION:
            m = re.search(pattern, folded)
            if m:
                return _cut(text, folded, m.start(1))
        m = re.search(r"\b(?:pour|for|to)\s+(?!(?:\d|une?\b|an?\b|deux|two|the whole))(.+)", folded)
        if intent == "block_time" and m:
            return _cut(text, folded, m.start(1))
        if intent != "block_time":
            return None
    for noun in _NOUNS:
        m = re.search(rf"\b{re.escape(noun)}\b", folded)
        if m:
            return text[m.start() : m.end()]
    return None
