"""Bench: ``binome slots`` end to end from the store, against the engine alone.

Workload (seeded): a SQLite workspace (Claire, Paris, default profile) with 10 and 50
participants in Paris, London, Berlin and Madrid. Everyone, the principal included, has
~30 events a week over the 4-week window: 8 weekly series (RRULE, expanded on read) and 22
one-off meetings a week between 09:00 and 17:00 local; the participants' events are stored
with them as ``owner_email`` (as a calendar imported for them). Question: the 10 best
slots of 45 minutes in those 4 weeks.

- store: ``app.slots.suggest_slots`` (open the unit of work, load and decrypt the rows,
  expand the series, find and rank), median of several runs;
- engine: ``engine.slots.find_slots`` alone on the participants that run loaded.

``overhead`` = store / engine: what reading the calendars costs on top of deciding.
Run: ``python -m bench.slots_store``.
"""

from __future__ import annotations

import os
import random
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench._timing import measure, standalone
from binome.app.context import App
from binome.app.items import add_person
from binome.app.slots import SlotAnswer, suggest_slots
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.model import Event, Recurrence
from binome.domain.profile import Profile
from binome.domain.timing import Timed
from binome.engine.slots import SlotQuery, find_slots

PLACES = [("Europe/Paris", "FR"), ("Europe/London", "GB"), ("Europe/Berlin", "DE"),
          ("Europe/Madrid", "ES")]  # fmt: skip
MONDAY = date(2026, 4, 27)
NOW = datetime(2026, 4, 26, 12, 0, tzinfo=UTC)
WEEKS = 4


def _events(rng: random.Random, tz: str) -> list[Event]:
    zone = ZoneInfo(tz)
    out = []
    for k in range(8 + 22 * WEEKS):
        weekly = k < 8
        day = MONDAY + timedelta(days=rng.randrange(5) + (0 if weekly else 7 * (k % WEEKS)))
        start = datetime.combine(day, time(rng.randrange(9, 17), rng.choice((0, 15, 30, 45))))
        minutes = rng.choice((30, 45, 60))
        timing = Timed(start.replace(tzinfo=zone), (start + timedelta(minutes=minutes)).replace(
            tzinfo=zone))  # fmt: skip
        rule = Recurrence(rrule=f"FREQ=WEEKLY;COUNT={WEEKS}") if weekly else None
        out.append(Event(title=f"meeting {k}", timing=timing, recurrence=rule))
    return out


def build(url: str, n: int, seed: int = 11) -> list[str]:
    """A workspace with ``n`` participants and their calendars; their e-mails."""
    rng = random.Random(seed)
    app = App.open(url, now=NOW)
    init_workspace(app, principal="Claire", email="claire@example.fr", tz="Europe/Paris",
                   country="FR")  # fmt: skip
    emails = []
    for i in range(n):
        tz, country = rng.choice(PLACES)
        email = f"p{i}@example.com"
        add_person(app, name=f"Person {i}", email=email, tz=tz, country=country,
                   hours="08:00-19:00")  # fmt: skip
        emails.append(email)
    with unit_of_work(app) as uow:
        for event in _events(rng, "Europe/Paris"):
            uow.repos.add_event(event, now=NOW)
        for email, (tz, _) in zip(emails, (rng.choice(PLACES) for _ in emails), strict=True):
            for event in _events(rng, tz):
                uow.repos.add_event(event, now=NOW, owner_email=email)
    return emails


def _store(app: App, emails: list[str]) -> SlotAnswer:
    last = (MONDAY + timedelta(days=7 * WEEKS - 1)).isoformat()
    return suggest_slots(
        app, emails=emails, duration="45m", start=MONDAY.isoformat(), end=last, count=10
    )


def _engine(answer: SlotAnswer, profile: Profile) -> object:
    query = SlotQuery(duration=answer.duration, window=answer.window, count=10)
    return find_slots(query, principal=answer.principal, others=answer.others, profile=profile,
                      now=NOW)  # fmt: skip


def run(report: Any) -> None:
    report.section("binome slots from the store: 10 best of 45 min, 4 weeks, ~30 events/week")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("BINOME_SECRET_KEY_FILE", str(Path(tmp) / "keys.json"))
        for n in (10, 50):
            url = f"sqlite:///{Path(tmp) / f'bench{n}.db'}"
            emails = build(url, n)
            app = App.open(url, now=NOW)
            stored = measure(lambda: _store(app, emails), 5)  # noqa: B023
            store_ms, answer = stored.median_ms, stored.last
            profile = Profile.default()
            engine = measure(lambda: _engine(answer, profile), 9)  # noqa: B023
            engine_ms, result = engine.median_ms, engine.last
            report.row(
                participants=n,
                events=sum(len(p.busy) for p in (answer.principal, *answer.others)),
                store_ms=round(store_ms, 1),
                engine_ms=round(engine_ms, 2),
                overhead=round(store_ms / engine_ms, 1),
                same_slots=result.slots == answer.result.slots,
                first_slot=answer.result.slots[0].span.start.isoformat()
                if answer.result.slots
                else "-",
            )
    report.note("events = busy occurrences loaded (series expanded); overhead = store / engine.")
    report.note("200 participants are left to bench.slots: building that store takes minutes.")


if __name__ == "__main__":
    standalone(run)
