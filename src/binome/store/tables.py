"""Tables: declarative row classes, separate from the domain values.

Repositories translate rows to domain values and back (``to_domain``/``from_domain``); no
domain object is ever a row. Conventions:

- Every row belongs to one workspace (``workspace_id``); every query filters on it, so an id
  from another workspace is simply not found (SECURITY.md rows 4 and 10).
- Mutable rows carry ``version`` (SQLAlchemy's ``version_id_col``): a stale write raises
  ``StaleDataError``, which the unit of work turns into ``Conflict``.
- Instants are stored as naive UTC ``DateTime`` (the same on SQLite and PostgreSQL), with the
  original zone key beside them where it matters.
- The free text of an item (title, place, description, attendees, notes...) lives in one
  ``data`` column: JSON in clear for public and internal items, an AEAD envelope
  (``store.crypto``) for confidential and secret ones. Searchable columns never hold it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from binome.store.index_shape import IS_SENTINEL


class Base(DeclarativeBase):
    pass


class Versioned:
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)


class WorkspaceRow(Base):
    __tablename__ = "workspaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    tz: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(String(8))
    region: Mapped[str | None] = mapped_column(String(16))
    principal_user_id: Mapped[int | None] = mapped_column(Integer)
    profile: Mapped[str] = mapped_column(Text, default="{}")
    key_id: Mapped[str | None] = mapped_column(String(64))
    audit_head_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # How far ``occurrences`` is materialised (naive UTC); NULL = not built (migration 0002).
    occurrence_horizon_utc: Mapped[datetime | None] = mapped_column(DateTime)
    # Moves on every transaction that changes what a reader may be shown, never on audit
    # appends (``store.data_version``); read-model caches key on it (migration 0003).
    data_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class PersonRow(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    tz: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    region: Mapped[str | None] = mapped_column(String(16))
    hours: Mapped[str] = mapped_column(String(200), default="")
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    nicknames: Mapped[str] = mapped_column(Text, default="[]")
    lang: Mapped[str | None] = mapped_column(String(8))
    organization: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("workspace_id", "email", name="uq_people_email"),)
    __mapper_args__ = {"version_id_col": version}


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    clearance: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("workspace_id", "name", name="uq_users_name"),)
    __mapper_args__ = {"version_id_col": version}


class GrantRow(Base):
    """An extension of a user's default rights, made by the principal.

    ``kind``: ``clearance`` (value = classification), ``item`` (value = "event:12"),
    ``audit`` (may read the audit log), ``delegate`` (value = a proposal kind the user may
    apply without confirmation, with ``params`` as JSON conditions)."""

    __tablename__ = "grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(200), default="")
    params: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class ObjectiveRow(Base):
    __tablename__ = "objectives"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    weight: Mapped[int] = mapped_column(Integer)
    classification: Mapped[str] = mapped_column(String(16))
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class EventRow(Base):
    """A single event, a series master, or an override (``series_id`` + ``recurrence_id``).

    ``timing``: ``timed`` (``start_utc``/``end_utc`` exact, ``tzid`` the original zone),
    ``all_day`` (``start_local``/``end_local`` dates, end exclusive), ``floating`` (naive
    wall times in ``start_local``/``end_local``). For all-day and floating rows,
    ``start_utc``/``end_utc`` are *index bounds* widened by ±14 h so a window query in any
    zone finds them; the exact instants are computed in the reader's zone.
    ``range_end_utc`` is the end of the last occurrence of a series (NULL = unbounded)."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    calendar: Mapped[str] = mapped_column(String(200), default="default")
    uid: Mapped[str | None] = mapped_column(String(500))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    recurrence_id: Mapped[str | None] = mapped_column(String(40))
    this_and_future: Mapped[bool] = mapped_column(Boolean, default=False)
    timing: Mapped[str] = mapped_column(String(10))
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    range_end_utc: Mapped[datetime | None] = mapped_column(DateTime)
    tzid: Mapped[str | None] = mapped_column(String(64))
    start_local: Mapped[str | None] = mapped_column(String(32))
    end_local: Mapped[str | None] = mapped_column(String(32))
    rrule: Mapped[str | None] = mapped_column(Text)
    rdates: Mapped[str] = mapped_column(Text, default="[]")
    exdates: Mapped[str] = mapped_column(Text, default="[]")
    classification: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    transparent: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(16))
    important: Mapped[bool] = mapped_column(Boolean, default=False)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"))
    task_id: Mapped[int | None] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    locally_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(16), default="local")
    owner_email: Mapped[str | None] = mapped_column(String(254))
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (
        Index("ix_events_window", "workspace_id", "start_utc", "end_utc"),
        Index("ix_events_uid", "workspace_id", "calendar", "uid", "recurrence_id"),
        Index("ix_events_series", "series_id", "workspace_id"),  # see migration 0005
    )
    __mapper_args__ = {"version_id_col": version}


class OccurrenceRow(Base):
    """Materialised occurrences of series, and single events, up to ``workspaces``' index
    horizon, so a year's agenda is answered from the store without re-expanding rules."""

    __tablename__ = "occurrences"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    recurrence_id: Mapped[str] = mapped_column(String(40))
    # As the workspace's readers are shown them (migration 0004); NULL in a sentinel row.
    local_start: Mapped[str | None] = mapped_column(String(40))
    local_end: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        # Covering: a window read is answered from the index alone (migration 0004).
        Index(
            "ix_occ_window",
            "workspace_id",
            "start_utc",
            "end_utc",
            "event_id",
            "recurrence_id",
            "local_start",
            "local_end",
        ),
        Index("ix_occ_event", "event_id"),
        # "Which series must be expanded in this window?" without a scan: the sentinel rows
        # only (a handful), covering the query (migration 0006).
        Index(
            "ix_occ_sentinel",
            "workspace_id",
            "recurrence_id",
            "start_utc",
            "end_utc",
            "event_id",
            sqlite_where=text(IS_SENTINEL),
            postgresql_where=text(IS_SENTINEL),
        ),
    )


class TaskRow(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    uid: Mapped[str | None] = mapped_column(String(500))
    estimate_minutes: Mapped[int] = mapped_column(Integer)
    due_utc: Mapped[datetime | None] = mapped_column(DateTime)
    earliest_start_utc: Mapped[datetime | None] = mapped_column(DateTime)
    priority: Mapped[str] = mapped_column(String(8))
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objectives.id"))
    owner: Mapped[str] = mapped_column(String(16))
    depends_on: Mapped[str] = mapped_column(Text, default="[]")
    splittable: Mapped[bool] = mapped_column(Boolean, default=True)
    min_chunk_minutes: Mapped[int] = mapped_column(Integer, default=30)
    waiting_on: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16))
    classification: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class CommitmentRow(Base):
    __tablename__ = "commitments"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    owner: Mapped[str] = mapped_column(String(254))
    beneficiary: Mapped[str] = mapped_column(String(254))
    due_utc: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16))
    classification: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __mapper_args__ = {"version_id_col": version}


class RequestRow(Base):
    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    lang: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(32))
    classification: Mapped[str] = mapped_column(String(16))
    source_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("workspace_id", "source_key", name="uq_requests_src"),)
    __mapper_args__ = {"version_id_col": version}


class RiskRow(Base):
    """A risk the radar raised. ``key`` is stable for the same situation; ``fingerprint``
    changes when the situation behind it changes (a dismissed risk then comes back)."""

    __tablename__ = "risks"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    severity: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime | None] = mapped_column(DateTime)
    fingerprint: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="open")
    dismissed_fingerprint: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_risks_key"),)
    __mapper_args__ = {"version_id_col": version}


class ProposalRow(Base):
    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(16), default="open")
    applied_at: Mapped[datetime | None] = mapped_column(DateTime)
    data: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_proposals_key"),)


class AuditRow(Base):
    """One link of the per-workspace hash chain; ``hash = sha256(prev_hash | fields)``.
    The head (last seq and hash) is anchored in ``workspaces`` so truncation is detected."""

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("workspace_id", "seq", name="uq_audit_seq"),)


class TokenRow(Base):
    """API bearer tokens and web sessions: only a SHA-256 of the secret is stored."""

    __tablename__ = "tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen: Mapped[datetime | None] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginAttemptRow(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(254), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    ok: Mapped[bool] = mapped_column(Boolean)


class IdempotencyRow(Base):
    __tablename__ = "idempotency_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id"))
    key: Mapped[str] = mapped_column(String(200))
    response: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (UniqueConstraint("workspace_id", "key", name="uq_idem_key"),)
