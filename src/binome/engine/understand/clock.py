"""Clock times and durations: "15h", "15 h 30", "3pm", "4:30", "midi", "1h30", "90 min".

French writes 24-hour times with "h" ("17h30"); English uses am/pm, or a bare hour that in
office talk means the afternoon ("at 4", "from 4 to 4:30" → 16:00). "2h" or "1h30" with no
"à"/"at" before it is a length, not a time ("bloque 2h vendredi"). Ranges "de 10h à 11h30"
are exact slots; "entre 14h et 16h" are windows (``Facts.between``).
"""

from __future__ import annotations

import re
from datetime import time

from binome.engine.understand.facts import NUM, Facts, consume, number
from binome.engine.understand.normalize import blank

_T = r"(\d{1,2})(?:\s*(?:h|:)\s*(\d{2})?|\s*(am|pm|a\.m\.|p\.m\.))"


def _clock_value(
    hour: str, minute: str | None, ampm: str | None, sep: str, lang_en: bool
) -> time | None:
    h, mi = int(hour), int(minute or 0)
    if ampm and ampm.startswith("p") and h < 12:
        h += 12
    if ampm and ampm.startswith("a") and h == 12:
        h = 0
    if not ampm and sep != "h" and lang_en and 1 <= h <= 7:
        h += 12  # "at 4", "4:30": office hours, not 04:00
    if h > 23 or mi > 59:
        return None
    return time(h, mi)


def _one_time(raw: str) -> time | None:
    raw = raw.strip()
    if raw in ("midi", "noon"):
        return time(12)
    if raw in ("minuit", "midnight"):
        return time(0)
    m = re.fullmatch(r"(\d{1,2})\s*(h|:)?\s*(\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?", raw)
    if not m:
        return None
    return _clock_value(m.group(1), m.group(3), m.group(4), m.group(2) or "", m.group(2) != "h")


_CLOCK = (
    r"(?:\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?:\s*(?:am|pm))?|\d{1,2}\s*(?:am|pm)|midi|noon|\d{1,2})"
)


def read_clock(text: str, f: Facts) -> str:
    rng = (
        rf"\b(de|des|from|entre|between)\s+({_CLOCK})\s*(?:a|à|to|et|and|-|jusqu'a|until)\s+"
        rf"({_CLOCK})(?!\s*(?:min|jours?|days?|heures|hours))"
    )
    m = re.search(rng, text)
    if m:
        a, b = _one_time(m.group(2)), _one_time(m.group(3))
        if a and b:
            if b <= a and b.hour + 12 < 24 and not re.search(r"h", m.group(3)):
                b = time(b.hour + 12, b.minute)
            f.clock, f.clock_end, f.between = a, b, m.group(1) in ("entre", "between")
            return blank(text, m.start(), m.end())
    m, text = consume(r"\b(?:a |at |vers |around )?(midi|noon|minuit|midnight)\b", text)
    if m:
        f.clock = _one_time(m.group(1))
        return text
    explicit = r"\b(\d{1,2})\s*(?:(h)\s*(\d{2})?|(:)\s*(\d{2})|(am|pm|a\.m\.|p\.m\.))(?![\w])"
    for m in re.finditer(explicit, text):
        minute = m.group(3) or m.group(5)
        if m.group(2) and _is_duration_h(text, m.start(), int(m.group(1)), bool(minute)):
            continue
        sep = "h" if m.group(2) else (":" if m.group(4) else "")
        f.clock = _clock_value(m.group(1), minute, m.group(6), sep, sep != "h")
        return blank(text, m.start(), m.end())
    m, text = consume(
        r"\b(?:at|from|to|a)\s+(\d{1,2})\b(?![\s-]*(?:min|heure|hour|jour|day|semaine|week|%|personnes?|people))",
        text,
    )
    if m:
        f.clock = _clock_value(m.group(1), None, None, "", True)
    return text


def _is_duration_h(text: str, start: int, hour: int, minutes: bool) -> bool:
    """Whether "2h" / "1h30" is a length, not a clock time: no "à"/"vers" before, early hour."""
    before = text[:start].rstrip().rsplit(" ", 1)[-1] if text[:start].strip() else ""
    if before in ("a", "vers", "jusqu'a", "entre", "et", "avant", "apres", "d'ici"):
        return False
    if hour < 6 and before in ("de", "d'", "pendant", "pour", ""):
        return before != "" or not minutes
    if minutes:
        return False
    return before != "" and before not in (
        "a",
        "de",
        "des",
        "vers",
        "entre",
        "et",
        "jusqu'a",
        "avant",
        "apres",
        "pour",
        "d'ici",
        "le",
    )


_DUR = (
    (r"\bune heure et quart\b|\ban hour and a quarter\b", 75),
    (r"\bune heure et demie\b|\ban hour and a half\b|\bone and a half hours?\b", 90),
    (r"\b(?:une )?demi-heure\b|\bhalf an hour\b|\bhalf-hour\b", 30),
    (r"\bun quart d'heure\b|\ba quarter of an hour\b|\bquarter of an hour\b", 15),
)


def read_durations(text: str, f: Facts) -> None:
    for pattern, minutes in _DUR:
        if re.search(pattern, text):
            f.duration = minutes
            return
    m = re.search(r"\b(\d{1,2})\s*h\s*(\d{2})\b", text)
    if m:
        f.duration = int(m.group(1)) * 60 + int(m.group(2))
        return
    m = re.search(
        r"\b(?:an?|une?|d'une)\s+(?:free\s+|full\s+|good\s+|petite\s+)?(?:hour|heure)\b", text
    )
    if m:
        f.duration = 60
        return
    unit = r"(heures?|hours?|hrs?|h|minutes?|mins?|min)"
    m = re.search(rf"\b({NUM})[\s-]*{unit}(?![\w])", text)
    if m:
        scale = 60 if m.group(2)[0] == "h" else 1
        f.duration = number(m.group(1)) * scale


def duration_minutes(phrase: str) -> int | None:
    """Minutes in a duration phrase alone: ``1h30`` → 90, ``une demi-heure`` → 30."""
    f = Facts()
    read_durations(phrase, f)
    return f.duration
