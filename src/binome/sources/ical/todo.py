"""One VTODO → one binome ``Task`` (``ParsedTask``).

Mapping: SUMMARY → title, DUE → due (a DATE means "by the end of that day" in the default
zone), DURATION → estimate (default 1 h), PRIORITY 1-4 high / 5 medium / 6-9 low
(RFC 5545 §3.8.1.9; 0 or missing → medium), STATUS COMPLETED → done, CANCELLED → dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from icalendar.cal.component import Component

from binome.domain.errors import InvalidInput
from binome.domain.model import Classification, Priority, Task, TaskStatus
from binome.sources.ical.convert import digest, fail, int_of, text_of, when
from binome.sources.ical.zones import ZoneResolver

__all__ = ["ParsedTask", "to_task"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedTask:
    task: Task
    uid: str
    line: int
    sequence: int
    content_hash: str


_PRIORITY = {
    **dict.fromkeys(range(1, 5), Priority.HIGH),
    5: Priority.MEDIUM,
    **dict.fromkeys(range(6, 10), Priority.LOW),
}


def _due(value: Any, zones: ZoneResolver) -> datetime | None:
    """DUE as an instant: a DATE means "by the end of that day" in the default zone."""
    if value is None:
        return None
    moment: datetime = (
        value if isinstance(value, datetime) else datetime.combine(value + timedelta(1), time(0))
    )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zones.default)
    return moment


def to_task(comp: Component, *, zones: ZoneResolver, where: str, line: int) -> ParsedTask:
    due = _due(when(comp, "DUE", zones, line), zones)
    start = _due(when(comp, "DTSTART", zones, line), zones)
    duration = getattr(comp.get("DURATION"), "dt", None)
    estimate = timedelta(hours=1)
    if isinstance(duration, timedelta) and timedelta(0) < duration <= timedelta(days=60):
        estimate = duration
    status = (text_of(comp, "STATUS") or "").upper()
    completed = when(comp, "COMPLETED", zones, line)
    try:
        task = Task(
            title=(text_of(comp, "SUMMARY") or "(no title)")[:500],
            estimate=estimate,
            due=due,
            earliest_start=start if start and due and start < due else None,
            priority=_PRIORITY.get(int_of(comp.get("PRIORITY")), Priority.MEDIUM),
            status={"COMPLETED": TaskStatus.DONE, "CANCELLED": TaskStatus.DROPPED}.get(
                status, TaskStatus.OPEN
            ),
            classification=Classification.from_ical_class(text_of(comp, "CLASS")),
            done_at=completed if isinstance(completed, datetime) and completed.tzinfo else None,
            description=text_of(comp, "DESCRIPTION"),
        )
    except InvalidInput as exc:
        raise fail(where, exc.message, **exc.params) from exc
    uid = text_of(comp, "UID") or "binome-" + digest(task)[:32]
    task = replace(task, uid=uid)
    return ParsedTask(
        task=task,
        uid=uid,
        line=line,
        sequence=int_of(comp.get("SEQUENCE")),
        content_hash=digest(task),
    )
