"""The one access-control policy: who may see and change what (SECURITY.md invariant 1).

Every use case that reads or writes an item asks ``can_read``/``can_write`` here; private
fields are removed *before* anything is serialised (``app.views``). Default rules (issue 3),
adjustable only by the principal through grants:

| role      | sees the content of                                   | writes             |
|-----------|-------------------------------------------------------|--------------------|
| principal | everything                                            | everything         |
| assistant | up to confidential; secret items granted one by one   | what it can see    |
| backup    | up to internal, unless granted a higher clearance     | what it can see    |
| viewer    | nothing: free/busy only                               | nothing            |

An item beyond a reader's clearance is shown as a busy block with its times only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from binome.domain.errors import N_, PermissionDenied
from binome.domain.model import Classification, Role
from binome.store.rows import Fields

DEFAULT_CLEARANCE = {
    Role.PRINCIPAL: Classification.SECRET,
    Role.ASSISTANT: Classification.CONFIDENTIAL,
    Role.BACKUP: Classification.INTERNAL,
    Role.VIEWER: Classification.PUBLIC,
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, with everything the policy needs (loaded once per unit of work)."""

    user_id: int
    name: str
    email: str
    role: Role
    clearance: Classification
    workspace_id: int
    items: frozenset[str] = field(default_factory=frozenset)
    audit_reader: bool = False
    delegations: tuple[tuple[str, str], ...] = ()

    @property
    def is_principal(self) -> bool:
        return self.role is Role.PRINCIPAL


def can_read(actor: Actor, classification: Classification, ref: str | None = None) -> bool:
    """Whether ``actor`` may see the content (title, place, people, text) of an item."""
    if actor.role is Role.PRINCIPAL:
        return True
    if actor.role is Role.VIEWER:
        return False
    if classification.rank <= actor.clearance.rank:
        return True
    return ref is not None and ref in actor.items


def can_write(actor: Actor, classification: Classification, ref: str | None = None) -> bool:
    if actor.role is Role.VIEWER:
        return False
    return can_read(actor, classification, ref)


def require_write(actor: Actor, classification: Classification, ref: str | None = None) -> None:
    if not can_write(actor, classification, ref):
        raise PermissionDenied(N_("You are not allowed to change this item."))


def require_principal(actor: Actor) -> None:
    if actor.role is not Role.PRINCIPAL:
        raise PermissionDenied(N_("Only the principal can do this."))


def require_not_viewer(actor: Actor) -> None:
    if actor.role is Role.VIEWER:
        raise PermissionDenied(N_("A viewer cannot change anything."))


def can_read_audit(actor: Actor) -> bool:
    return actor.role is Role.PRINCIPAL or actor.audit_reader


def actor_from(user: Fields, grants: Iterable[Fields]) -> Actor:
    """The actor for a ``users`` row and its unrevoked ``grants`` rows (any driver's rows:
    the unit of work's ORM rows and the sqlite3 agenda path share this)."""
    role = Role(user["role"])
    clearance = Classification(user["clearance"])
    items: set[str] = set()
    audit_reader = False
    delegations: list[tuple[str, str]] = []
    for grant in grants:
        kind = grant["kind"]
        if kind == "clearance":
            granted = Classification(grant["value"])
            if granted.rank > clearance.rank:
                clearance = granted
        elif kind == "item":
            items.add(grant["value"])
        elif kind == "audit":
            audit_reader = True
        elif kind == "delegate":
            delegations.append((grant["value"], grant["params"]))
    if role is Role.VIEWER:
        clearance = DEFAULT_CLEARANCE[Role.VIEWER]
    return Actor(
        user_id=user["id"],
        name=user["name"],
        email=user["email"],
        role=role,
        clearance=clearance,
        workspace_id=user["workspace_id"],
        items=frozenset(items),
        audit_reader=audit_reader,
        delegations=tuple(delegations),
    )
