"""Calendar detectors: conflicts, buffers, travel, agendas and preparation.

They read the horizon's blocking items in start order (``RadarInput.blocking``) and look
at neighbours only, so a year of items is one linear pass plus the overlaps found.
Content rules (places, agendas, who attends) skip items the reader may not see
(``Item.masked``): the radar never reasons aloud about what the reader cannot read.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

from binome.domain.errors import N_
from binome.domain.model import EventKind, EventStatus
from binome.domain.proposal import Proposal
from binome.domain.risk import Risk, RiskKind, make_risk
from binome.domain.text import Message
from binome.engine.radar import proposals as fix
from binome.engine.radar.inputs import Item, RadarInput
from binome.engine.radar.registry import detector


def _upcoming(inp: RadarInput) -> list[Item]:
    return [i for i in inp.blocking if i.span.end > inp.now]


def identity(*items: Item) -> list[str]:
    """What makes a risk the same risk next week: the series when every item recurs (one
    risk for a standing habit, dismissed once), else the occurrences."""
    if all(i.recurring for i in items):
        return [i.ref for i in items]
    return [i.occurrence for i in items]


def _people_refs(inp: RadarInput, *items: Item) -> list[str]:
    return [f"person:{a}" for i in items if not i.masked for a in inp.others(i)]


@detector("double_booking")
def double_booking(inp: RadarInput) -> Iterator[Risk]:
    """Two blocking items at once (transparent and cancelled never count; tentative ones
    unless ``radar.tentative_conflicts = 0``)."""
    with_tentative = inp.threshold("tentative_conflicts") >= 1
    items = [i for i in _upcoming(inp) if with_tentative or i.status is not EventStatus.TENTATIVE]
    active: list[Item] = []
    for item in items:
        active = [a for a in active if a.span.end > item.span.start]
        for other in active:
            yield _conflict(inp, other, item)
        active.append(item)


def _conflict(inp: RadarInput, a: Item, b: Item) -> Risk:
    overlap = min(a.span.end, b.span.end) - b.span.start
    tentative = EventStatus.TENTATIVE in (a.status, b.status)
    vip = inp.vip_count(a) + inp.vip_count(b)
    severity = 2 if tentative else (4 if vip else 3)
    why = Message.of(N_("it overlaps “{other}”"), other=fix.label(a))
    options = [*fix.move_options(inp, b), *fix.move_options(inp, a)]
    if not b.masked:
        options.append(fix.decline(inp, b, why))
    return make_risk(
        kind=RiskKind.DOUBLE_BOOKING,
        severity=severity,
        starts_at=b.span.start,
        about=[a.ref, b.ref, *_people_refs(inp, a, b)],
        identity=[a.occurrence, b.occurrence],
        explanation=Message.of(
            N_("“{first}” and “{second}” overlap by {overlap} on {start}."),
            first=fix.label(a),
            second=fix.label(b),
            overlap=overlap,
            start=b.span.start,
        ),
        facts=[a.span, b.span, a.status, b.status],
        proposals=options,
    )


def _pairs(inp: RadarInput) -> Iterator[tuple[Item, Item, timedelta]]:
    """Consecutive meetings (not overlapping) on the same day, with the gap between."""
    meetings = [i for i in _upcoming(inp) if i.is_meeting]
    for a, b in itertools.pairwise(meetings):
        gap = b.span.start - a.span.end
        if gap >= timedelta(0) and gap < timedelta(hours=4):
            yield a, b, gap


def _travel_needed(inp: RadarInput, a: Item, b: Item) -> int:
    if a.masked or b.masked:
        return 0
    here, there = (a.location or "").strip().casefold(), (b.location or "").strip().casefold()
    if not here or not there or here == there:  # a call or an unknown place: no trip known
        return 0
    return max(inp.profile.travel_for(a.location), inp.profile.travel_for(b.location))


@detector("no_buffer")
def no_buffer(inp: RadarInput) -> Iterator[Risk]:
    """Back-to-back meetings closer than the profile's buffer (travel is its own risk)."""
    buffer = timedelta(minutes=inp.profile.buffer_minutes)
    if buffer <= timedelta(0):
        return
    for a, b, gap in _pairs(inp):
        if gap >= buffer or _travel_needed(inp, a, b) * 60 > gap.total_seconds():
            continue
        why = Message.of(N_("it leaves {buffer} before “{next}”"), buffer=buffer, next=fix.label(b))
        yield make_risk(
            kind=RiskKind.NO_BUFFER,
            severity=1,
            starts_at=b.span.start,
            about=[a.ref, b.ref],
            identity=identity(a, b),
            explanation=Message.of(
                N_("“{first}” ends at {end} and “{second}” starts right after: no {buffer} break."),
                first=fix.label(a),
                second=fix.label(b),
                end=a.span.end,
                buffer=buffer,
            ),
            facts=[gap, buffer] if a.recurring and b.recurring else [a.span, b.span, buffer],
            proposals=[fix.shorten(inp, a, buffer - gap, why), *fix.move_options(inp, b, 1)],
        )


@detector("travel_time")
def travel_time(inp: RadarInput) -> Iterator[Risk]:
    """Back-to-back meetings in different places with less time between than the trip."""
    for a, b, gap in _pairs(inp):
        minutes = _travel_needed(inp, a, b)
        needed = timedelta(minutes=minutes)
        if not minutes or gap >= needed:
            continue
        why = Message.of(N_("it leaves {travel} to reach {place}"), travel=needed,
                         place=b.location or "")  # fmt: skip
        yield make_risk(
            kind=RiskKind.TRAVEL_TIME,
            severity=3,
            starts_at=b.span.start,
            about=[a.ref, b.ref],
            identity=[a.occurrence, b.occurrence],
            explanation=Message.of(
                N_(
                    "Only {gap} between “{first}” ({here}) and “{second}” ({there}): the trip "
                    "takes {travel}."
                ),
                gap=gap,
                first=a.title,
                here=a.location or "—",
                second=b.title,
                there=b.location or "—",
                travel=needed,
            ),
            facts=[a.span, b.span, a.location, b.location, minutes],
            proposals=[*fix.move_options(inp, b, 2), fix.shorten(inp, a, needed - gap, why)],
        )


def _domain(email: str) -> str:
    return email.rpartition("@")[2].casefold()


@detector("missing_agenda")
def missing_agenda(inp: RadarInput) -> Iterator[Risk]:
    """A meeting with others in the next 48 h with no agenda, no place and no video link
    (with someone outside the principal's e-mail domain, unless
    ``radar.agenda_external_only = 0``)."""
    until = inp.now + timedelta(hours=inp.threshold("agenda_hours"))
    external_only = inp.threshold("agenda_external_only") >= 1
    home = _domain(inp.principal)
    for item in _upcoming(inp):
        if item.span.start >= until or not item.is_meeting or item.masked:
            continue
        if not inp.others(item) or item.span.start < inp.now:
            continue
        if external_only and not any(_domain(a) != home for a in inp.others(item)):
            continue  # colleagues know what a weekly point is about
        if any(((item.description or "").strip(), (item.location or "").strip(),
                (item.conference_url or "").strip())):  # fmt: skip
            continue
        to = [item.organizer] if item.organizer and item.organizer != inp.principal else []
        to = to or list(inp.others(item))
        ask = fix.send_notice(
            "request_agenda",
            Message.of(N_("Ask for the agenda and the place of “{title}”"), title=item.title),
            Message.of(N_("One message to {count} person(s)."), count=len(to)),
            item.ref,
            to,
            Message.of(N_("Agenda for “{title}”"), title=item.title),
            Message.of(
                N_(
                    "Hello, could you send the agenda, the place or the video link of “{title}” "
                    "on {start}? Thank you."
                ),
                title=item.title,
                start=item.span.start,
            ),
            people=0.5,
        )
        soon = item.span.start - inp.now < timedelta(hours=24)
        yield make_risk(
            kind=RiskKind.MISSING_AGENDA,
            severity=2 if soon else 1,
            starts_at=item.span.start,
            about=[item.ref, *_people_refs(inp, item)],
            identity=[item.occurrence],
            explanation=Message.of(
                N_("“{title}” on {start} has no agenda, no place and no video link."),
                title=item.title,
                start=item.span.start,
            ),
            facts=[item.span, item.description, item.location, item.conference_url],
            proposals=[ask],
        )


def _importance(inp: RadarInput, item: Item, weights: dict[int, int]) -> int:
    """3: VIP attendee or flagged important; 2: linked to a high-weight objective; 0."""
    if item.masked:
        return 0
    if item.important or inp.vip_count(item):
        return 3
    heavy = inp.threshold("important_weight")
    return 2 if weights.get(item.objective_id or 0, 0) >= heavy else 0


@detector("no_preparation")
def no_preparation(inp: RadarInput) -> Iterator[Risk]:
    """An important meeting with no preparation block in the 48 hours before it."""
    weights = {o.id: o.weight for o in inp.objectives}
    minutes = int(inp.threshold("prep_minutes"))
    preps = [i for i in inp.items if i.kind is EventKind.PREPARATION and i.blocks]
    until = inp.now + timedelta(days=inp.threshold("prep_lookahead_days"))
    for item in _upcoming(inp):
        if not item.is_meeting or item.span.start <= inp.now or item.span.start >= until:
            continue
        level = _importance(inp, item, weights)
        if not level:
            continue
        since = item.span.start - timedelta(hours=48)
        if any(since <= p.span.start and p.span.end <= item.span.start for p in preps):
            continue
        yield make_risk(
            kind=RiskKind.NO_PREPARATION,
            severity=level,
            starts_at=item.span.start,
            about=[item.ref, *_people_refs(inp, item)],
            identity=[item.occurrence],
            explanation=Message.of(
                N_("“{title}” on {start} matters and no preparation time is planned before it."),
                title=item.title,
                start=item.span.start,
            ),
            facts=[item.span, level],
            proposals=[
                fix.add_preparation(inp, item, minutes)
                or fix.add_preparation(inp, item, min(minutes, 15)),
                _briefing(item),
                *fix.move_options(inp, item, 1),
            ],
        )


def _briefing(item: Item) -> Proposal:
    """Ask the assistant for a one-page briefing note (works even when no time is free)."""
    return fix.send_notice(
        "request_briefing",
        Message.of(N_("Ask the assistant for a briefing note on “{title}”"), title=item.title),
        Message.of(N_("Reading a page takes less time than preparing from scratch.")),
        item.ref,
        [],
        Message.of(N_("Briefing note: {title}"), title=item.title),
        Message.of(
            N_(
                "Could you prepare a one-page note for “{title}” on {start}: who attends, what "
                "is at stake, what we want from it? Thank you."
            ),
            title=item.title,
            start=item.span.start,
        ),
        people=1.0,
    )
