"""Proposals: concrete, ranked sets of changes the pair can apply with one decision.

The engine never changes a calendar; it returns ``Proposal`` values (DESIGN.md, "Decide").
A proposal is plain data so it can be stored, shown, sent over the JSON API and applied
later by ``app/``: every ``Change.params`` value is JSON-able (ISO 8601 strings for instants,
integers for minutes, ``draft = {"to", "subject", "body"}`` for messages to send).

``key`` is a digest of the proposal's *content* (kind and changes, canonical JSON), so the
same proposal computed on two runs gets the same id and a dismissed proposal stays
dismissed. ``cost`` is the weighted sum of ``cost_terms``; lower is better.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from binome.domain.errors import N_, InvalidInput
from binome.domain.text import Message

__all__ = [
    "COST_WEIGHTS",
    "Change",
    "ChangeKind",
    "Proposal",
    "notice_draft",
    "proposal_key",
    "rank_proposals",
    "renegotiation_draft",
]


class ChangeKind(StrEnum):
    CREATE_EVENT = "create_event"
    MOVE_EVENT = "move_event"
    CANCEL_EVENT = "cancel_event"
    SHORTEN_EVENT = "shorten_event"
    DECLINE_EVENT = "decline_event"
    BLOCK_TIME = "block_time"
    SEND_NOTICE = "send_notice"
    DEFER_TASK = "defer_task"
    REASSIGN_TASK = "reassign_task"
    RENEGOTIATE_DUE = "renegotiate_due"


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One edit. ``target`` names the object as ``"<type>:<id>"`` (``"event:12"``,
    ``"task:3"``, ``"commitment:4"``), ``None`` for a creation."""

    kind: ChangeKind
    target: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.target is not None and ":" not in self.target:
            raise InvalidInput(N_("Invalid change target: {value}."), value=self.target)

    def as_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "target": self.target, "params": self.params}


#: How much one unit of each cost term weighs in ``Proposal.cost``. A VIP disturbed weighs
#: as much as five other people; an hour late weighs as much as one person disturbed.
COST_WEIGHTS: Mapping[str, float] = {
    "people_affected": 1.0,
    "vip_weight": 5.0,
    "moves": 0.5,
    "lateness_minutes": 1.0 / 60.0,
}


def proposal_key(kind: str, changes: Iterable[Change]) -> str:
    """A stable digest of a proposal's content: same kind and changes, same key."""
    payload = {"kind": kind, "changes": [c.as_json() for c in changes]}
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """A set of changes with what it costs and why. Build with ``Proposal.build`` unless
    ``key`` and ``cost`` are already known (loaded from the store)."""

    key: str
    kind: str
    summary: Message
    explanation: Message
    changes: tuple[Change, ...]
    cost: float
    cost_terms: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        *,
        kind: str,
        summary: Message,
        explanation: Message,
        changes: Iterable[Change],
        cost_terms: Mapping[str, float] | None = None,
    ) -> Proposal:
        steps = tuple(changes)
        terms = dict.fromkeys(COST_WEIGHTS, 0.0) | dict(cost_terms or {})
        cost = sum(COST_WEIGHTS.get(name, 1.0) * value for name, value in terms.items())
        return cls(
            key=proposal_key(kind, steps),
            kind=kind,
            summary=summary,
            explanation=explanation,
            changes=steps,
            cost=round(cost, 6),
            cost_terms=terms,
        )


def rank_proposals(proposals: Iterable[Proposal]) -> list[Proposal]:
    """Cheapest first; ties broken by key so the order is the same on every run."""
    return sorted(proposals, key=lambda p: (p.cost, p.key))


def notice_draft(to: Sequence[str], subject: Message, body: Message) -> dict[str, Any]:
    """A message to send, as a change carries it: recipients (e-mails, possibly none), and
    subject and body as messages rendered in each recipient's language when shown."""
    return {"to": list(to), "subject": subject.as_json(), "body": body.as_json()}


def renegotiation_draft(
    to: Sequence[str], title: str, due: datetime, new_due: datetime
) -> dict[str, Any]:
    """The message asking the person owed ``title`` to move its date from ``due`` to
    ``new_due`` (a task's for the planner, a task's or a commitment's for the radar)."""
    return notice_draft(
        to,
        Message.of(N_("New date for “{title}”"), title=title),
        Message.of(
            N_(
                "Hello, “{title}” will not be ready by {due} as planned. Could we agree on "
                "{new_due}? Thank you for your understanding."
            ),
            title=title,
            due=due,
            new_due=new_due,
        ),
    )
