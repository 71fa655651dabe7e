"""The model: every word of DESIGN.md as a typed, frozen value.

Values check their invariants where they are built (``__post_init__``) and raise a
``UserError`` subclass, so an impossible value (end before start, unknown zone, negative
estimate, weight zero) cannot exist anywhere in binome. Identifiers are integers owned by
the store; a value not yet stored has ``id = 0``. ``version`` is the optimistic-concurrency
counter of the stored row (0 before the first write).

Recurring events are stored as a series (one ``Event`` with a ``Recurrence``) plus
override events carrying ``recurrence_id``; they are expanded on demand, never exploded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from binome.domain.errors import N_, InvalidInput
from binome.domain.timing import AllDay, Floating, Timed, Timing, zone


class Classification(StrEnum):
    """Who may read an item's content; maps to iCalendar CLASS (see ``from_ical_class``)."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    SECRET = "secret"

    @property
    def rank(self) -> int:
        return _CLASS_RANK[self]

    @property
    def sealed(self) -> bool:
        """Whether the item's text is encrypted at rest."""
        return self.rank >= 2

    @classmethod
    def parse(cls, value: str) -> Classification:
        try:
            return cls(value.strip().lower())
        except ValueError as exc:
            raise InvalidInput(
                N_("Unknown classification: {value} (public, internal, confidential, secret)."),
                value=value,
            ) from exc

    @classmethod
    def from_ical_class(cls, value: str | None) -> Classification:
        """RFC 5545 CLASS → classification. PUBLIC → internal (it is still the firm's
        calendar), PRIVATE → secret, CONFIDENTIAL → confidential, missing → internal,
        any x-name → confidential (unknown means: be careful)."""
        if value is None:
            return cls.INTERNAL
        return {
            "PUBLIC": cls.INTERNAL,
            "PRIVATE": cls.SECRET,
            "CONFIDENTIAL": cls.CONFIDENTIAL,
        }.get(value.strip().upper(), cls.CONFIDENTIAL)

    def to_ical_class(self) -> str:
        return {
            Classification.PUBLIC: "PUBLIC",
            Classification.INTERNAL: "PUBLIC",
            Classification.CONFIDENTIAL: "CONFIDENTIAL",
            Classification.SECRET: "PRIVATE",
        }[self]


_CLASS_RANK = {
    Classification.PUBLIC: 0,
    Classification.INTERNAL: 1,
    Classification.CONFIDENTIAL: 2,
    Classification.SECRET: 3,
}


class Role(StrEnum):
    PRINCIPAL = "principal"
    ASSISTANT = "assistant"
    BACKUP = "backup"
    VIEWER = "viewer"

    @classmethod
    def parse(cls, value: str) -> Role:
        try:
            return cls(value.strip().lower())
        except ValueError as exc:
            raise InvalidInput(
                N_("Unknown role: {value} (principal, assistant, backup, viewer)."), value=value
            ) from exc


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @classmethod
    def parse(cls, value: str) -> Priority:
        aliases = {"normal": "medium", "haute": "high", "basse": "low", "moyenne": "medium"}
        raw = aliases.get(value.strip().lower(), value.strip().lower())
        try:
            return cls(raw)
        except ValueError as exc:
            raise InvalidInput(
                N_("Unknown priority: {value} (high, medium, low)."), value=value
            ) from exc


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class CommitmentStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    LATE = "late"
    RENEGOTIATED = "renegotiated"
    DROPPED = "dropped"


class EventStatus(StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class EventKind(StrEnum):
    """What an event is for the pair. ``task_block``s are owned by the planner."""

    MEETING = "meeting"
    TASK_BLOCK = "task_block"
    FOCUS = "focus"
    PREPARATION = "preparation"
    TRAVEL = "travel"
    PERSONAL = "personal"
    REMINDER = "reminder"


class RequestStatus(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    NEEDS_CLARIFICATION = "needs_clarification"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Severity(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def check_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL.match(email) or len(email) > 254:
        raise InvalidInput(N_("Invalid e-mail address: {value}."), value=value)
    return email


def check_text(value: str, what: str, *, max_len: int = 500, empty_ok: bool = False) -> str:
    text = value.strip()
    if not text and not empty_ok:
        raise InvalidInput(N_("The {what} must not be empty."), what=what)
    if len(text) > max_len:
        raise InvalidInput(
            N_("The {what} is too long ({size} > {limit})."),
            what=what,
            size=len(text),
            limit=max_len,
        )
    return text


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Daily working window in the person's own zone, per ISO weekday (1 = Monday).

    A weekday absent from ``days`` is not worked. ``end`` may not be before ``start``.
    """

    start: time = time(9, 0)
    end: time = time(18, 0)
    days: frozenset[int] = frozenset({1, 2, 3, 4, 5})

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidInput(
                N_("Working hours must end after they start ({start}-{end})."),
                start=self.start.strftime("%H:%M"),
                end=self.end.strftime("%H:%M"),
            )
        if not self.days <= frozenset(range(1, 8)):
            raise InvalidInput(N_("Working days are 1 (Monday) to 7 (Sunday)."))

    @classmethod
    def parse(cls, text: str, days: frozenset[int] | None = None) -> WorkingHours:
        match = re.fullmatch(r"\s*(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})\s*", text)
        if match is None:
            raise InvalidInput(
                N_("Invalid hours: {value} (expected e.g. 09:00-18:00)."), value=text
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59:
            raise InvalidInput(
                N_("Invalid hours: {value} (expected e.g. 09:00-18:00)."), value=text
            )
        end = time(23, 59) if h2 == 24 else time(h2, m2)
        return cls(time(h1, m1), end, days if days is not None else frozenset({1, 2, 3, 4, 5}))

    def render(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Workspace:
    id: int = 0
    name: str
    tz: str
    lang: str = "fr"
    country: str | None = None
    region: str | None = None

    def __post_init__(self) -> None:
        zone(self.tz)
        if self.lang not in ("fr", "en"):
            raise InvalidInput(N_("Unknown language: {value} (fr, en)."), value=self.lang)


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """Someone the pair deals with: the principal, the assistants, contacts."""

    id: int = 0
    name: str
    email: str
    tz: str | None = None
    country: str | None = None
    region: str | None = None
    hours: WorkingHours = field(default_factory=WorkingHours)
    vip: bool = False
    nicknames: tuple[str, ...] = ()
    lang: str | None = None
    organization: str | None = None
    version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_text(self.name, "name", max_len=200))
        object.__setattr__(self, "email", check_email(self.email))
        if self.tz is not None:
            zone(self.tz)
        if self.country is not None and not re.fullmatch(r"[A-Z]{2}", self.country):
            raise InvalidInput(
                N_("Invalid country code: {value} (ISO 3166, e.g. FR)."), value=self.country
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    """A login of a workspace: a person with a role and a clearance."""

    id: int = 0
    name: str
    email: str
    role: Role
    clearance: Classification
    person_id: int | None = None
    active: bool = True
    version: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Objective:
    id: int = 0
    title: str
    weight: int
    classification: Classification = Classification.INTERNAL
    version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", check_text(self.title, "title"))
        if not 1 <= self.weight <= 100:
            raise InvalidInput(
                N_("An objective's weight is between 1 and 100 (got {value})."), value=self.weight
            )


@dataclass(frozen=True, slots=True)
class Attendee:
    email: str
    name: str | None = None
    required: bool = True
    partstat: str = "needs-action"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """An RFC 5545 series rule. ``rrule`` is the value without ``RRULE:``; ``rdates`` and
    ``exdates`` are in the same timing kind as the event's start (aware, naive or date)."""

    rrule: str | None = None
    rdates: tuple[datetime | date, ...] = ()
    exdates: tuple[datetime | date, ...] = ()

    def __post_init__(self) -> None:
        if self.rrule is not None and ("\n" in self.rrule or "\r" in self.rrule):
            raise InvalidInput(N_("Invalid recurrence rule."))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A calendar item. ``timing`` is ``Timed`` (aware, original zone kept), ``AllDay``
    (dates, exclusive end) or ``Floating`` (naive). A series has ``recurrence``; an
    override of one occurrence has ``series_id`` and ``recurrence_id`` (the original start
    of the occurrence it replaces) and ``this_and_future`` when it applies onward."""

    id: int = 0
    title: str
    timing: Timing
    calendar: str = "default"
    uid: str | None = None
    recurrence: Recurrence | None = None
    series_id: int | None = None
    recurrence_id: datetime | date | None = None
    this_and_future: bool = False
    location: str | None = None
    description: str | None = None
    url: str | None = None
    conference_url: str | None = None
    attendees: tuple[Attendee, ...] = ()
    organizer: str | None = None
    classification: Classification = Classification.INTERNAL
    status: EventStatus = EventStatus.CONFIRMED
    transparent: bool = False
    kind: EventKind = EventKind.MEETING
    important: bool = False
    objective_id: int | None = None
    task_id: int | None = None
    sequence: int = 0
    locally_modified: bool = False
    version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "title", check_text(self.title, "title", max_len=1000, empty_ok=True)
        )
        if not isinstance(self.timing, Timed | AllDay | Floating):
            raise InvalidInput(N_("An event needs a start and an end."))

    @property
    def all_day(self) -> bool:
        return isinstance(self.timing, AllDay)

    @property
    def floating(self) -> bool:
        return isinstance(self.timing, Floating)

    @property
    def is_series(self) -> bool:
        return self.recurrence is not None

    @property
    def blocks_time(self) -> bool:
        return not self.transparent and self.status is not EventStatus.CANCELLED


@dataclass(frozen=True, slots=True, kw_only=True)
class Task:
    """Work with an estimate. ``owner`` is ``principal`` or ``assistant``; ``depends_on``
    lists task ids that must be done first; a splittable task is placed in chunks of at
    least ``min_chunk``."""

    id: int = 0
    title: str
    estimate: timedelta
    due: datetime | None = None
    earliest_start: datetime | None = None
    priority: Priority = Priority.MEDIUM
    objective_id: int | None = None
    owner: str = "principal"
    depends_on: tuple[int, ...] = ()
    splittable: bool = True
    min_chunk: timedelta = timedelta(minutes=30)
    waiting_on: str | None = None
    status: TaskStatus = TaskStatus.OPEN
    classification: Classification = Classification.INTERNAL
    created_at: datetime | None = None
    done_at: datetime | None = None
    uid: str | None = None
    description: str | None = None
    version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", check_text(self.title, "title"))
        if self.estimate <= timedelta(0):
            raise InvalidInput(N_("A task's estimate must be positive."))
        if self.estimate > timedelta(days=60):
            raise InvalidInput(N_("A task's estimate must be under 60 days."))
        if self.min_chunk <= timedelta(0):
            raise InvalidInput(N_("A task's minimum chunk must be positive."))
        if self.owner not in ("principal", "assistant"):
            raise InvalidInput(
                N_("A task's owner is principal or assistant (got {value})."), value=self.owner
            )
        if self.due and self.earliest_start and self.due <= self.earliest_start:
            raise InvalidInput(N_("A task's due date must be after its earliest start."))
        if self.id and self.id in self.depends_on:
            raise InvalidInput(N_("A task cannot depend on itself."))


@dataclass(frozen=True, slots=True, kw_only=True)
class Commitment:
    """A promise: ``owner`` promised ``what`` to ``beneficiary`` by ``due``."""

    id: int = 0
    what: str
    owner: str
    beneficiary: str
    due: datetime
    status: CommitmentStatus = CommitmentStatus.OPEN
    classification: Classification = Classification.INTERNAL
    created_at: datetime | None = None
    done_at: datetime | None = None
    version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "what", check_text(self.what, "commitment"))
        object.__setattr__(self, "owner", check_email(self.owner))
        object.__setattr__(self, "beneficiary", check_email(self.beneficiary))

    def effective_status(self, now: datetime) -> CommitmentStatus:
        if self.status is CommitmentStatus.OPEN and now > self.due:
            return CommitmentStatus.LATE
        return self.status


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """Something asked of the pair: raw text, its interpretation, the options offered."""

    id: int = 0
    text: str
    lang: str
    requester: str | None = None
    interpretation: dict[str, Any] = field(default_factory=dict)
    reformulation: str | None = None
    question: str | None = None
    options: tuple[dict[str, Any], ...] = ()
    status: RequestStatus = RequestStatus.AWAITING_CONFIRMATION
    classification: Classification = Classification.INTERNAL
    created_at: datetime | None = None
    decided_at: datetime | None = None
    outcome: dict[str, Any] = field(default_factory=dict)
    version: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """One link of the hash chain: who did or saw what, when (UTC), and a digest of the
    content (never the content itself)."""

    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    digest: str
    prev_hash: str
    hash: str


__all__ = [
    "AllDay",
    "Attendee",
    "AuditEntry",
    "Classification",
    "Commitment",
    "CommitmentStatus",
    "Event",
    "EventKind",
    "EventStatus",
    "Floating",
    "Objective",
    "Person",
    "Priority",
    "Recurrence",
    "Request",
    "RequestStatus",
    "Role",
    "Severity",
    "Task",
    "TaskStatus",
    "Timed",
    "User",
    "WorkingHours",
    "Workspace",
]
