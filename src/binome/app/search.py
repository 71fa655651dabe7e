"""``binome search TEXT``: find events, tasks, commitments, objectives and requests by words.

Only among items the reader may read (SECURITY.md row 1): each row's classification is
checked against the policy *before* its ``data`` column is opened, so a masked item is
never decrypted, never matched, and its words can neither be found nor guessed by probing.
Matching is exact and literal: every word of the query must occur (case-folded) in the
item's title, place, description or text; no SQL ``LIKE`` and no regular expression is
involved, so ``%``, ``_`` or ``.*`` in a query match only themselves (SECURITY.md row 13).
Sealed items are searched in memory after decryption, since their text is not in the clear
anywhere in the database; an audit entry records which confidential items were shown
(their ids, never the query, which may itself be confidential).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from binome.app.access import can_read
from binome.app.context import App
from binome.app.ids import format_id
from binome.app.uow import UnitOfWork, unit_of_work
from binome.app.views import iso
from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Classification
from binome.domain.timing import zone
from binome.store.tables import CommitmentRow, EventRow, ObjectiveRow, RequestRow, TaskRow

MAX_WORDS = 20
MAX_WORD = 100
DEFAULT_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    number: int
    classification: Classification
    fields: dict[str, str | None]
    when: Any


def query_words(text: str) -> list[str]:
    """The query as case-folded words; refuses an empty or oversized query."""
    words = [w.casefold() for w in text.split()]
    if not words:
        raise InvalidInput(N_("Search for at least one word."))
    if len(words) > MAX_WORDS or any(len(w) > MAX_WORD for w in words):
        raise InvalidInput(N_("The search is too long (at most {n} words)."), n=MAX_WORDS)
    return words


def matches(words: list[str], fields: dict[str, str | None]) -> list[str]:
    """The fields that hold a query word, when every word occurs in some field."""
    folded = {name: (value or "").casefold() for name, value in fields.items()}
    hit_fields: set[str] = set()
    for word in words:
        found = [name for name, value in folded.items() if word in value]
        if not found:
            return []
        hit_fields.update(found)
    return sorted(hit_fields)


def search(app: App, text: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    words = query_words(text)
    with unit_of_work(app) as uow:
        tz = zone(uow.workspace.tz)
        out: list[dict[str, Any]] = []
        shown_sealed: list[str] = []
        for hit in readable_items(uow):
            found = matches(words, hit.fields)
            if not found:
                continue
            when = hit.when
            if hasattr(when, "astimezone") and getattr(when, "tzinfo", None) is not None:
                when = when.astimezone(tz)
            out.append(
                {
                    "id": format_id(hit.kind, hit.number),
                    "kind": hit.kind,
                    "title": next(iter(hit.fields.values())) or "",  # title/what/text
                    "classification": hit.classification.value,
                    "when": iso(when),
                    "matched": found,
                }
            )
            if hit.classification.sealed:
                shown_sealed.append(format_id(hit.kind, hit.number))
            if len(out) >= limit:
                break
        if shown_sealed:
            uow.audit("read.confidential", "search", ",".join(shown_sealed)[:64], shown_sealed)
        return out


def readable_items(uow: UnitOfWork) -> Iterator[Hit]:
    """Every item of the workspace the actor may read, opened only after the check."""
    ws = uow.workspace_row.id
    for row in uow.session.scalars(
        select(EventRow).where(EventRow.workspace_id == ws).order_by(EventRow.start_utc)
    ):
        ref = f"event:{row.series_id or row.id}"
        if _readable(uow, row.classification, ref):
            e = uow.repos.event_to_domain(row)
            fields = {"title": e.title, "location": e.location, "description": e.description}
            yield Hit("event", row.id, e.classification, fields, e.timing.start)
    yield from _simple(uow, TaskRow, "task", _task_fields)
    yield from _simple(uow, CommitmentRow, "commitment", lambda c: ({"what": c.what}, c.due))
    yield from _simple(uow, ObjectiveRow, "objective", lambda o: ({"title": o.title}, None))
    yield from _simple(uow, RequestRow, "request", lambda r: ({"text": r.text}, r.created_at))


def _task_fields(task: Any) -> tuple[dict[str, Any], Any]:
    return {"title": task.title, "description": task.description}, task.due


def _simple(
    uow: UnitOfWork, table: Any, kind: str, extract: Callable[[Any], tuple[dict[str, Any], Any]]
) -> Iterator[Hit]:
    to_domain = getattr(uow.repos, f"{kind}_to_domain")
    rows = uow.session.scalars(
        select(table).where(table.workspace_id == uow.workspace_row.id).order_by(table.id)
    )
    for row in rows:
        if not _readable(uow, row.classification, f"{kind}:{row.id}"):
            continue
        fields, when = extract(to_domain(row))
        yield Hit(kind, row.id, Classification(row.classification), fields, when)


def _readable(uow: UnitOfWork, classification: str, ref: str) -> bool:
    return can_read(uow.actor, Classification(classification), ref)
