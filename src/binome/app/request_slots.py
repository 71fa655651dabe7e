"""What a request's options are computed from: free slots and the events it refers to.

Two questions the requests use case asks the store, inside its unit of work:

- **Free slots** for the principal and some known people. When ``app.slots.find_slots_for``
  is installed (the slots use case, which also reads each person's own calendar) it is
  used; otherwise this module loads the same inputs itself: the stored profile (else the
  default in the workspace's zone and country), the principal's busy occurrences
  (``app.calendar.load_occurrences``: cancelled and transparent events never block), and
  each participant's zone, hours and country from ``people`` with the principal's events
  they attend as their busy time. The pure slot finder then decides.
- **Referenced events** ("mon rendez-vous de 15h", "the board call on Dec 10"): the
  occurrences matching the request's ``event_ref`` (a start, a day, a range), narrowed by
  the participants and the title hint when that leaves any.

Nothing leaves this module but slots and occurrences; masking is the caller's job.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, cast

from binome.app.calendar import load_occurrences
from binome.app.expansion import Occurrence
from binome.app.uow import UnitOfWork
from binome.domain.model import EventStatus, Person
from binome.domain.profile import Kind, Profile, profile_from_dict
from binome.domain.timing import Span, zone
from binome.engine.slots import Busy, Participant, SlotQuery, SlotResult, find_slots
from binome.engine.understand.normalize import fold
from binome.store.tables import UserRow

MARGIN = timedelta(days=1)  # busy time just outside the window still shapes buffers
LOOKAHEAD = timedelta(days=30)  # "my meeting with Paul" means one in the next month
GENERIC = frozenset(
    {"rendez-vous", "rdv", "reunion", "meeting", "call", "appel", "event", "evenement", "point"}
)

SlotsFor = Callable[..., SlotResult]


def store_slots() -> SlotsFor | None:
    """``app.slots.find_slots_for`` when that module is installed, else ``None``."""
    if importlib.util.find_spec("binome.app.slots") is None:
        return None
    found = getattr(importlib.import_module("binome.app.slots"), "find_slots_for", None)
    return cast(SlotsFor, found) if callable(found) else None


def free_slots(
    uow: UnitOfWork,
    emails: Sequence[str],
    duration: timedelta,
    window: Span,
    kind: Kind | None = None,
    count: int = 3,
) -> SlotResult:
    """Up to ``count`` slots of ``duration`` in ``window`` for the principal and ``emails``."""
    shared = store_slots()
    if shared is not None:
        return shared(uow, list(emails), duration, window, kind, count)
    profile = load_profile(uow)
    query = SlotQuery(duration=duration, window=window, kind=kind, count=count)
    me = principal_person(uow)
    occs = load_occurrences(uow, Span(window.start - MARGIN, window.end + MARGIN))
    mine = [_busy(o) for o in occs if o.event.blocks_time]
    others = []
    for email in emails:
        person = uow.repos.person_by_email(email)
        if person is None or person.email == me.email:
            continue
        theirs = [
            _busy(o)
            for o in occs
            if o.event.blocks_time and person.email in {a.email.lower() for a in o.event.attendees}
        ]
        others.append(
            Participant(
                key=person.email,
                name=person.name,
                tz=person.tz or profile.timezone,
                hours=person.hours,
                country=person.country,
                region=person.region,
                busy=theirs,
            )
        )
    principal = Participant(
        key=me.email,
        name=me.name,
        tz=profile.timezone,
        country=profile.country,
        region=profile.region,
        busy=mine,
    )
    return find_slots(query, principal=principal, others=others, profile=profile, now=uow.now)


def _busy(occ: Occurrence) -> Busy:
    return Busy(
        span=occ.span,
        tentative=occ.event.status is EventStatus.TENTATIVE,
        location=occ.event.location,
        event_id=occ.event.id,
    )


def load_profile(uow: UnitOfWork) -> Profile:
    """The stored profile, else the default placed in the workspace's zone and country."""
    raw = uow.workspace_row.profile or "{}"
    data: dict[str, Any] = json.loads(raw) if raw.strip() else {}
    if data:
        return profile_from_dict(data)
    ws = uow.workspace
    base = Profile.default()
    return replace(base, timezone=ws.tz, country=ws.country or base.country, region=ws.region)


def principal_person(uow: UnitOfWork) -> Person:
    user = uow.session.get(UserRow, uow.workspace_row.principal_user_id or 0)
    email = user.email if user is not None else ""
    person = uow.repos.person_by_email(email) if email else None
    if person is None:
        return Person(name=user.name if user else "principal", email=email or "principal@invalid")
    return person


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
