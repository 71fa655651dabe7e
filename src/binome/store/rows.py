"""Stored row → domain value, on plain mappings: one decoder for every way rows are read.

The ORM repositories (``store/repositories.py``) hand in their row objects through
``RowView``; the stdlib-``sqlite3`` read path of ``binome agenda`` (``store/lite.py``) hands
in ``sqlite3.Row``s, so it decodes with the very same functions without importing
SQLAlchemy. The mappings may therefore hold either driver's values: SQLite returns a
``DateTime`` column as its stored text (``2026-11-26 08:30:00.000000``, SQLAlchemy's SQLite
format) and a ``Boolean`` as 0/1, the ORM returns ``datetime`` and ``bool``; ``db_datetime``
and ``bool()`` accept both. This module imports no storage library.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any, Protocol

from binome.domain.model import (
    Attendee,
    Classification,
    Event,
    EventKind,
    EventStatus,
    Person,
    Recurrence,
    WorkingHours,
)
from binome.domain.timing import AllDay, Floating, Timed, zone
from binome.store.codec import Codec, decode_point, from_db


class Fields(Protocol):
    """A stored row read by column name: a ``Mapping``, a ``sqlite3.Row``, a ``RowView``."""

    def __getitem__(self, key: str, /) -> Any: ...


class RowView(Mapping[str, Any]):
    """A read-only mapping over an object's attributes (an ORM row, say)."""

    __slots__ = ("_obj",)

    def __init__(self, obj: object) -> None:
        self._obj = obj

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self._obj, key)
        except AttributeError as exc:
            raise KeyError(key) from exc

    def __iter__(self) -> Iterator[str]:
        return iter(k for k in dir(self._obj) if not k.startswith("_"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def db_datetime(value: datetime | str) -> datetime:
    """A stored naive-UTC ``DateTime``, from either driver, as a naive datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def db_text(value: datetime) -> str:
    """A naive-UTC datetime as SQLAlchemy's SQLite dialect stores and compares it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def encode_hours(h: WorkingHours) -> str:
    return f"{h.render()}/{''.join(str(d) for d in sorted(h.days))}"


def decode_hours(text: str) -> WorkingHours:
    if not text:
        return WorkingHours()
    span, _, days = text.partition("/")
    return WorkingHours.parse(span, frozenset(int(c) for c in days) if days else None)


def person_from_row(row: Fields) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        tz=row["tz"],
        country=row["country"],
        region=row["region"],
        hours=decode_hours(row["hours"]),
        vip=bool(row["vip"]),
        nicknames=tuple(json.loads(row["nicknames"])),
        lang=row["lang"],
        organization=row["organization"],
        version=row["version"],
    )


def is_series(row: Fields) -> bool:
    """Whether an event row is a recurring series (an RRULE or RDATEs, RFC 5545 §3.8.5)."""
    return bool(row["rrule"]) or row["rdates"] != "[]"


def _timing(row: Fields) -> Timed | AllDay | Floating:
    kind = row["timing"]
    if kind == "timed":
        tz = zone(row["tzid"] or "UTC")
        start = from_db(db_datetime(row["start_utc"])).astimezone(tz)
        return Timed(start, from_db(db_datetime(row["end_utc"])).astimezone(tz))
    start_local, end_local = row["start_local"], row["end_local"]
    assert start_local
    assert end_local
    if kind == "all_day":
        return AllDay(date.fromisoformat(start_local), date.fromisoformat(end_local))
    return Floating(datetime.fromisoformat(start_local), datetime.fromisoformat(end_local))


# Enum members by stored value: a dict lookup instead of ``Enum.__call__`` (a year's
# agenda decodes thousands of events; an unknown value still raises, as a KeyError).
_CLASSIFICATIONS = {c.value: c for c in Classification}
_STATUSES = {s.value: s for s in EventStatus}
_KINDS = {k.value: k for k in EventKind}


def event_from_row(row: Fields, codec: Codec) -> Event:
    """Decode an ``events`` row; its sealed text is opened with ``codec``."""
    data = codec.unpack("events", row["data"])
    recurrence = None
    if is_series(row):
        recurrence = Recurrence(
            rrule=row["rrule"],
            rdates=tuple(decode_point(p) for p in json.loads(row["rdates"])),
            exdates=tuple(decode_point(p) for p in json.loads(row["exdates"])),
        )
    recurrence_id = row["recurrence_id"]
    return Event(
        id=row["id"],
        title=data.get("title") or "",
        timing=_timing(row),
        calendar=row["calendar"],
        uid=row["uid"],
        recurrence=recurrence,
        series_id=row["series_id"],
        recurrence_id=None if recurrence_id is None else decode_point(recurrence_id),
        this_and_future=bool(row["this_and_future"]),
        location=data.get("location"),
        description=data.get("description"),
        url=data.get("url"),
        conference_url=data.get("conference_url"),
        organizer=data.get("organizer"),
        attendees=tuple(Attendee(a[0], a[1], bool(a[2]), a[3]) for a in data.get("attendees", [])),
        classification=_CLASSIFICATIONS[row["classification"]],
        status=_STATUSES[row["status"]],
        transparent=bool(row["transparent"]),
        kind=_KINDS[row["kind"]],
        important=bool(row["important"]),
        objective_id=row["objective_id"],
        task_id=row["task_id"],
        sequence=row["sequence"],
        locally_modified=bool(row["locally_modified"]),
        version=row["version"],
    )
