"""Finding slots with people, from what the store knows: ``binome slots`` and its callers.

This use case loads what the pure slot finder (``engine.slots``) needs and nothing more:

- the principal's **profile** (``app.profile.load_profile``) and zone;
- each participant from the ``people`` table: zone, working hours, country (public
  holidays). An unknown e-mail is an error naming it; someone without a zone is taken to
  be in the principal's zone, and the answer says so;
- **busy time**. The principal's busy time is the occurrences of the store's events that
  are theirs (``owner_email`` empty or theirs), expanded over the window; transparent and
  cancelled events never block (``Event.blocks_time``), tentative ones block when the
  profile says so (the engine applies ``count_tentative_as_busy``). Another person's busy
  time is the events stored with them as ``owner_email`` (a calendar imported for them)
  plus the principal's events they attend. When binome holds no calendar of theirs, only
  the latter is known, and the answer says so.

Confidentiality: busy time counts whatever the reader may see. A masked event still blocks
its time, but nothing about it leaves this module: the answer carries slots, people's
names and local times, and reasons about rules, never an event's title, place or guests.
Nothing confidential is shown, so nothing is audited as read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from binome.app.calendar import window_for
from binome.app.context import App
from binome.app.expansion import occurrences
from binome.app.profile import load_profile
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import EventStatus, Person, check_email
from binome.domain.periods import resolve_within
from binome.domain.profile import KINDS, Kind, Profile
from binome.domain.text import Message
from binome.domain.timing import Span, parse_duration, zone
from binome.engine.slot_relax import stretch_hours
from binome.engine.slots import Busy, Participant, SlotQuery, SlotResult, find_slots
from binome.store.codec import from_db
from binome.store.tables import EventRow, UserRow

__all__ = ["MAX_COUNT", "SlotAnswer", "find_slots_for", "principal_person", "suggest_slots"]

MAX_COUNT = 50
DEFAULT_DAYS = 14
KIND_WORDS: dict[str, Kind] = {
    "11": "1on1", "oneonone": "1on1", "onetoone": "1on1", "teteatete": "1on1",
    "dejeuner": "lunch", "appel": "call",
    "externe": "external", "ext": "external",
}  # fmt: skip
MARGIN = timedelta(days=1)  # busy time just outside the window still shapes buffers and travel


@dataclass(frozen=True, slots=True, kw_only=True)
class SlotAnswer:
    """What ``binome slots`` shows: the question, who was considered, the engine's result,
    and notes on what binome could not know (``notes``)."""

    window: Span
    duration: timedelta
    kind: Kind | None
    count: int
    tz: str
    principal: Participant
    others: tuple[Participant, ...]
    result: SlotResult
    notes: tuple[Message, ...] = ()


def suggest_slots(
    app: App,
    *,
    emails: Sequence[str],
    duration: str,
    within: str | None = None,
    start: str | None = None,
    end: str | None = None,
    kind: str | None = None,
    count: int = 5,
    location: str | None = None,
) -> SlotAnswer:
    """The CLI's use case: parse the user's words, then find and explain the best slots."""
    length = parse_duration(duration)
    with unit_of_work(app, write=False) as uow:
        profile = load_profile(uow)
        window = _window(uow, profile, within, start, end)
        return _answer(uow, profile, emails, length, window, _kind(kind), count, location)


def find_slots_for(
    uow: UnitOfWork,
    emails: Sequence[str],
    duration: timedelta,
    window: Span,
    kind: Kind | None = None,
    count: int = 5,
    *,
    location: str | None = None,
) -> SlotResult:
    """The slots for ``emails`` and the principal within ``window``, inside an open unit of
    work (for the requests and radar use cases)."""
    profile = load_profile(uow)
    return _answer(uow, profile, emails, duration, window, kind, count, location).result


def _answer(
    uow: UnitOfWork,
    profile: Profile,
    emails: Sequence[str],
    duration: timedelta,
    window: Span,
    kind: Kind | None,
    count: int,
    location: str | None,
) -> SlotAnswer:
    if count > MAX_COUNT:
        raise InvalidInput(N_("Ask for at most {max} slots."), field="count", max=MAX_COUNT)
    query = SlotQuery(
        duration=duration, window=window, kind=kind, count=count, location=location or None
    )
    me = principal_person(uow)
    people, notes = _participants(uow, emails, me, profile)
    busy, known = _busy(uow, window, me.email, people)
    principal = Participant(
        key=me.email,
        name=me.name,
        tz=profile.timezone,
        country=profile.country,
        region=profile.region,
        busy=busy.pop(me.email, []),
    )
    others = tuple(
        Participant(
            key=p.email,
            name=p.name,
            tz=p.tz or profile.timezone,
            hours=p.hours,
            country=p.country,
            region=p.region,
            busy=busy.get(p.email, []),
        )
        for p in people
    )
    for p in people:
        if p.email not in known:
            words = N_("{name}'s own calendar is not in binome: only their meetings with the "
                       "principal count as busy.")  # fmt: skip
            notes.append(Message.of(words, name=p.name))
    result = find_slots(query, principal=principal, others=others, profile=profile, now=uow.now)
    if not result.slots and not result.near_misses and others:  # two or more must give way
        misses = stretch_hours(
            query, principal=principal, others=others, profile=profile, now=uow.now
        )
        result = replace(result, near_misses=misses)
    return SlotAnswer(
        window=window,
        duration=duration,
        kind=kind,
        count=count,
        tz=profile.timezone,
        principal=principal,
        others=others,
        result=result,
        notes=tuple(notes),
    )


def _kind(kind: str | None) -> Kind | None:
    """``--kind``: the profile's kinds, plus the words people use for them (FR/EN)."""
    if kind is None or not kind.strip():
        return None
    folded = unicodedata.normalize("NFKD", kind.strip().lower())
    value = "".join(c for c in folded if c.isalnum() and c.isascii())
    found = KIND_WORDS.get(value, value)
    for known in KINDS:
        if found == known:
            return known
    raise InvalidInput(N_("Unknown meeting kind: {value}."), field="kind", value=kind)


def _window(
    uow: UnitOfWork, profile: Profile, within: str | None, start: str | None, end: str | None
) -> Span:
    """``--within TEXT`` or ``--from/--to`` (the principal's zone), else the next two weeks."""
    if within and (start or end):
        raise InvalidInput(N_("Give either --within or --from/--to, not both."), field="within")
    if within:
        return resolve_within(within, uow.now, profile.timezone)
    if start or end:
        return Span(*window_for(profile.timezone, None, start, end, uow.now))
    return resolve_within(f"next {DEFAULT_DAYS} days", uow.now, profile.timezone)


def principal_person(uow: UnitOfWork) -> Person:
    """The principal as a person (their row in ``people``, else one made from their user)."""
    user = uow.session.get(UserRow, uow.workspace_row.principal_user_id or 0)
    email = user.email if user is not None else ""
    person = uow.repos.person_by_email(email) if email else None
    if person is None:  # init always creates it; a hand-made database may not
        return Person(name=user.name if user else "principal", email=email or "principal@invalid")
    return person


def _participants(
    uow: UnitOfWork, emails: Sequence[str], me: Person, profile: Profile
) -> tuple[list[Person], list[Message]]:
    people: list[Person] = []
    notes: list[Message] = []
    seen = {me.email}
    for raw in emails:
        if not raw.strip():
            continue
        email = check_email(raw)
        if email in seen:
            continue
        seen.add(email)
        person = uow.repos.person_by_email(email)
        if person is None:
            raise InvalidInput(
                N_("Unknown person: {email} (add them with `binome person add`)."),
                field="with",
                email=email,
            )
        if not person.tz:
            words = N_("{name} has no time zone in binome: taken to be in {zone}.")
            notes.append(Message.of(words, name=person.name, zone=profile.timezone))
        people.append(person)
    return people, notes


def _busy(
    uow: UnitOfWork, window: Span, principal_email: str, people: Sequence[Person]
) -> tuple[dict[str, list[Busy]], set[str]]:
    """Busy occurrences per e-mail, and the e-mails whose own calendar binome holds (events
    stored with them as owner, in this window or not)."""
    span = Span(window.start - MARGIN, window.end + MARGIN)
    wanted = {p.email for p in people}
    groups: dict[str, list[EventRow]] = {principal_email: []}
    for row in uow.repos.event_rows_in_window(span.start, span.end):
        owner = (row.owner_email or "").strip().lower() or principal_email
        if owner == principal_email or owner in wanted:
            groups.setdefault(owner, []).append(row)
    tz = zone(uow.workspace.tz)
    busy: dict[str, list[Busy]] = {email: [] for email in (principal_email, *wanted)}
    for owner, rows in groups.items():
        if owner != principal_email:  # their own calendar: times and status are enough
            full = []
            for row in rows:
                handled, item = _plain_busy(row)
                if not handled:
                    full.append(row)
                elif item is not None:
                    busy[owner].append(item)
            rows = full
        events = [uow.repos.event_to_domain(r) for r in rows]
        for occ in occurrences(events, span, tz):
            event = occ.event
            if not event.blocks_time:
                continue
            item = Busy(
                span=occ.span,
                tentative=event.status is EventStatus.TENTATIVE,
                location=event.location,
                event_id=event.id,
            )
            busy[owner].append(item)
            if owner == principal_email:  # their meetings with the principal
                for attendee in {a.email.lower() for a in event.attendees} & wanted:
                    busy[attendee].append(item)
    for items in busy.values():
        items.sort(key=lambda b: (b.span.start, b.span.end))
    return busy, uow.repos.event_owners(sorted(wanted))


def _plain_busy(row: EventRow) -> tuple[bool, Busy | None]:
    """A single timed event read from its columns, without decoding its content (which a
    participant's busy time never needs): ``(True, busy or None if it does not block)``, or
    ``(False, None)`` when it needs the full path (series, override, all-day, floating)."""
    if row.timing != "timed" or row.series_id is not None or row.rrule or row.rdates != "[]":
        return False, None
    if row.transparent or row.status == EventStatus.CANCELLED.value:
        return True, None
    span = Span(from_db(row.start_utc), from_db(row.end_utc))
    tentative = row.status == EventStatus.TENTATIVE.value
    return True, Busy(span=span, tentative=tentative, event_id=row.id)
