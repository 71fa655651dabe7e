"""English words the request-understanding rules read, folded (lower case).

The English twin of ``lexicon_fr``: the same shape, so ``intent.py`` and ``people.py``
merge both without caring which language the request is in (mixed requests happen).
"""

from __future__ import annotations

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
    "ninety": 90,
}

ASK = (
    r"what's on",
    r"what is on",
    r"\bam i free\b",
    r"\bam i busy\b",
    r"\bhow busy\b",
    r"\bwhat time is\b",
    r"\bwhen is\b",
    r"\bfind me a free\b",
    r"\bdo i have\b",
    r"\bwhat do i have\b",
)
REMIND = (r"\bremind me\b", r"\bset a reminder\b", r"\breminder\b")
CANCEL = (r"\bcancel\b", r"\bdelete\b", r"^stop the\b", r"\bcall off\b", r"\bdrop the\b")
MOVE = (
    r"\bmove\b",
    r"\bpush\b",
    r"\bshift\b",
    r"\breschedule\b",
    r"\bpostpone\b",
    r"\bbring forward\b",
    r"\bslide\b",
)
TASK = (
    r"\badd a task\b",
    r"\bto-?do\b",
    r"\btask\b",
    r"^need to\b",
    r"^i need to\b",
    r"^(?:send|call|email|review|sign|book|submit|finish|write|prepare)\b",
)
BLOCK = (r"\bblock\b", r"\bcarve out\b", r"\bkeep .*\bfree\b", r"\bprotect\b", r"\bhold\b")
MEETING = (
    r"\bset up\b",
    r"\bschedule\b",
    r"\bmeet\b",
    r"\bmeeting\b",
    r"\bfind \d+",
    r"\bget me\b",
    r"\bcall\b",
    r"\bcoffee\b",
    r"\blunch\b",
    r"\bsync\b",
    r"\binterview\b",
    r"\btogether\b",
    r"\bsqueeze in\b",
    r"\bbook\b",
)
MEETING_NOUNS = (
    "status meeting",
    "board meeting",
    "meeting",
    "call",
    "coffee",
    "lunch",
    "dinner",
    "sync",
    "interview",
    "offsite",
    "dentist",
    "all-hands",
    "board prep",
)

PEOPLE_STOP = frozenset(
    [
        "every",
        "each",
        "to",
        "for",
        "on",
        "at",
        "in",
        "before",
        "after",
        "by",
        "from",
        "until",
        "till",
        "next",
        "this",
        "today",
        "tomorrow",
        "tonight",
        "sometime",
        "early",
        "late",
        "the",
        "week",
        "or",
        "if",
        "who",
        "that",
        "about",
        "during",
        "around",
    ]
)
ARTICLES = frozenset(["the", "a", "an", "my", "our", "your", "their", "candidate"])
CONJUNCTIONS = frozenset({"and", "&"})
