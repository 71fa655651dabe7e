"""Repositories: load and save domain values for one workspace, inside a unit of work.

Every query is scoped to the workspace; a missing id and an id of another workspace give the
same ``NotFound`` (no existence oracle, SECURITY.md row 4). Access control is *not* here: the
``app`` layer decides who may see what, and asks the repositories only for what it needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from binome.domain.errors import N_, NotFound
from binome.domain.model import (
    Classification,
    Commitment,
    CommitmentStatus,
    Event,
    Objective,
    Person,
    Priority,
    Request,
    RequestStatus,
    Task,
    TaskStatus,
)
from binome.domain.timing import AllDay, Timed, zone
from binome.store import occurrence_index
from binome.store import rows as decode
from binome.store.codec import (
    FLOAT_MARGIN,
    Codec,
    encode_point,
    from_db,
    from_db_opt,
    to_db,
    to_db_opt,
)
from binome.store.tables import (
    CommitmentRow,
    EventRow,
    ObjectiveRow,
    OccurrenceRow,
    PersonRow,
    RequestRow,
    TaskRow,
    WorkspaceRow,
)


def _not_found(kind: str, ref: object) -> NotFound:
    return NotFound(N_("No {kind} {ref} here."), kind=kind, ref=str(ref))


class Repositories:
    def __init__(self, session: Session, workspace_id: int, codec: Codec) -> None:
        self.session = session
        self.ws = workspace_id
        self.codec = codec

    # -- people ------------------------------------------------------------------------

    def person_to_domain(self, row: PersonRow) -> Person:
        return decode.person_from_row(decode.RowView(row))

    def add_person(self, person: Person) -> Person:
        row = PersonRow(workspace_id=self.ws)
        self._fill_person(row, person)
        self.session.add(row)
        self.session.flush()
        return self.person_to_domain(row)

    def update_person(self, person: Person) -> Person:
        row = self._row(PersonRow, person.id, "person")
        if row.version != person.version:
            from binome.domain.errors import Conflict

            raise Conflict(
                N_("{kind} {ref} was changed by someone else; reload and retry."),
                kind="person",
                ref=str(person.id),
            )
        self._fill_person(row, person)
        self.session.flush()
        return self.person_to_domain(row)

    def _fill_person(self, row: PersonRow, p: Person) -> None:
        row.name, row.email, row.tz, row.country, row.region = (
            p.name,
            p.email,
            p.tz,
            p.country,
            p.region,
        )
        row.hours = _encode_hours(p.hours)
        row.vip, row.nicknames, row.lang = p.vip, json.dumps(list(p.nicknames)), p.lang
        row.organization = p.organization

    def person(self, person_id: int) -> Person:
        return self.person_to_domain(self._row(PersonRow, person_id, "person"))

    def person_by_email(self, email: str) -> Person | None:
        row = self.session.scalar(
            select(PersonRow).where(
                PersonRow.workspace_id == self.ws, PersonRow.email == email.strip().lower()
            )
        )
        return None if row is None else self.person_to_domain(row)

    def people(self) -> list[Person]:
        rows = self.session.scalars(
            select(PersonRow).where(PersonRow.workspace_id == self.ws).order_by(PersonRow.name)
        )
        return [self.person_to_domain(r) for r in rows]

    # -- objectives --------------------------------------------------------------------

    def add_objective(self, objective: Objective) -> Objective:
        row = ObjectiveRow(
            workspace_id=self.ws,
            weight=objective.weight,
            classification=objective.classification.value,
            data=self.codec.pack(
                "objectives", objective.classification, {"title": objective.title}
            ),
        )
        self.session.add(row)
        self.session.flush()
        return self.objective_to_domain(row)

    def objective_to_domain(self, row: ObjectiveRow) -> Objective:
        data = self.codec.unpack("objectives", row.data)
        return Objective(
            id=row.id,
            title=data["title"],
            weight=row.weight,
            classification=Classification(row.classification),
            version=row.version,
        )

    def objective(self, objective_id: int) -> Objective:
        return self.objective_to_domain(self._row(ObjectiveRow, objective_id, "objective"))

    def objectives(self) -> list[Objective]:
        rows = self.session.scalars(
            select(ObjectiveRow)
            .where(ObjectiveRow.workspace_id == self.ws)
            .order_by(ObjectiveRow.weight.desc(), ObjectiveRow.id)
        )
        return [self.objective_to_domain(r) for r in rows]

    # -- events ------------------------------------------------------------------------

    def add_event(
        self,
        event: Event,
        *,
        now: datetime,
        source: str = "local",
        content_hash: str | None = None,
        owner_email: str | None = None,
        range_end: datetime | None = None,
        index: bool = True,
    ) -> Event:
        """Store ``event``; ``index=False`` leaves the occurrence index to the caller
        (a bulk import reindexes each touched event once, see ``reindex_events``)."""
        row = EventRow(
            workspace_id=self.ws, created_at=to_db(now), source=source, owner_email=owner_email
        )
        self._fill_event(row, event, now=now, range_end=range_end)
        row.content_hash = content_hash
        self.session.add(row)
        self.session.flush()
        if index:
            self._reindex_row(row)
        return self.event_to_domain(row)

    def update_event(
        self,
        event: Event,
        *,
        now: datetime,
        content_hash: str | None = None,
        range_end: datetime | None = None,
        index: bool = True,
    ) -> Event:
        row = self._row(EventRow, event.id, "event")
        _check_version(row.version, event.version, "event", event.id)
        self._fill_event(row, event, now=now, range_end=range_end)
        if content_hash is not None:
            row.content_hash = content_hash
        self.session.flush()
        if index:
            self._reindex_row(row)
        return self.event_to_domain(row)

    def delete_event(self, event_id: int, *, index: bool = True) -> None:
        row = self._row(EventRow, event_id, "event")
        series_id = row.series_id
        occurrence_index.clear_events(self.session, row.id)
        self.session.execute(
            delete(EventRow).where(EventRow.series_id == row.id, EventRow.workspace_id == self.ws)
        )
        self.session.delete(row)
        self.session.flush()
        if index and series_id is not None:
            self.reindex_events([series_id])

    # -- occurrence index (see store/occurrence_index.py for its invariants) -------------

    def occurrence_horizon(self) -> datetime | None:
        value = self._workspace_row().occurrence_horizon_utc
        return None if value is None else from_db(value)

    def rebuild_occurrence_index(self, horizon: datetime) -> int:
        """Index every event up to ``horizon`` and record it; the series rows written."""
        ws = self._workspace_row()
        ws.occurrence_horizon_utc = to_db(horizon)
        self.session.flush()
        self.session.execute(delete(OccurrenceRow).where(OccurrenceRow.workspace_id == self.ws))
        masters = self.session.scalars(
            select(EventRow).where(
                EventRow.workspace_id == self.ws,
                EventRow.series_id.is_(None),
                or_(EventRow.rrule.is_not(None), EventRow.rdates != "[]"),
            )
        ).all()
        singles = self.single_event_rows_in_window(horizon - occurrence_index.COVER, horizon)
        return self._index(masters, singles, horizon)

    def reindex_events(self, event_ids: Iterable[int]) -> int:
        """Rebuild the index rows of these events, each a single event or a series master
        (with its overrides); a no-op without an index. The series rows written. An event
        that is neither (gone, or an override whose series is no more) keeps no row."""
        horizon = self.occurrence_horizon()
        if horizon is None:
            return 0
        ids = sorted(set(event_ids))
        occurrence_index.clear_events(self.session, *ids)
        rows = self.event_rows_by_ids(ids)
        masters = [r for r in rows if r.series_id is None and not _is_single(r)]
        return self._index(masters, [r for r in rows if _is_single(r)], horizon)

    def _index(
        self, masters: Sequence[EventRow], singles: Sequence[EventRow], horizon: datetime
    ) -> int:
        """Write the rows of these series masters and single events, whose rows are gone."""
        tz = zone(self._workspace_row().tz)
        decoded = [self.event_to_domain(r) for r in singles]
        occurrence_index.index_singles(self.session, self.ws, decoded, tz=tz, horizon=horizon)
        written = 0
        for master in masters:
            overrides = self.session.scalars(
                select(EventRow).where(
                    EventRow.workspace_id == self.ws, EventRow.series_id == master.id
                )
            ).all()
            written += occurrence_index.index_series(
                self.session,
                self.ws,
                self.event_to_domain(master),
                [self.event_to_domain(r) for r in overrides],
                tz=tz,
                horizon=horizon,
            )
        return written

    def _reindex_row(self, row: EventRow) -> None:
        self.reindex_events([row.series_id if row.series_id is not None else row.id])

    def single_event_rows_in_window(self, start: datetime, end: datetime) -> Sequence[EventRow]:
        """Events that are not series and not overrides of a stored series, overlapping
        ``[start, end)`` (all-day and floating by their widened index bounds)."""
        s, e = to_db(start), to_db(end)
        return self.session.scalars(
            select(EventRow).where(
                EventRow.workspace_id == self.ws,
                EventRow.series_id.is_(None),
                EventRow.rrule.is_(None),
                EventRow.rdates == "[]",
                EventRow.start_utc < e,
                EventRow.end_utc > s,
            )
        ).all()

    def event_rows_by_ids(self, ids: Sequence[int]) -> list[EventRow]:
        """The workspace's events among ``ids`` (in chunks: SQLite bounds parameters)."""
        found: list[EventRow] = []
        for at in range(0, len(ids), 900):
            chunk = list(ids[at : at + 900])
            found += self.session.scalars(
                select(EventRow).where(EventRow.workspace_id == self.ws, EventRow.id.in_(chunk))
            ).all()
        return found

    def event_rows_of_calendar(self, calendar: str) -> Sequence[EventRow]:
        return self.session.scalars(
            select(EventRow).where(EventRow.workspace_id == self.ws, EventRow.calendar == calendar)
        ).all()

    def _fill_event(
        self, row: EventRow, e: Event, *, now: datetime, range_end: datetime | None
    ) -> None:
        timing = e.timing
        if isinstance(timing, Timed):
            row.timing = "timed"
            row.start_utc, row.end_utc = to_db(timing.start), to_db(timing.end)
            row.tzid = timing.tzid or "UTC"
            row.start_local = timing.start.replace(tzinfo=None).isoformat()
            row.end_local = timing.end.replace(tzinfo=None).isoformat()
        elif isinstance(timing, AllDay):
            row.timing = "all_day"
            row.tzid = None
            row.start_local, row.end_local = timing.start.isoformat(), timing.end.isoformat()
            row.start_utc = datetime.combine(timing.start, time(0)) - FLOAT_MARGIN
            row.end_utc = datetime.combine(timing.end, time(0)) + FLOAT_MARGIN
        else:
            row.timing = "floating"
            row.tzid = None
            row.start_local, row.end_local = timing.start.isoformat(), timing.end.isoformat()
            row.start_utc = timing.start - FLOAT_MARGIN
            row.end_utc = timing.end + FLOAT_MARGIN
        rec = e.recurrence
        row.rrule = rec.rrule if rec else None
        row.rdates = json.dumps([encode_point(p) for p in rec.rdates] if rec else [])
        row.exdates = json.dumps([encode_point(p) for p in rec.exdates] if rec else [])
        if rec is not None:
            row.range_end_utc = None if range_end is None else to_db(range_end)
        else:
            row.range_end_utc = row.end_utc
        row.calendar, row.uid, row.series_id = e.calendar, e.uid, e.series_id
        row.recurrence_id = None if e.recurrence_id is None else encode_point(e.recurrence_id)
        row.this_and_future = e.this_and_future
        row.classification = e.classification.value
        row.status, row.transparent, row.kind = e.status.value, e.transparent, e.kind.value
        row.important, row.objective_id, row.task_id = e.important, e.objective_id, e.task_id
        row.sequence, row.locally_modified = e.sequence, e.locally_modified
        row.updated_at = to_db(now)
        row.data = self.codec.pack(
            "events",
            e.classification,
            {
                "title": e.title,
                "location": e.location,
                "description": e.description,
                "url": e.url,
                "conference_url": e.conference_url,
                "organizer": e.organizer,
                "attendees": [[a.email, a.name, a.required, a.partstat] for a in e.attendees],
            },
        )

    def event_to_domain(self, row: EventRow) -> Event:
        return decode.event_from_row(decode.RowView(row), self.codec)

    def event(self, event_id: int) -> Event:
        return self.event_to_domain(self._row(EventRow, event_id, "event"))

    def event_rows_in_window(self, start: datetime, end: datetime) -> Sequence[EventRow]:
        """Single events overlapping ``[start, end)``, every series that may have an
        occurrence there, and all overrides of those series."""
        s, e = to_db(start), to_db(end)
        singles_and_series = self.session.scalars(
            select(EventRow).where(
                EventRow.workspace_id == self.ws,
                EventRow.series_id.is_(None),
                EventRow.start_utc < e,
                or_(EventRow.range_end_utc.is_(None), EventRow.range_end_utc > s),
            )
        ).all()
        series_ids = [r.id for r in singles_and_series if decode.is_series(decode.RowView(r))]
        overrides: Sequence[EventRow] = []
        if series_ids:
            overrides = self.session.scalars(
                select(EventRow).where(
                    EventRow.workspace_id == self.ws, EventRow.series_id.in_(series_ids)
                )
            ).all()
        orphans = self.session.scalars(
            select(EventRow).where(
                EventRow.workspace_id == self.ws,
                EventRow.series_id.is_not(None),
                and_(EventRow.start_utc < e, EventRow.end_utc > s),
            )
        ).all()
        seen = {r.id for r in overrides}
        return [*singles_and_series, *overrides, *(r for r in orphans if r.id not in seen)]

    def event_owners(self, emails: Sequence[str]) -> set[str]:
        """Which of ``emails`` own stored events (a calendar imported for them)."""
        if not emails:
            return set()
        rows = self.session.scalars(
            select(EventRow.owner_email)
            .where(EventRow.workspace_id == self.ws, EventRow.owner_email.in_(list(emails)))
            .distinct()
        )
        return {r for r in rows if r}

    def events_by_uid(self, calendar: str, uid: str) -> list[Event]:
        rows = self.session.scalars(
            select(EventRow).where(
                EventRow.workspace_id == self.ws, EventRow.calendar == calendar, EventRow.uid == uid
            )
        )
        return [self.event_to_domain(r) for r in rows]

    # -- tasks -------------------------------------------------------------------------

    def add_task(self, task: Task, *, now: datetime) -> Task:
        row = TaskRow(workspace_id=self.ws, created_at=to_db(task.created_at or now))
        self._fill_task(row, task)
        self.session.add(row)
        self.session.flush()
        return self.task_to_domain(row)

    def update_task(self, task: Task) -> Task:
        row = self._row(TaskRow, task.id, "task")
        _check_version(row.version, task.version, "task", task.id)
        self._fill_task(row, task)
        self.session.flush()
        return self.task_to_domain(row)

    def _fill_task(self, row: TaskRow, t: Task) -> None:
        row.uid = t.uid
        row.estimate_minutes = int(t.estimate.total_seconds() // 60)
        row.due_utc, row.earliest_start_utc = to_db_opt(t.due), to_db_opt(t.earliest_start)
        row.priority, row.objective_id, row.owner = t.priority.value, t.objective_id, t.owner
        row.depends_on = json.dumps(list(t.depends_on))
        row.splittable = t.splittable
        row.min_chunk_minutes = int(t.min_chunk.total_seconds() // 60)
        row.waiting_on, row.status = t.waiting_on, t.status.value
        row.classification = t.classification.value
        row.done_at = to_db_opt(t.done_at)
        row.data = self.codec.pack(
            "tasks", t.classification, {"title": t.title, "description": t.description}
        )

    def task_to_domain(self, row: TaskRow) -> Task:
        data = self.codec.unpack("tasks", row.data)
        return Task(
            id=row.id,
            title=data["title"],
            description=data.get("description"),
            estimate=timedelta(minutes=row.estimate_minutes),
            due=from_db_opt(row.due_utc),
            earliest_start=from_db_opt(row.earliest_start_utc),
            priority=Priority(row.priority),
            objective_id=row.objective_id,
            owner=row.owner,
            depends_on=tuple(json.loads(row.depends_on)),
            splittable=row.splittable,
            min_chunk=timedelta(minutes=row.min_chunk_minutes),
            waiting_on=row.waiting_on,
            status=TaskStatus(row.status),
            classification=Classification(row.classification),
            created_at=from_db(row.created_at),
            done_at=from_db_opt(row.done_at),
            uid=row.uid,
            version=row.version,
        )

    def task(self, task_id: int) -> Task:
        return self.task_to_domain(self._row(TaskRow, task_id, "task"))

    def tasks(self, *, open_only: bool = False) -> list[Task]:
        query = select(TaskRow).where(TaskRow.workspace_id == self.ws)
        if open_only:
            query = query.where(TaskRow.status == TaskStatus.OPEN.value)
        return [self.task_to_domain(r) for r in self.session.scalars(query.order_by(TaskRow.id))]

    # -- commitments -------------------------------------------------------------------

    def add_commitment(self, c: Commitment, *, now: datetime) -> Commitment:
        row = CommitmentRow(workspace_id=self.ws, created_at=to_db(c.created_at or now))
        self._fill_commitment(row, c)
        self.session.add(row)
        self.session.flush()
        return self.commitment_to_domain(row)

    def update_commitment(self, c: Commitment) -> Commitment:
        row = self._row(CommitmentRow, c.id, "commitment")
        _check_version(row.version, c.version, "commitment", c.id)
        self._fill_commitment(row, c)
        self.session.flush()
        return self.commitment_to_domain(row)

    def _fill_commitment(self, row: CommitmentRow, c: Commitment) -> None:
        row.owner, row.beneficiary, row.due_utc = c.owner, c.beneficiary, to_db(c.due)
        row.status, row.classification = c.status.value, c.classification.value
        row.done_at = to_db_opt(c.done_at)
        row.data = self.codec.pack("commitments", c.classification, {"what": c.what})

    def commitment_to_domain(self, row: CommitmentRow) -> Commitment:
        data = self.codec.unpack("commitments", row.data)
        return Commitment(
            id=row.id,
            what=data["what"],
            owner=row.owner,
            beneficiary=row.beneficiary,
            due=from_db(row.due_utc),
            status=CommitmentStatus(row.status),
            classification=Classification(row.classification),
            created_at=from_db(row.created_at),
            done_at=from_db_opt(row.done_at),
            version=row.version,
        )

    def commitment(self, commitment_id: int) -> Commitment:
        return self.commitment_to_domain(self._row(CommitmentRow, commitment_id, "commitment"))

    def commitments(self) -> list[Commitment]:
        rows = self.session.scalars(
            select(CommitmentRow)
            .where(CommitmentRow.workspace_id == self.ws)
            .order_by(CommitmentRow.due_utc)
        )
        return [self.commitment_to_domain(r) for r in rows]

    # -- requests ----------------------------------------------------------------------

    def add_request(self, r: Request, *, now: datetime, source_key: str | None = None) -> Request:
        row = RequestRow(
            workspace_id=self.ws, created_at=to_db(r.created_at or now), source_key=source_key
        )
        self._fill_request(row, r)
        self.session.add(row)
        self.session.flush()
        return self.request_to_domain(row)

    def update_request(self, r: Request) -> Request:
        row = self._row(RequestRow, r.id, "request")
        _check_version(row.version, r.version, "request", r.id)
        self._fill_request(row, r)
        self.session.flush()
        return self.request_to_domain(row)

    def _fill_request(self, row: RequestRow, r: Request) -> None:
        row.lang, row.status = r.lang, r.status.value
        row.classification = r.classification.value
        row.decided_at = to_db_opt(r.decided_at)
        row.data = self.codec.pack(
            "requests",
            r.classification,
            {
                "text": r.text,
                "requester": r.requester,
                "interpretation": r.interpretation,
                "reformulation": r.reformulation,
                "question": r.question,
                "options": list(r.options),
                "outcome": r.outcome,
            },
        )

    def request_to_domain(self, row: RequestRow) -> Request:
        d = self.codec.unpack("requests", row.data)
        return Request(
            id=row.id,
            text=d["text"],
            lang=row.lang,
            requester=d.get("requester"),
            interpretation=d.get("interpretation") or {},
            reformulation=d.get("reformulation"),
            question=d.get("question"),
            options=tuple(d.get("options") or ()),
            status=RequestStatus(row.status),
            classification=Classification(row.classification),
            created_at=from_db(row.created_at),
            decided_at=from_db_opt(row.decided_at),
            outcome=d.get("outcome") or {},
            version=row.version,
        )

    def request(self, request_id: int) -> Request:
        return self.request_to_domain(self._row(RequestRow, request_id, "request"))

    def request_by_source_key(self, source_key: str) -> Request | None:
        """The request already made from this source (an e-mail's Message-ID), if any."""
        row = self.session.scalar(
            select(RequestRow).where(
                RequestRow.workspace_id == self.ws, RequestRow.source_key == source_key
            )
        )
        return None if row is None else self.request_to_domain(row)

    def requests(self, *, status: RequestStatus | None = None) -> list[Request]:
        query = select(RequestRow).where(RequestRow.workspace_id == self.ws)
        if status is not None:
            query = query.where(RequestRow.status == status.value)
        return [
            self.request_to_domain(r) for r in self.session.scalars(query.order_by(RequestRow.id))
        ]

    # -- the principal's profile (workspaces.profile, JSON) -----------------------------

    def profile_data(self) -> dict[str, Any]:
        """The stored profile dict (``profile_to_dict`` shape); ``{}`` when none is stored."""
        row = self._workspace_row()
        data = json.loads(row.profile or "{}")
        return data if isinstance(data, dict) else {}

    def save_profile_data(self, data: dict[str, Any]) -> None:
        row = self._workspace_row()
        row.profile = json.dumps(data, ensure_ascii=False, sort_keys=True)
        self.session.flush()

    def _workspace_row(self) -> WorkspaceRow:
        row = self.session.get(WorkspaceRow, self.ws)
        if row is None:
            raise _not_found("workspace", self.ws)
        return row

    # -- helpers -----------------------------------------------------------------------

    def _row(self, table: Any, row_id: int, kind: str) -> Any:
        row = self.session.scalar(
            select(table).where(table.id == row_id, table.workspace_id == self.ws)
        )
        if row is None:
            raise _not_found(kind, row_id)
        return row


def _is_single(row: EventRow) -> bool:
    """Neither a series (RFC 5545 §3.8.5) nor an override of a stored series."""
    return row.series_id is None and row.rrule is None and row.rdates == "[]"


def _check_version(stored: int, given: int, kind: str, ref: int) -> None:
    if given and stored != given:
        from binome.domain.errors import Conflict

        raise Conflict(
            N_(
                "{kind} {ref} was changed by someone else since you read it "
                "(version {given}, now {stored}); reload and retry."
            ),
            kind=kind,
            ref=str(ref),
            given=given,
            stored=stored,
        )


_encode_hours = decode.encode_hours
_decode_hours = decode.decode_hours
