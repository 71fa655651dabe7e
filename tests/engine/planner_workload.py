"""Seeded planner workloads shared by the quality and stability tests: a working week of
free windows (one focus window a day) and tasks whose estimates fill ``load`` × that time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from binome.domain.model import Task
from binome.domain.timing import Span
from binome.engine.planner import FreeWindow

MON = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
DAY_WINDOWS = ((9, 10.5, True), (11, 12.5, False), (14, 15, False), (15.5, 17.5, False))


def at(day: int, hour: float) -> datetime:
    return MON.replace(hour=int(hour), minute=int(hour % 1 * 60)) + timedelta(days=day)


def instance(
    seed: int, n: int, load: float, *, days: int = 5, first_due_day: int = 0
) -> tuple[list[Task], dict[str, Any]]:
    """``n`` tasks filling ``load`` × the free time of ``days`` days, due from
    ``first_due_day`` on; returns the tasks and the keyword arguments ``plan`` takes."""
    rng = random.Random(seed)
    free = [
        FreeWindow(span=Span(at(d, a), at(d, b)), focus=focus)
        for d in range(days)
        for a, b, focus in DAY_WINDOWS
    ]
    capacity = sum((w.span.duration for w in free), timedelta()) / timedelta(minutes=15)
    raw = [rng.lognormvariate(0, 0.6) for _ in range(n)]
    scale = load * capacity / sum(raw)
    tasks, scores = [], {}
    for i, r in enumerate(raw, start=1):
        tasks.append(
            Task(
                id=i,
                title=f"task {i}",
                estimate=timedelta(minutes=15 * min(12, max(1, round(r * scale)))),
                due=at(rng.randrange(first_due_day, days), rng.uniform(10, 18)),
                splittable=rng.random() < 0.6,
                min_chunk=timedelta(minutes=30),
            )
        )
        scores[i] = round(rng.uniform(1, 20), 2)
    kw: dict[str, Any] = {"free": free, "now": MON, "horizon_end": at(days - 1, 18)}
    kw["scores"] = scores
    return tasks, kw
