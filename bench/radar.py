"""Bench: the radar's quality on the scenario suite, and its speed on a large workspace.

Quality: every scenario of ``tests/scenarios/data`` is built in a temporary SQLite file
through the app layer and scanned; precision and recall per risk kind and overall (a risk
found that the scenario does not expect is a false positive).

Speed (seeded workload): the principal's calendar of N events over a year, every day
07:00-22:00 in Paris, 30-60 minutes each with 0-30 minute gaps, about 3 % of them placed
on top of another, 10 % with one of 40 attendees in six zones and countries (a quarter
VIP), 1 in 4 off-site, some flagged important; 1,000 tasks with due dates over the year
(30 min to 4 h); 50 commitments; 3 objectives. Measured: ``engine.radar.scan`` on the
input built from that data (what ``app.radar`` hands it), over 14 days and over one year,
median of several runs. Baseline: the pairwise overlap check a developer would write first
(every pair of items in the horizon), on the same items. Growth: 1,000 to 20,000 events.
Run: ``python -m bench.radar``.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench._timing import median_ms, standalone
from binome.domain.model import Commitment, Objective, Task
from binome.domain.profile import Profile
from binome.domain.timing import Span
from binome.engine.radar import Item, RadarInput, RadarPerson, scan

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
RUNS = 5
PLACES = [("Europe/Paris", "FR"), ("Europe/London", "GB"), ("America/New_York", "US"),
          ("Asia/Tokyo", "JP"), ("Europe/Rome", "IT"), ("Asia/Singapore", "SG")]  # fmt: skip


# -- quality --------------------------------------------------------------------------


def quality(report: Any) -> None:
    from tests.scenarios.loader import build, load_all, match

    from binome.app.radar import run_radar

    folder = Path(tempfile.mkdtemp(prefix="binome-radar-"))
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    per: dict[str, Counter[str]] = {}
    scenarios = load_all()
    for s in scenarios:
        views = run_radar(build(f"sqlite:///{folder / s.name}.db", s))["risks"]
        kinds = {k for k, _ in s.expect} | {v["kind"] for v in views}
        for kind in kinds:
            tp, fp, fn, _ = match(
                [v for v in views if v["kind"] == kind], [e for e in s.expect if e[0] == kind]
            )
            per.setdefault(kind, Counter()).update(tp=tp, fp=fp, fn=fn)
    report.section(f"Radar quality on {len(scenarios)} scenarios (tests/scenarios)")
    total: Counter[str] = Counter()
    for kind, c in sorted(per.items()):
        total.update(c)
        report.row(kind=kind, **_scores(c))
    report.row(kind="overall", **_scores(total))
    report.note("target: recall 100 %, precision >= 95 %")


def _scores(c: Counter[str]) -> dict[str, Any]:
    found, wanted = c["tp"] + c["fp"], c["tp"] + c["fn"]
    return {
        "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
        "precision": "-" if not found else f"{c['tp'] / found:.0%}",
        "recall": "-" if not wanted else f"{c['tp'] / wanted:.0%}",
    }  # fmt: skip


# -- speed ----------------------------------------------------------------------------


def workload(events: int, tasks: int = 1000, per_day: int = 10, seed: int = 7) -> RadarInput:
    """``events`` meetings at ``per_day`` per weekday (08:00-20:00 Paris), laid out day
    after day so that ``now`` sits in the middle of them (history and future), 3 % placed
    on top of another; ``tasks`` due over the next year."""
    rng = random.Random(seed)
    people = {}
    for n in range(40):
        tz, country = PLACES[n % len(PLACES)]
        email = f"p{n}@example{n % 6}.com"
        people[email] = RadarPerson(email=email, name=f"Person {n}", tz=tz, country=country,
                                    vip=n % 4 == 0)  # fmt: skip
    emails = sorted(people)
    weekdays = -(-events // per_day)
    first = NOW.astimezone(PARIS).replace(hour=8, minute=0, second=0, microsecond=0)
    first -= timedelta(days=weekdays * 7 // 10)  # about half the weekdays before now
    items: list[Item] = []
    day = first
    while len(items) < events:
        day += timedelta(days=1)
        if day.isoweekday() > 5:
            continue
        cursor = day
        for _ in range(min(per_day, events - len(items))):
            length = timedelta(minutes=rng.choice((30, 45, 60, 90)))
            start = cursor - timedelta(minutes=30) if rng.random() < 0.03 else cursor
            cursor = start + length + timedelta(minutes=rng.choice((0, 15, 30, 45)))
            ref = f"event:{len(items) + 1}"
            items.append(Item(
                ref=ref, occurrence=ref, title=f"Meeting {len(items)}",
                span=Span(start.astimezone(UTC), (start + length).astimezone(UTC)),
                attendees=(rng.choice(emails),) if rng.random() < 0.1 else (),
                location=rng.choice(("Usine", "Client", None, None))
                if rng.random() < 0.25 else None,
                description="Agenda" if rng.random() < 0.9 else None,
                important=rng.random() < 0.05,
            ))  # fmt: skip
    items.sort(key=lambda i: i.span.start)
    year = NOW + timedelta(days=365)
    work = [
        Task(
            id=k + 1,
            title=f"Task {k}",
            estimate=timedelta(minutes=rng.choice((30, 60, 120))),
            due=NOW + (year - NOW) * rng.random() + timedelta(hours=2),
        )
        for k in range(tasks)
    ]
    promises = [
        Commitment(id=k + 1, what=f"Promise {k}", owner="claire@example.fr",
                   beneficiary=rng.choice(emails), due=NOW + timedelta(days=rng.randint(-3, 60)))
        for k in range(50)
    ]  # fmt: skip
    goals = [Objective(id=k + 1, title=f"Goal {k}", weight=w) for k, w in enumerate((50, 30, 20))]
    return RadarInput(now=NOW, horizon=Span(NOW, year), principal="claire@example.fr",
                      profile=Profile(), items=items, people=people, tasks=work,
                      commitments=promises, objectives=goals)  # fmt: skip


def within(inp: RadarInput, days: int) -> RadarInput:
    end = inp.now + timedelta(days=days)
    since = inp.now - timedelta(days=28)
    return RadarInput(now=inp.now, horizon=Span(inp.now, end), principal=inp.principal,
                      profile=inp.profile,
                      items=[i for i in inp.items if inp.now < i.span.end and i.span.start < end],
                      past=[i for i in inp.items
                            if since <= i.span.start and i.span.end <= inp.now],
                      people=inp.people, tasks=inp.tasks, commitments=inp.commitments,
                      objectives=inp.objectives)  # fmt: skip


def pairwise(inp: RadarInput) -> int:
    """The baseline: every pair of items compared."""
    items, found = list(inp.items), 0
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.span.start < b.span.end and b.span.start < a.span.end:
                found += 1
    return found


def speed(report: Any) -> None:
    full = workload(10_000)
    report.section("Full radar: 10,000 events, 1,000 tasks, 50 commitments (engine.scan)")
    for label, days, target in (("14 days", 14, 50), ("one year", 365, 500)):
        inp = within(full, days)
        ms = median_ms(lambda inp=inp: scan(replace(inp, searches=[0])), RUNS, warmup=True)  # type: ignore[misc]
        count = len(scan(replace(inp, searches=[0])))
        base = median_ms(lambda inp=inp: pairwise(inp), 1 if days > 14 else RUNS, warmup=True)  # type: ignore[misc]
        report.row(horizon=label, items=len(inp.items), risks=count, median_ms=round(ms, 1),
                   target_ms=target, baseline_pairwise_ms=round(base, 1),
                   ratio=round(ms / base, 2))  # fmt: skip
    report.section("Growth with load (one year ahead, 1,000 tasks)")
    for per_day in (4, 8, 10, 16, 24):
        inp = within(workload(per_day * 520, per_day=per_day), 365)
        ms = median_ms(lambda inp=inp: scan(replace(inp, searches=[0])), 3, warmup=True)  # type: ignore[misc]
        report.row(meetings_per_weekday=per_day, items=len(inp.items), median_ms=round(ms, 1),
                   per_1000_items_ms=round(ms / len(inp.items) * 1000, 1))  # fmt: skip
    report.note(
        "10,000 events = two years of a director's calendar at 10 meetings a weekday, now in "
        "the middle; slot-finder proposals are limited to items within 14 days and "
        "radar.slot_searches per scan; baseline = all-pairs overlap check alone"
    )


def end_to_end(report: Any) -> None:
    """``binome radar`` on the demo workspace: load, scan, persist, views (SQLite)."""
    from argon2 import PasswordHasher

    from binome.app.calendar import agenda
    from binome.app.context import App
    from binome.app.demo import build_demo
    from binome.app.radar import run_radar

    folder = Path(tempfile.mkdtemp(prefix="binome-radar-demo-"))
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    url = f"sqlite:///{folder / 'demo.db'}"
    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    result = build_demo(App.open(url), hasher=lambda p: str(fast.hash(p)))
    app = App.open(url, now=result.now)
    base = median_ms(lambda: agenda(app, what="week"), RUNS, warmup=True)
    ms = median_ms(lambda: run_radar(app), RUNS, warmup=True)
    report.section("binome radar on the demo workspace (SQLite, 14 days)")
    report.row(step="agenda of the week (baseline)", median_ms=round(base, 1), ratio=1.0)
    report.row(step="run_radar", risks=len(run_radar(app)["risks"]), median_ms=round(ms, 1),
               ratio=round(ms / base, 1))  # fmt: skip


def run(report: Any) -> None:
    speed(report)
    end_to_end(report)
    quality(report)


if __name__ == "__main__":
    standalone(run)
