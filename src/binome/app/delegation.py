"""Delegation rules: what an assistant may apply without asking the principal.

A ``delegate KIND`` grant (``binome grant marc delegate create --max-minutes 30
--classification internal --attendees-max 2``) lets its holder apply proposals of KIND
when every condition holds. ``delegated`` is the one check the planner and the radar call
before applying a proposal on their own (DESIGN.md: "Nothing changes the director's calendar
silently ... or by a rule the director has delegated explicitly"). It is pure: it reads the
grants already loaded into the ``Actor`` by the unit of work, so a revoked grant stops
counting at the next unit of work.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from binome.app.access import Actor, can_write
from binome.domain.errors import InvalidInput
from binome.domain.model import Classification, Role

DELEGATION_CONDITIONS = ("max_minutes", "classification", "attendees_max")


def delegated(actor: Actor, proposal_kind: str, facts: Mapping[str, Any]) -> bool:
    """Whether ``actor`` may apply a proposal of ``proposal_kind`` without asking.

    ``facts`` describes the proposal: ``minutes`` (int, its longest change),
    ``classification`` (of the item it touches), ``attendees`` (int, how many people).
    A condition of the grant whose fact is missing fails closed. The principal decides,
    so is always allowed; a viewer never is. Integration point for the planner and radar.
    """
    if actor.is_principal:
        return True
    if actor.role is Role.VIEWER:
        return False
    raw_class = facts.get("classification")
    try:
        level = None if raw_class is None else Classification.parse(str(raw_class))
    except InvalidInput:
        return False
    if level is not None and not can_write(actor, level):
        return False
    for kind, params in actor.delegations:
        if kind == proposal_kind.strip().lower() and _meets(json.loads(params or "{}"), facts):
            return True
    return False


def _meets(conditions: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    try:
        if "max_minutes" in conditions and not (
            facts.get("minutes") is not None
            and int(facts["minutes"]) <= int(conditions["max_minutes"])
        ):
            return False
        if "attendees_max" in conditions and not (
            facts.get("attendees") is not None
            and int(facts["attendees"]) <= int(conditions["attendees_max"])
        ):
            return False
        if "classification" in conditions:
            cap = Classification(conditions["classification"])
            if facts.get("classification") is None:
                return False
            if Classification.parse(str(facts["classification"])).rank > cap.rank:
                return False
    except (TypeError, ValueError, InvalidInput):
        return False
    return True
