"""The fixes the radar offers, each a ``Proposal`` with its cost terms and its reason.

Moves use the slot finder (``engine.slots``): the principal's busy time is the horizon's
blocking items minus the one being moved, and each attendee binome knows is a participant
with their own zone, hours and holidays, busy when they attend one of those items. Drafted
messages (decline, renegotiate, ask for an agenda) travel as ``draft = {to, subject, body}``
with ``subject``/``body`` as ``{msgid, params}`` so they are written in the recipient's
language when sent. Costs: people affected, VIP weight, moves, lateness (``COST_WEIGHTS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from binome.domain import intervals as iv
from binome.domain.errors import N_
from binome.domain.proposal import Change, ChangeKind, Proposal, notice_draft, renegotiation_draft
from binome.domain.text import Message
from binome.domain.timing import Span
from binome.engine.availability import Busy, Participant, principal_hours
from binome.engine.radar.inputs import Item, RadarInput
from binome.engine.slots import SlotQuery, find_slots

__all__ = [
    "add_preparation",
    "block_time",
    "decline",
    "label",
    "move_options",
    "reassign_task",
    "renegotiate",
    "send_notice",
    "shorten",
]

MOVE_DAYS = 3  # a move is looked for within three days after the original start


def label(item: Item) -> str | Message:
    """The item's title, or "a busy slot" when the reader may not see it."""
    return Message.of(N_("a busy slot")) if item.masked else (item.title or "—")


def _people_terms(inp: RadarInput, item: Item) -> dict[str, float]:
    return {
        "people_affected": float(len(inp.others(item))),
        "vip_weight": float(inp.vip_count(item)),
    }


def _participants(inp: RadarInput, item: Item, window: Span) -> tuple[Participant, ...]:
    out = []
    around = inp.blocking_between(window.start, window.end)
    for email in inp.others(item):
        person = inp.person(email)
        if person is None:
            continue
        busy = [
            Busy(span=i.span, event_id=None)
            for i in around
            if email in i.attendees and i.occurrence != item.occurrence
        ]
        out.append(
            Participant(
                key=email,
                name=person.name,
                tz=person.tz or inp.profile.timezone,
                hours=person.hours,
                country=person.country,
                region=person.region,
                busy=busy,
            )
        )
    return tuple(out)


def _principal(inp: RadarInput, busy: list[Busy]) -> Participant:
    """The principal as the slot finder sees them, in their profile's zone and country."""
    return Participant(
        key=inp.principal,
        name=inp.principal,
        tz=inp.profile.timezone,
        country=inp.profile.country,
        region=inp.profile.region,
        busy=busy,
    )


def move_options(
    inp: RadarInput, item: Item, count: int = 2, *, after: datetime | None = None
) -> list[Proposal]:
    """Move ``item`` to one of the ``count`` earliest free slots of the next days (from
    ``after`` when given, e.g. the next day to lighten an overloaded one)."""
    if item.all_day or item.masked or not inp.may_search(item.span.start):
        return []
    start = max(inp.now, after or item.span.start - timedelta(hours=12))
    window = Span(start, max(start, item.span.start) + timedelta(days=MOVE_DAYS))
    busy = [
        Busy(span=i.span, location=i.location, tentative=False)
        for i in inp.blocking_between(window.start, window.end)
        if i.occurrence != item.occurrence
    ]
    principal = _principal(inp, busy)
    query = SlotQuery(
        duration=item.span.duration,
        window=window,
        count=count,
        location=item.location,
        order="earliest",
    )
    others = _participants(inp, item, window)
    result = find_slots(query, principal=principal, others=others, profile=inp.profile, now=inp.now)
    out = []
    for slot in result.slots:
        shift = abs(slot.span.start - item.span.start)
        out.append(
            Proposal.build(
                kind="move_event",
                summary=Message.of(
                    N_("Move “{title}” to {start}"), title=label(item), start=slot.span.start
                ),
                explanation=Message.of(
                    N_("Everyone is free then, within working hours and buffers.")
                ),
                changes=[
                    Change(
                        kind=ChangeKind.MOVE_EVENT,
                        target=item.ref,
                        params={
                            "occurrence": item.occurrence,
                            "start": slot.span.start.isoformat(),
                            "end": slot.span.end.isoformat(),
                        },
                    )
                ],
                cost_terms={
                    **_people_terms(inp, item),
                    "moves": 1.0 + shift / timedelta(days=1),
                },
            )
        )
    return out


def decline(inp: RadarInput, item: Item, why: Message) -> Proposal:
    """Decline ``item`` and tell its organiser (or attendees) with a drafted message."""
    to = [item.organizer] if item.organizer else list(inp.others(item))
    body = Message.of(
        N_(
            "Hello, I will unfortunately not be able to attend “{title}” on {start}: {why}. "
            "Please accept my apologies."
        ),
        title=item.title,
        start=item.span.start,
        why=why,
    )
    subject = Message.of(N_("Declined: {title}"), title=item.title)
    return Proposal.build(
        kind="decline_event",
        summary=Message.of(N_("Decline “{title}” with a message"), title=label(item)),
        explanation=why,
        changes=[
            Change(
                kind=ChangeKind.DECLINE_EVENT,
                target=item.ref,
                params={"occurrence": item.occurrence, "draft": notice_draft(to, subject, body)},
            )
        ],
        cost_terms={**_people_terms(inp, item), "people_affected": 1.0 + len(inp.others(item))},
    )


def shorten(inp: RadarInput, item: Item, by: timedelta, why: Message) -> Proposal | None:
    """End ``item`` earlier by ``by`` (never below 15 minutes)."""
    if item.masked or item.span.duration - by < timedelta(minutes=15) or by <= timedelta(0):
        return None
    new_end = item.span.end - by
    return Proposal.build(
        kind="shorten_event",
        summary=Message.of(N_("Shorten “{title}” to end at {end}"), title=label(item), end=new_end),
        explanation=why,
        changes=[
            Change(
                kind=ChangeKind.SHORTEN_EVENT,
                target=item.ref,
                params={
                    "occurrence": item.occurrence,
                    "new_end": new_end.isoformat(),
                    "by_minutes": int(by / timedelta(minutes=1)),
                },
            )
        ],
        cost_terms={**_people_terms(inp, item), "moves": 0.5},
    )


def add_preparation(inp: RadarInput, item: Item, minutes: int) -> Proposal | None:
    """A preparation block of ``minutes`` in the last free stretch before ``item`` (within
    three days, inside working hours, clear of the buffer around other items). Interval
    algebra only (the slot finder's), so it needs no slot search."""
    length = timedelta(minutes=minutes)
    window = (max(inp.now, item.span.start - timedelta(days=3)), item.span.start)
    if window[1] - window[0] < length:
        return None
    pad = timedelta(minutes=inp.profile.buffer_minutes)
    busy = iv.expand([(i.span.start, i.span.end) for i in inp.blocking_between(*window)], pad, pad)
    free = iv.subtract(principal_hours(inp.profile, window), busy)
    gaps = iv.gaps(free, length)
    if not gaps:
        return None
    end = gaps[-1][1]
    slot = Span(end - length, end)
    lead = item.span.start - slot.end
    return Proposal.build(
        kind="add_preparation",
        summary=Message.of(
            N_("Add a {minutes}-minute preparation block at {start}"),
            minutes=minutes,
            start=slot.start,
        ),
        explanation=Message.of(N_("Free time before “{title}”."), title=label(item)),
        changes=[
            Change(
                kind=ChangeKind.BLOCK_TIME,
                params={
                    "title": Message.of(N_("Preparation: {title}"), title=item.title).as_json(),
                    "kind": "preparation",
                    "start": slot.start.isoformat(),
                    "end": slot.end.isoformat(),
                    "for": item.ref,
                },
            )
        ],
        cost_terms={"moves": lead / timedelta(days=1)},
    )


def send_notice(
    kind: str, summary: Message, why: Message, target: str | None, to: Sequence[str],
    subject: Message, body: Message, people: float = 1.0,
) -> Proposal:  # fmt: skip
    """A message to send, recorded when applied (the situation itself does not change)."""
    return Proposal.build(
        kind=kind,
        summary=summary,
        explanation=why,
        changes=[
            Change(
                kind=ChangeKind.SEND_NOTICE,
                target=target,
                params={"draft": notice_draft(to, subject, body)},
            )
        ],
        cost_terms={"people_affected": people},
    )


def renegotiate(
    target: str, title: str, to: Sequence[str], due: datetime, new_due: datetime, people: float
) -> Proposal:
    """Move a due date (task or commitment) and tell the beneficiary with a drafted message."""
    return Proposal.build(
        kind="renegotiate_due",
        summary=Message.of(N_("Renegotiate “{title}” to {new_due}"), title=title, new_due=new_due),
        explanation=Message.of(
            N_("Asks for {delay} more, with a drafted message."), delay=new_due - due
        ),
        changes=[
            Change(
                kind=ChangeKind.RENEGOTIATE_DUE,
                target=target,
                params={
                    "new_due": new_due.isoformat(),
                    "draft": renegotiation_draft(to, title, due, new_due),
                },
            )
        ],
        cost_terms={
            "people_affected": people,
            "lateness_minutes": max(0.0, (new_due - due) / timedelta(minutes=1)),
        },
    )


def reassign_task(task_id: int, title: str, room: timedelta) -> Proposal:
    return Proposal.build(
        kind="reassign_task",
        summary=Message.of(N_("Hand “{title}” to the assistant"), title=title),
        explanation=Message.of(N_("Frees {free} of your time before the due date."), free=room),
        changes=[
            Change(
                kind=ChangeKind.REASSIGN_TASK, target=f"task:{task_id}", params={"to": "assistant"}
            )
        ],
        cost_terms={"people_affected": 0.5},
    )


def block_time(
    inp: RadarInput, window: Span, minutes: int, title: Message, kind: str,
    objective_id: int | None = None, why: Message | None = None,
) -> Proposal | None:  # fmt: skip
    """Block ``minutes`` of the principal's free time in ``window`` (the best slot)."""
    length = timedelta(minutes=minutes)
    if window.duration < length or not inp.may_search(window.start):
        return None
    principal = _principal(
        inp, [Busy(span=i.span) for i in inp.blocking_between(window.start, window.end)]
    )
    query = SlotQuery(duration=length, window=window, count=1, order="earliest")
    found = find_slots(query, principal=principal, others=(), profile=inp.profile, now=inp.now)
    if not found.slots:
        return None
    slot = found.slots[0]
    params: dict[str, Any] = {
        "title": title.as_json(),
        "kind": kind,
        "start": slot.span.start.isoformat(),
        "end": slot.span.end.isoformat(),
    }
    if objective_id is not None:
        params["objective_id"] = objective_id
    return Proposal.build(
        kind=f"block_{kind}",
        summary=Message.of(
            N_("Block {duration} at {start}: {title}"),
            duration=length,
            start=slot.span.start,
            title=title,
        ),
        explanation=why or Message.of(N_("Free time that nobody else needs.")),
        changes=[Change(kind=ChangeKind.BLOCK_TIME, params=params)],
        cost_terms={"moves": 0.25},
    )
