"""Detectors registered by name, and ``scan``: run them all, rank what they find.

A detector is a pure function ``RadarInput -> Iterable[Risk]`` registered with
``@detector("name")``; the name is the risk kind it mostly raises (one function may raise
two kinds, e.g. commitments due and overdue). ``scan`` runs every registered detector (or
the ones named), drops duplicate keys (the most severe wins) and sorts by severity, then
by when it would hurt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from binome.domain.risk import Risk
from binome.engine.radar.inputs import RadarInput

__all__ = ["DETECTORS", "Detector", "detector", "rank_risks", "scan"]

Detector = Callable[[RadarInput], Iterable[Risk]]
DETECTORS: dict[str, Detector] = {}
_LATEST = datetime.max.replace(tzinfo=UTC)
#: Detectors run in this order, so the per-scan slot-search budget goes to the fixes that
#: matter most (a conflict before a missing buffer); unknown names run last.
ORDER = ("double_booking", "travel_time", "holiday", "outside_hours", "overload",
         "no_preparation", "deadline_at_risk", "commitment_due", "focus_below_target",
         "priority_drift", "no_buffer", "missing_agenda", "request_waiting")  # fmt: skip


def _order(name: str) -> int:
    return ORDER.index(name) if name in ORDER else len(ORDER)


def detector(name: str) -> Callable[[Detector], Detector]:
    def register(func: Detector) -> Detector:
        if name in DETECTORS:
            raise ValueError(f"detector {name} registered twice")
        DETECTORS[name] = func
        return func

    return register


def rank_risks(risks: Iterable[Risk]) -> list[Risk]:
    """Most severe first, then soonest, then by key (same order on every run)."""
    return sorted(risks, key=lambda r: (-r.severity, r.starts_at or _LATEST, r.key))


def scan(inp: RadarInput, only: Iterable[str] | None = None) -> list[Risk]:
    """Every risk the detectors see in ``inp``, ranked."""
    _load_detectors()
    names = sorted(DETECTORS if only is None else only, key=_order)
    found: dict[str, Risk] = {}
    for name in names:
        for risk in DETECTORS[name](inp):
            kept = found.get(risk.key)
            if kept is None or risk.severity > kept.severity:
                found[risk.key] = risk
    return rank_risks(found.values())


def _load_detectors() -> None:
    """Import the detector modules (they register themselves on import)."""
    from binome.engine.radar import calendar, load, people, work  # noqa: F401
