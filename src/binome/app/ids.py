"""Public identifiers: a letter for the kind and the stored number (``E12``, ``T3``, ``Q1``).

IDs printed by one command are accepted by the next, with or without the letter. Lookups are
always scoped to the reader's workspace, so a number from another workspace is not found.
"""

from __future__ import annotations

from binome.domain.errors import N_, InvalidInput

PREFIX = {
    "event": "E",
    "task": "T",
    "commitment": "C",
    "objective": "O",
    "request": "Q",
    "risk": "R",
    "proposal": "P",
    "user": "U",
}


def format_id(kind: str, number: int) -> str:
    return f"{PREFIX[kind]}{number}"


def parse_id(kind: str, text: str) -> int:
    raw = text.strip()
    prefix = PREFIX[kind]
    if raw[:1].upper() == prefix:
        raw = raw[1:]
    if not raw.isdigit() or len(raw) > 12:
        raise InvalidInput(
            N_("Invalid {kind} id: {value} (expected e.g. {example})."),
            kind=kind,
            value=text,
            example=f"{prefix}12",
        )
    return int(raw)
