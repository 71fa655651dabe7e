"""Folding text for matching: lower case, accents removed, quotes unified, same length.

The rules match on folded text (``apres-midi``) but names and titles are cut from the
original (``après-midi``, ``Inès``); folding one character into exactly one character keeps
every index valid in both strings, so a match span can be read back from the original.
"""

from __future__ import annotations

import unicodedata

_SAME = {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "\u00a0": " ", "\u202f": " "}


def fold(text: str) -> str:
    """``text`` lower-cased without accents, one output character per input character."""
    out = []
    for ch in text:
        if ch in _SAME:
            out.append(_SAME[ch])
            continue
        base = unicodedata.normalize("NFD", ch)[:1].lower()[:1]
        out.append(base or ch)
    return "".join(out)


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (a consumed phrase)."""
    return text[:start] + " " * (end - start) + text[end:]
