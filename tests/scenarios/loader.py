"""Scenario workspaces written as YAML, built in a real database through the app layer.

A scenario file (``tests/scenarios/data/*.yaml``) holds ``now`` (wall time in Paris,
default Thursday 26 November 2026 09:00), ``profile`` (a partial profile dict merged over
the default), ``people``, ``objectives``, ``events``, ``tasks``, ``commitments``,
``requests``, and ``expect``: the risks the radar must yield, each ``{kind, about: [titles
or e-mails]}``. Any other risk found is a false positive. Times are Paris wall times
``YYYY-MM-DDTHH:MM``. An event gets the description "Agenda" unless it sets one (null for
none), so only the scenarios about agendas see missing ones.

Used by ``tests/scenarios/test_scenarios.py`` and ``bench/radar.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from binome.app.calendar import NewEvent, add_event
from binome.app.context import App
from binome.app.items import add_commitment, add_objective, add_person, add_task
from binome.app.profile import load_profile, store_profile
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.model import (
    Attendee,
    Event,
    EventKind,
    EventStatus,
    Priority,
    Request,
    RequestStatus,
)
from binome.domain.profile import profile_from_dict, profile_to_dict
from binome.domain.timing import Timed, parse_duration

PARIS = ZoneInfo("Europe/Paris")
DATA = Path(__file__).parent / "data"
DEFAULT_NOW = "2026-11-26T09:00"
PRINCIPAL = "claire@example.fr"


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    spec: Mapping[str, Any]
    expect: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @property
    def now(self) -> datetime:
        return at(str(self.spec.get("now") or DEFAULT_NOW))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


def load_all() -> list[Scenario]:
    out = []
    for path in sorted(DATA.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        expect = tuple(
            (str(e["kind"]), tuple(str(a) for a in e.get("about", ())))
            for e in spec.get("expect") or ()
        )
        out.append(Scenario(path.stem, spec, expect))
    return out


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = (
            _merge(out[key], value)
            if isinstance(value, Mapping) and isinstance(out.get(key), dict)
            else value
        )
    return out


def build(url: str, scenario: Scenario) -> App:
    """Create the scenario's workspace at ``url``; returns an app pinned to its ``now``."""
    spec, now = scenario.spec, scenario.now
    app = App.open(url, now=now - timedelta(days=40))
    init_workspace(app, principal="Claire Martin", email=PRINCIPAL, tz="Europe/Paris", country="FR")
    if spec.get("profile"):
        with unit_of_work(app) as uow:
            merged = _merge(profile_to_dict(load_profile(uow)), spec["profile"])
            store_profile(uow, profile_from_dict(merged))
    for p in spec.get("people") or ():
        add_person(app, name=p["name"], email=p["email"], tz=p.get("tz"), country=p.get("country"),
                   hours=p.get("hours"), vip=bool(p.get("vip")))  # fmt: skip
    objectives = {
        o["key"]: add_objective(app, title=o["title"], weight=int(o["weight"]))["id"]
        for o in spec.get("objectives") or ()
    }
    for e in spec.get("events") or ():
        _event(app, e, objectives)
    for t in spec.get("tasks") or ():
        add_task(app, title=t["title"], estimate=parse_duration(str(t["estimate"])),
                 due=at(t["due"]) if t.get("due") else None,
                 priority=Priority.parse(t.get("priority", "medium")),
                 owner=t.get("owner", "principal"),
                 objective=objectives.get(t.get("objective", "")))  # fmt: skip
    for c in spec.get("commitments") or ():
        add_commitment(app, what=c["what"], to=c["to"], due=at(c["due"]))
    with unit_of_work(app) as uow:
        for r in spec.get("requests") or ():
            uow.repos.add_request(
                Request(
                    text=r["text"],
                    lang="fr",
                    requester=r.get("requester"),
                    status=RequestStatus(r.get("status", "awaiting_confirmation")),
                    created_at=at(r["created"]),
                ),
                now=at(r["created"]),
            )
    return App.open(url, now=now)


def _event(app: App, e: Mapping[str, Any], objectives: Mapping[str, str]) -> None:
    """Plain events through ``add_event``; the fields it does not take through the store."""
    needs_store = any(k in e for k in ("transparent", "conference_url", "organizer"))
    description = e.get("description", "Agenda")
    if not needs_store:
        add_event(app, NewEvent(
            title=e["title"], start=at(e["start"]), end=at(e["end"]),
            attendees=tuple(e.get("attendees") or ()), location=e.get("location"),
            description=description, important=bool(e.get("important")),
            kind=EventKind(e.get("kind", "meeting")), rrule=e.get("rrule"),
            objective=objectives.get(e.get("objective", "")),
            status=EventStatus(e.get("status", "confirmed")),
        ))  # fmt: skip
        return
    with unit_of_work(app) as uow:
        uow.repos.add_event(
            Event(
                title=e["title"], timing=Timed(at(e["start"]), at(e["end"])),
                attendees=tuple(Attendee(a) for a in e.get("attendees") or ()),
                location=e.get("location"), description=description,
                conference_url=e.get("conference_url"), organizer=e.get("organizer"),
                transparent=bool(e.get("transparent")),
                status=EventStatus(e.get("status", "confirmed")),
                kind=EventKind(e.get("kind", "meeting")), important=bool(e.get("important")),
            ),
            now=uow.now,
        )  # fmt: skip


def names_of(view: Mapping[str, Any]) -> set[str]:
    """Titles and e-mails a risk view is about (what ``expect.about`` names)."""
    about = view["about"]
    names = {str(x.get("title")) for k in ("events", "tasks", "commitments") for x in about[k]}
    names |= {str(p["email"]) for p in about["people"]}
    return names


def match(views: Iterable[Mapping[str, Any]], expect: Iterable[tuple[str, tuple[str, ...]]]
          ) -> tuple[int, int, int, list[str]]:  # fmt: skip
    """(true positives, false positives, false negatives, what went wrong)."""
    found = list(views)
    used: set[int] = set()
    tp = fn = 0
    problems: list[str] = []
    for kind, about in expect:
        hit = next((i for i, v in enumerate(found) if i not in used and v["kind"] == kind
                    and set(about) <= names_of(v)), None)  # fmt: skip
        if hit is None:
            fn += 1
            problems.append(f"missed {kind} {list(about)}")
        else:
            used.add(hit)
            tp += 1
    for i, v in enumerate(found):
        if i not in used:
            problems.append(f"unexpected {v['kind']}: {v['explanation']}")
    return tp, len(found) - len(used), fn, problems
