"""Import an .ics file into a calendar of the store, idempotently; busy time of colleagues.

``import_calendar`` upserts each VEVENT keyed by ``(calendar, UID, RECURRENCE-ID)``
(RFC 5545 §3.8.4.7, §3.8.4.4) and each VTODO as a task keyed by UID:

- same ``content_hash`` as stored → *unchanged* (importing a file twice changes nothing);
- changed content with a SEQUENCE not older than the stored one → *updated* (RFC 5546
  §2.1.4); an older SEQUENCE → *skipped* with the reason;
- a row edited in binome (``locally_modified``) is never overwritten: the incoming
  version is stored beside it in the calendar ``"<name> (conflict)"`` (same UID, upserted
  there by the same rules) and reported as a *conflict*; the user keeps one and deletes
  the other;
- rows of this calendar that came from a file (``source="ical"``) and are missing from
  the new file are *removed-upstream*: reported, and deleted only with ``prune`` (never
  when locally modified);
- ORGANIZER and ATTENDEE become people matched by e-mail (CN as name when created).

The whole import is one unit of work: a refused file, an exceeded budget
(``Limits.max_total_instances`` occurrences in the index) or any failure halfway rolls
back everything. Series are indexed once each, after all rows are written.

Zones: an event in a file's own VTIMEZONE with no IANA equivalent is stored as its exact
UTC instants with ``tzid="UTC"`` (its wall times stay right; its DST rule is lost for
occurrences past the file's own ones), and the summary carries a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from sqlalchemy import select

from binome.app.access import require_not_viewer, require_write
from binome.app.context import App
from binome.app.uow import UnitOfWork, unit_of_work
from binome.domain.errors import N_, InvalidInput, ParseError
from binome.domain.model import Event, Person, check_email
from binome.domain.recurrence import series_bounds
from binome.domain.text import Message
from binome.domain.timing import Span, Timed, zone
from binome.engine.availability import Busy
from binome.i18n import render
from binome.sources.ical import Limits, ParsedCalendar, ParsedEvent, ParsedTask, read_calendar
from binome.store.codec import encode_point
from binome.store.occurrence_index import HORIZON
from binome.store.tables import EventRow, TaskRow

__all__ = ["ImportSummary", "busy_for", "conflict_calendar", "import_calendar"]

Progress = Callable[[int, int], None]
Key = tuple[str | None, str | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Stored:
    """What the import needs of a row it has just written (no reload from the session)."""

    id: int
    version: int
    sequence: int
    content_hash: str
    locally_modified: bool
    rrule: str | None
    rdates: str
    source: str
    series_id: int | None

    @classmethod
    def of(cls, event: Event, content_hash: str) -> _Stored:
        rec = event.recurrence
        return cls(
            id=event.id,
            version=event.version,
            sequence=event.sequence,
            content_hash=content_hash,
            locally_modified=event.locally_modified,
            rrule=rec.rrule if rec else None,
            rdates="[]" if rec is None or not rec.rdates else "[...]",
            source="ical",
            series_id=event.series_id,
        )


def conflict_calendar(calendar: str) -> str:
    """Where incoming versions of locally modified events are kept."""
    return f"{calendar} (conflict)"


@dataclass(slots=True, kw_only=True)
class ImportSummary:
    file: str
    calendar: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed_upstream: list[dict[str, Any]] = field(default_factory=list)
    pruned: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tasks_created: int = 0
    tasks_updated: int = 0
    indexed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "calendar": self.calendar,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed_upstream": self.removed_upstream,
            "pruned": self.pruned,
            "conflicts": self.conflicts,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "tasks_created": self.tasks_created,
            "tasks_updated": self.tasks_updated,
            "indexed_occurrences": self.indexed,
        }


def import_calendar(
    app: App,
    data: bytes,
    *,
    name: str,
    calendar: str | None = None,
    owner: str | None = None,
    prune: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> dict[str, Any]:
    """Import ``data`` (the file called ``name``); the summary as a dict (see module doc).
    ``ParseError`` (one line: file, line, problem) if the file is refused.

    By default a bad component is skipped with its line and reason and the rest is kept
    (SECURITY.md row 31); ``strict`` makes it all or nothing: the first bad component
    refuses the whole file and nothing changes."""
    limits = limits or Limits()
    file = PurePath(name).name
    owner_email = check_email(owner) if owner else None
    with unit_of_work(app) as uow:
        require_not_viewer(uow.actor)
        parsed = read_calendar(data, name=file, default_tz=uow.workspace.tz, limits=limits)
        if strict and parsed.skipped:
            raise min(parsed.skipped, key=lambda skip: skip.line).reason
        target = (calendar or parsed.calendar_name or PurePath(file).stem or "default")[:180]
        summary = ImportSummary(file=file, calendar=target)
        importer = _Importer(uow, summary, owner_email)
        if owner_email:
            importer.person(owner_email, None)
        touched = importer.events(parsed.events, target, progress)
        importer.tasks(parsed.tasks)
        importer.removed(parsed.events, target, prune, touched)
        summary.indexed = _index(uow, touched, limits, file)
        _report(uow, parsed, summary)
        uow.audit(
            "calendar.import",
            "calendar",
            target[:64],
            {k: v for k, v in summary.as_dict().items() if isinstance(v, int)},
        )
        return summary.as_dict()


class _Importer:
    def __init__(self, uow: UnitOfWork, summary: ImportSummary, owner: str | None) -> None:
        self.uow = uow
        self.summary = summary
        self.owner = owner
        self.known: dict[str, Person | None] = {}
        self.rows: dict[str, dict[Key, EventRow | _Stored]] = {}

    def person(self, email: str, name: str | None) -> None:
        email = email.strip().lower()
        if email in self.known:
            return
        found = self.uow.repos.person_by_email(email)
        if found is None:
            try:
                person = Person(name=(name or email.split("@")[0])[:200], email=email)
            except InvalidInput:  # an address binome cannot keep: the event still imports
                self.known[email] = None
                return
            found = self.uow.repos.add_person(person)
        self.known[email] = found

    def calendar_rows(self, calendar: str) -> dict[Key, EventRow | _Stored]:
        if calendar not in self.rows:
            rows = self.uow.repos.event_rows_of_calendar(calendar)
            self.rows[calendar] = {(r.uid, r.recurrence_id): r for r in rows}
        return self.rows[calendar]

    def events(
        self, parsed: Sequence[ParsedEvent], target: str, progress: Progress | None
    ) -> set[int]:
        """Upsert every event, masters before overrides; the events to reindex (single
        events and series masters)."""
        ordered = sorted(parsed, key=lambda p: (p.recurrence_id is not None, p.line))
        touched: set[int] = set()
        for i, item in enumerate(ordered):
            if progress is not None:
                progress(i, len(ordered))
            event = item.event
            for email, cn in [
                (event.organizer, item.organizer_name),
                *((a.email, a.name) for a in event.attendees),
            ]:
                if email:
                    self.person(email, cn)
            root = self.upsert(item, target)
            if root is not None:
                touched.add(root)
        if progress is not None:
            progress(len(ordered), len(ordered))
        return touched

    def upsert(self, item: ParsedEvent, target: str, conflict: bool = False) -> int | None:
        rows = self.calendar_rows(target)
        rid = None if item.recurrence_id is None else encode_point(item.recurrence_id)
        master = rows.get((item.uid, None)) if rid is not None else None
        event = replace(
            item.event,
            calendar=target,
            uid=item.uid,
            series_id=master.id if master is not None and _is_series(master) else None,
        )
        require_write(self.uow.actor, event.classification)
        row = rows.get((item.uid, rid))
        repos, now = self.uow.repos, self.uow.now
        range_end = (
            series_bounds(event, zone(self.uow.workspace.tz))[1] if event.recurrence else None
        )
        if row is None:
            stored = repos.add_event(
                event,
                now=now,
                source="ical",
                content_hash=item.content_hash,
                owner_email=self.owner,
                range_end=range_end,
                index=False,
            )
            rows[(item.uid, rid)] = _Stored.of(stored, item.content_hash)
            if not conflict:
                self.summary.created += 1
            return _root_of(stored)
        if row.content_hash == item.content_hash:
            if not conflict:
                self.summary.unchanged += 1
            return None
        if row.locally_modified and not conflict:
            self.summary.conflicts.append(
                {
                    "uid": item.uid,
                    "recurrence_id": rid,
                    "line": item.line,
                    "kept_in": conflict_calendar(target),
                }
            )
            return self.upsert(item, conflict_calendar(target), conflict=True)
        if item.sequence < row.sequence:
            self.skip(
                item,
                N_("older than the stored version (SEQUENCE {sequence} < {stored})"),
                sequence=item.sequence,
                stored=row.sequence,
            )
            return None
        stored = repos.update_event(
            replace(event, id=row.id, version=row.version),
            now=now,
            content_hash=item.content_hash,
            range_end=range_end,
            index=False,
        )
        if not conflict:
            self.summary.updated += 1
        return _root_of(stored)

    def skip(self, item: ParsedEvent, msgid: str, **params: Any) -> None:
        reason = render(Message.of(msgid, **params), self.uow.lang)
        self.summary.skipped.append({"line": item.line, "uid": item.uid, "reason": reason})

    def tasks(self, parsed: Sequence[ParsedTask]) -> None:
        repos = self.uow.repos
        for item in parsed:
            require_write(self.uow.actor, item.task.classification)
            row = repos.session.scalars(
                select(TaskRow).where(TaskRow.workspace_id == repos.ws, TaskRow.uid == item.uid)
            ).first()
            task = replace(item.task, uid=item.uid)
            if row is None:
                repos.add_task(task, now=self.uow.now)
                self.summary.tasks_created += 1
                continue
            old = repos.task_to_domain(row)
            new = replace(task, id=old.id, version=old.version, created_at=old.created_at)
            if new != old:
                repos.update_task(new)
                self.summary.tasks_updated += 1

    def removed(
        self, parsed: Sequence[ParsedEvent], target: str, prune: bool, touched: set[int]
    ) -> None:
        incoming = {
            (p.uid, None if p.recurrence_id is None else encode_point(p.recurrence_id))
            for p in parsed
        }
        gone = [
            (key, row)
            for key, row in self.calendar_rows(target).items()
            if key not in incoming and row.source == "ical"
        ]
        gone.sort(key=lambda kr: kr[1].series_id is None)  # overrides first, then masters
        deleted: set[int] = set()
        for key, row in gone:
            kept = row.locally_modified
            self.summary.removed_upstream.append(
                {"uid": key[0], "recurrence_id": key[1], "kept": kept or not prune}
            )
            if prune and not kept and row.id not in deleted:
                if row.series_id is not None:
                    touched.add(row.series_id)
                touched.discard(row.id)
                deleted.add(row.id)
                self.uow.repos.delete_event(row.id, index=False)
                self.summary.pruned += 1


def _is_series(row: EventRow | _Stored) -> bool:
    return row.rrule is not None or row.rdates != "[]"


def _root_of(event: Event) -> int:
    """The event whose index rows ``event`` is part of: its series, or itself."""
    return event.series_id if event.series_id is not None else event.id


def _index(uow: UnitOfWork, touched: set[int], limits: Limits, file: str) -> int:
    """Index the touched events (or build the whole index the first time), within the
    ``max_total_instances`` budget for series; a ``ParseError`` (rolling back the import)
    if over."""
    repos = uow.repos
    if repos.occurrence_horizon() is None:
        total = repos.rebuild_occurrence_index(uow.now + HORIZON)
    else:
        total = repos.reindex_events(touched)
    if total > limits.max_total_instances:
        raise ParseError(
            N_("The series of this file have too many occurrences ({count}, limit {limit})."),
            where=f"{file}:1",
            count=total,
            limit=limits.max_total_instances,
        )
    return total


def _report(uow: UnitOfWork, parsed: ParsedCalendar, summary: ImportSummary) -> None:
    lang = uow.lang
    for skip in parsed.skipped:
        summary.skipped.append(
            {"line": skip.line, "uid": skip.uid, "reason": render(skip.reason, lang)}
        )
    summary.warnings.extend(render(w, lang) for w in parsed.warnings)
    foreign = sorted(
        {
            p.uid
            for p in parsed.events
            if isinstance(p.event.timing, Timed) and p.event.timing.tzid is None
        }
    )
    if foreign:
        summary.warnings.append(
            render(
                Message.of(
                    N_(
                        "{count} events use a time zone of the file with no IANA name: "
                        "stored at their exact UTC times."
                    ),
                    count=len(foreign),
                ),
                lang,
            )
        )


def busy_for(uow: UnitOfWork, email: str, window: Span) -> list[Busy]:
    """The busy time of ``email`` over ``window`` from calendars imported for them
    (``--owner``): occurrences that block time, sorted; content is never read."""
    from binome.app.calendar import load_occurrences
    from binome.domain.model import EventStatus

    wanted = email.strip().lower()
    out = [
        Busy(
            span=o.span,
            tentative=o.event.status is EventStatus.TENTATIVE,
            event_id=o.event.id,
        )
        for o in load_occurrences(uow, window, owner=wanted)
        if o.event.blocks_time
    ]
    return sorted(out, key=lambda b: (b.span.start, b.span.end))
