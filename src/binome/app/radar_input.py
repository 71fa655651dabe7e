"""What the radar reads from the store, as the acting reader may see it.

``build_input`` loads the horizon's occurrences and the last ``drift_days`` (four weeks),
people, work, requests and the profile, and hands them to ``engine.radar`` as plain
values. Occurrences the reader may not read keep their times only (``Item.masked``);
tasks, commitments, requests and objectives they may not read are renamed "confidential"
and listed in ``RadarInput.hidden`` so no detector names whom they concern.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from binome.app.access import can_read
from binome.app.calendar import load_occurrences
from binome.app.expansion import Occurrence
from binome.app.profile import load_profile
from binome.app.slots import principal_person
from binome.app.uow import UnitOfWork
from binome.app.views import event_ref
from binome.domain.errors import N_
from binome.domain.timing import Span
from binome.engine.radar import Item, RadarInput, RadarPerson

__all__ = ["build_input"]


def _masked_word(lang: str) -> str:
    from binome.i18n import render

    return render(N_("confidential"), lang)  # the catalogue's word, as every masked name


def _item(occ: Occurrence, visible: bool) -> Item:
    e = occ.event
    common = {
        "ref": event_ref(e),
        "occurrence": occ.key,
        "span": occ.span,
        "all_day": e.all_day,
        "kind": e.kind,
        "status": e.status,
        "transparent": e.transparent,
        "recurring": e.series_id is not None or e.recurrence is not None,
    }
    if not visible:
        return Item(title="", masked=True, **common)  # type: ignore[arg-type]
    return Item(
        title=e.title,
        important=e.important,
        location=e.location,
        description=e.description,
        conference_url=e.conference_url or e.url,
        attendees=tuple(a.email.lower() for a in e.attendees),
        organizer=e.organizer.lower().removeprefix("mailto:") if e.organizer else None,
        objective_id=e.objective_id,
        task_id=e.task_id,
        **common,  # type: ignore[arg-type]
    )


def build_input(uow: UnitOfWork, horizon: timedelta) -> tuple[RadarInput, list[Occurrence]]:
    """The detectors' input as the acting reader may see it, and the occurrences read."""
    now, actor, word = uow.now, uow.actor, _masked_word(uow.lang)
    profile = load_profile(uow)
    drift = timedelta(days=float(profile.radar.get("drift_days", 28)))
    occs = load_occurrences(uow, Span(now - drift, now + horizon))
    items: list[Item] = []
    past: list[Item] = []
    for occ in occs:
        item = _item(occ, can_read(actor, occ.event.classification, event_ref(occ.event)))
        (past if occ.span.end <= now else items).append(item)
    me = principal_person(uow)
    people = {
        p.email: RadarPerson(
            email=p.email,
            name=p.name,
            tz=p.tz,
            hours=p.hours,
            country=p.country,
            region=p.region,
            vip=p.vip,
        )
        for p in uow.repos.people()
    }

    hidden: set[str] = set()

    def seen(kind: str, obj: Any) -> bool:
        visible = can_read(actor, obj.classification, f"{kind}:{obj.id}")
        if not visible:
            hidden.add(f"{kind}:{obj.id}")
        return visible

    tasks = [t if seen("task", t) else replace(t, title=word) for t in uow.repos.tasks()]
    commitments = [c if seen("commitment", c) else replace(c, what=word)
                   for c in uow.repos.commitments()]  # fmt: skip
    objectives = [o if seen("objective", o) else replace(o, title=word)
                  for o in uow.repos.objectives()]  # fmt: skip
    requests = [r if seen("request", r) else replace(r, text=word, reformulation=None)
                for r in uow.repos.requests()]  # fmt: skip
    inp = RadarInput(
        now=now,
        horizon=Span(now, now + horizon),
        principal=me.email,
        principal_name=me.name,
        profile=profile,
        items=items,
        past=past,
        people=people,
        tasks=tasks,
        commitments=commitments,
        objectives=objectives,
        requests=requests,
        hidden=frozenset(hidden),
    )
    return inp, occs
