"""The events a request refers to ("mon rendez-vous de 15h", "the board call on Dec 10").

What is specific to requests when they ask the store: the occurrences matching the
request's ``event_ref`` (a start, a day, a range), narrowed by the participants and the
title hint when that leaves any. Free slots come from ``app.slots.find_slots_for`` (the
same inputs as ``binome slots``: the profile, each person's own calendar), and the
principal from ``app.slots.principal_person``.

Nothing leaves this module but occurrences; masking is the caller's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from binome.app.calendar import load_occurrences
from binome.app.expansion import Occurrence
from binome.app.uow import UnitOfWork
from binome.domain.timing import Span, zone
from binome.engine.understand.normalize import fold

__all__ = ["referenced"]

LOOKAHEAD = timedelta(days=30)  # "my meeting with Paul" means one in the next month
GENERIC = frozenset(
    {"rendez-vous", "rdv", "reunion", "meeting", "call", "appel", "event", "evenement", "point"}
)


def referenced(
    uow: UnitOfWork, ref: dict[str, Any] | None, emails: Sequence[str], title: str | None
) -> list[Occurrence]:
    """The occurrences a move, cancel or relative reminder refers to, soonest first."""
    tz = zone(uow.workspace.tz)
    now = uow.now
    ref = ref or {}
    start = datetime.fromisoformat(ref["start"]) if ref.get("start") else None
    if start is not None:
        window = Span(start, start + timedelta(minutes=1))
    elif ref.get("range"):
        window = Span(*(datetime.fromisoformat(ref["range"][k]) for k in ("start", "end")))
    elif ref.get("date"):
        day = datetime.fromisoformat(ref["date"]).replace(tzinfo=tz)
        window = Span(day, day + timedelta(days=1))
    else:
        window = Span(now, now + LOOKAHEAD)
    found = [
        o
        for o in load_occurrences(uow, window)
        if o.event.blocks_time and (start is None or o.span.start == start)
    ]
    wanted = {e.lower() for e in emails}
    if wanted:
        with_them = [o for o in found if wanted & {a.email.lower() for a in o.event.attendees}]
        found = with_them or ([] if start is None and not ref.get("date") else found)
    words = {w for w in fold(ref.get("title_hint") or title or "").split() if len(w) > 2}
    words -= GENERIC
    if words:
        titled = [o for o in found if words & set(fold(o.event.title).split())]
        found = titled or found
    return found
