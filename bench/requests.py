"""Requests end to end: time per ``ask`` and per ``confirm`` on a busy seeded workspace.

Baseline: the understanding engine alone (``interpret``, no store, no options). ``ask``
adds what the pair actually waits for: one transaction that loads people and the
principal's occurrences, runs the slot finder (up to three options, following days when
the asked day is full), renders the reformulation and stores the request. Workload: a
temporary SQLite workspace with 12 people and ~160 events over four weeks (seeded), and
eight requests in French and English; medians over several runs.

Run standalone: ``python -m bench.requests``.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._timing import ReportLike, pooled_median_ms, standalone

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
RUNS = 5
EVENTS = 160
TEXTS = (
    "Cale-moi un déjeuner avec Paul jeudi prochain",
    "Organise une réunion d'une heure avec Paul et Marie la semaine prochaine",
    "Lunch with John next Tuesday",
    "Set up a 30 minute call with Marie tomorrow afternoon",
    "Bloque-moi deux heures demain matin pour le budget",
    "Ajoute une tâche : préparer le comité avant vendredi",
    "qu'est-ce que j'ai demain ?",
    "Remind me to call the notary tomorrow at 10am",
)


def _workspace(folder: Path) -> Any:
    from binome.app.calendar import NewEvent, add_event
    from binome.app.context import App
    from binome.app.items import add_person
    from binome.app.workspace import init_workspace
    from binome.domain.timing import zone

    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    app = App.open(f"sqlite:///{folder / 'bench.db'}", now=NOW)
    init_workspace(app, principal="Claire Martin", email="claire@example.fr",
                   tz="Europe/Paris", country="FR")  # fmt: skip
    names = ["Paul Durand", "Marie Curie", "John Smith"] + [f"Contact {i}" for i in range(9)]
    for name in names:
        email = name.lower().replace(" ", ".") + "@example.com"
        add_person(app, name=name, email=email, tz="Europe/Paris")
    rng = random.Random(42)
    paris = zone("Europe/Paris")
    day0 = datetime(2026, 11, 26, tzinfo=paris)
    for _ in range(EVENTS):
        day = day0 + timedelta(days=rng.randrange(28))
        if day.weekday() >= 5:
            continue
        start = day.replace(hour=rng.randrange(8, 18), minute=rng.choice((0, 15, 30, 45)))
        end = start + timedelta(minutes=rng.choice((30, 45, 60, 90)))
        guest = rng.choice(names).lower().replace(" ", ".") + "@example.com"
        add_event(app, NewEvent(title="Réunion", start=start, end=end, attendees=(guest,)))
    return app


def run(report: ReportLike) -> None:
    from binome.app.request_actions import confirm
    from binome.app.requests import ask
    from binome.engine.understand import interpret

    saved = os.environ.get("BINOME_SECRET_KEY_FILE")
    with tempfile.TemporaryDirectory() as tmp:
        app = _workspace(Path(tmp))
        report.section("Requests end to end: ask and confirm on a busy workspace")
        base = pooled_median_ms(lambda t: interpret(t, now=NOW, tz="Europe/Paris"), TEXTS, RUNS)
        full = pooled_median_ms(lambda t: ask(app, t), TEXTS, RUNS)
        asked = [ask(app, "Réunion avec Paul la semaine prochaine") for _ in range(RUNS)]
        waiting = [a["id"] for a in asked if a["status"] == "awaiting_confirmation"]
        timings = []
        for ref in waiting:
            start = time.perf_counter()
            confirm(app, ref)
            timings.append((time.perf_counter() - start) * 1000)
        report.row(step="interpret only (baseline)", median_ms=f"{base:.2f}", ratio="1.0x")
        report.row(step="ask (options + store)", median_ms=f"{full:.2f}",
                   ratio=f"{full / base:.1f}x")  # fmt: skip
        report.row(step="confirm (event + draft)", median_ms=f"{statistics.median(timings):.2f}",
                   ratio=f"{statistics.median(timings) / base:.1f}x")  # fmt: skip
        report.note(f"{len(TEXTS)} requests x {RUNS} runs; 12 people, {EVENTS} events drawn "
                    "(seed 42, weekends dropped).")  # fmt: skip
    if saved is None:
        os.environ.pop("BINOME_SECRET_KEY_FILE", None)
    else:
        os.environ["BINOME_SECRET_KEY_FILE"] = saved


if __name__ == "__main__":
    standalone(run)
