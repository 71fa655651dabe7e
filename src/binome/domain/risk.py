"""Risks: what the radar expects to go wrong, with ranked ways to avoid it (issue 7).

A ``Risk`` is plain data returned by the engine (``binome.engine.radar``) and persisted by
``app.radar``. Two digests make it traceable across runs:

- ``key`` identifies the risk: its kind and the items involved (``about``), nothing else.
  The same double booking found on two runs has the same key, so it keeps its stored id.
- ``fingerprint`` digests the *facts* of the situation (times, counts, thresholds). A risk
  dismissed at one fingerprint stays hidden until the fingerprint changes: the situation
  moved, so the director should look again.

``about`` holds references as ``"<type>:<id>"`` (``event:12``, ``task:3``,
``commitment:4``, ``request:5``, ``objective:2``) and ``person:<email>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from binome.domain.errors import N_, InvalidInput
from binome.domain.proposal import Proposal, rank_proposals
from binome.domain.text import Message

__all__ = ["MAX_PROPOSALS", "Risk", "RiskKind", "digest", "make_risk"]

MAX_PROPOSALS = 3


class RiskKind(StrEnum):
    """The named kinds of the ``--json`` contract (issue 7)."""

    DOUBLE_BOOKING = "double_booking"
    OVERLOAD = "overload"
    NO_BUFFER = "no_buffer"
    TRAVEL_TIME = "travel_time"
    OUTSIDE_HOURS = "outside_hours"
    HOLIDAY = "holiday"
    NO_PREPARATION = "no_preparation"
    MISSING_AGENDA = "missing_agenda"
    DEADLINE_AT_RISK = "deadline_at_risk"
    COMMITMENT_DUE = "commitment_due"
    COMMITMENT_OVERDUE = "commitment_overdue"
    FOCUS_BELOW_TARGET = "focus_below_target"
    PRIORITY_DRIFT = "priority_drift"
    REQUEST_WAITING = "request_waiting"


def digest(*parts: Any) -> str:
    """A short, stable digest of JSON-able parts (datetimes as ISO 8601)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=_iso)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Risk:
    """One risk: ``severity`` 1 (low) to 4 (critical); ``starts_at`` is when it would hurt
    (None for a standing risk such as drift); ``proposals`` cheapest first, at most three."""

    key: str
    kind: RiskKind
    severity: int
    starts_at: datetime | None
    about: tuple[str, ...]
    explanation: Message
    proposals: tuple[Proposal, ...]
    fingerprint: str

    def __post_init__(self) -> None:
        if not 1 <= self.severity <= 4:
            raise InvalidInput(
                N_("A risk's severity is 1 to 4 (got {value})."), value=self.severity
            )
        if self.starts_at is not None and self.starts_at.tzinfo is None:
            raise InvalidInput(N_("Span bounds must carry a time zone."))
        if len(self.proposals) > MAX_PROPOSALS:
            raise InvalidInput(N_("A risk carries at most three proposals."))

    @property
    def best(self) -> Proposal | None:
        return self.proposals[0] if self.proposals else None


def make_risk(
    *,
    kind: RiskKind,
    severity: int,
    starts_at: datetime | None,
    about: Iterable[str],
    explanation: Message,
    facts: Iterable[Any] = (),
    proposals: Iterable[Proposal | None] = (),
    identity: Iterable[str] = (),
) -> Risk:
    """Build a risk: key from kind + sorted ``about`` items (+ ``identity``, e.g. occurrence keys
    of a series); fingerprint from those and ``facts``; proposals ranked by cost,
    duplicates and ``None`` dropped, the three cheapest kept."""
    refs = tuple(dict.fromkeys(about))
    # People are left out of the digests: who is named depends on what the reader may
    # see, and the same situation must keep the same key for every reader.
    items = sorted(r for r in refs if not r.startswith("person:"))
    unique = {p.key: p for p in proposals if p is not None}
    return Risk(
        key=digest(kind.value, items, sorted(identity)),
        kind=kind,
        severity=max(1, min(4, severity)),
        starts_at=starts_at,
        about=refs,
        explanation=explanation,
        proposals=tuple(rank_proposals(unique.values())[:MAX_PROPOSALS]),
        fingerprint=digest(kind.value, items, list(facts)),
    )
