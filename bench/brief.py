"""How long the director waits for the morning brief, on the demo workspace.

Baseline: the agenda of the same day (``app.calendar.agenda``), the cheapest read of the
day. Measured: composing the brief (agenda + tasks + commitments + requests, masking,
audit), the weekly review, and each output format. Medians of several runs; the demo is
built once, seeded, in a temporary SQLite file. Run alone with ``python -m bench.brief``.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench._timing import median_ms, standalone

RUNS = 7


def run(report: Any) -> None:
    from argon2 import PasswordHasher

    from binome.app.brief import compose_brief
    from binome.app.calendar import agenda
    from binome.app.context import App
    from binome.app.demo import build_demo
    from binome.present.brief import render_brief

    folder = Path(tempfile.mkdtemp(prefix="binome-bench-"))
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    url = f"sqlite:///{folder / 'demo.db'}"
    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    start = time.perf_counter()
    result = build_demo(App.open(url), hasher=lambda p: str(fast.hash(p)))
    build_ms = (time.perf_counter() - start) * 1000
    day: date = result.today
    report.section("Morning brief on the demo workspace (SQLite)")
    report.row(step="build_demo (low-cost Argon2id)", median_ms=round(build_ms, 1), ratio="-")
    app = App.open(url, now=result.now)
    backup = App.open(url, now=result.now, actor="julien")
    base = median_ms(lambda: agenda(app, what=day.isoformat()), RUNS, warmup=True)
    report.row(step="agenda of the day (baseline)", median_ms=round(base, 1), ratio=1.0)
    cases: list[tuple[str, Callable[[], object]]] = [
        ("compose_brief (principal)", lambda: compose_brief(app, day=day)),
        ("compose_brief (backup, masked)", lambda: compose_brief(backup, day=day)),
        ("compose_brief --week", lambda: compose_brief(app, day=day, week=True)),
    ]
    brief = compose_brief(app, day=day, week=True)
    for fmt in ("text", "md", "html", "pdf"):
        cases.append((f"render {fmt}", lambda fmt=fmt: render_brief(brief, fmt)))  # type: ignore[misc]
    for name, call in cases:
        ms = median_ms(call, RUNS, warmup=True)
        report.row(step=name, median_ms=round(ms, 1), ratio=round(ms / base, 1))
    report.note(f"median of {RUNS} runs after one warm-up; ratio = time / agenda of the day")


if __name__ == "__main__":
    standalone(run)
