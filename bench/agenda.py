"""Whole-process speed of ``binome agenda today`` against Taskwarrior's ``task next``.

What a person feels is the whole process: interpreter start, imports, schema check, query,
rendering. Each command runs as a subprocess ``RUNS`` times after one warm-up; the median
wall time (``time.perf_counter``), median CPU time and peak RSS come from ``os.wait4``'s
per-child ``rusage``. Workloads are generated with a fixed seed: a workspace of 200 events
(a tenth confidential, so sealed text is opened) over two months around the pinned day,
and 2,000 Taskwarrior tasks. The same agenda through the full path (Typer and SQLAlchemy,
which a plain ``binome agenda`` skips since issue 2's lean path) is measured beside it.
The baseline needs the ``task`` binary (Debian package ``taskwarrior``); without it the
baseline is reported unavailable, nothing is installed.

    python -m bench.agenda        # prints a table; `make bench` writes bench/report.md
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._timing import standalone

RUNS = int(os.environ.get("BINOME_BENCH_RUNS", "15"))
EVENTS = 200
TASKS = 2000
SEED = 20261126
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday 9:00 in Paris
TARGET_S = 0.200
FULL = "binome agenda today, full path (Typer + SQLAlchemy)"


def make_workspace(folder: Path, events: int = EVENTS, seed: int = SEED) -> Path:
    """A seeded binome workspace in ``folder``; returns the database path."""
    from binome.app.calendar import NewEvent, add_event
    from binome.app.context import App
    from binome.app.items import add_person
    from binome.app.workspace import init_workspace
    from binome.domain.model import Classification
    from binome.domain.timing import zone

    db = folder / "binome.db"
    app = App.open(str(db), now=NOW)
    init_workspace(app, principal="Claire Martin", email="claire@example.fr", tz="Europe/Paris")
    rng = random.Random(seed)
    zones = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/London"]
    emails = []
    for i in range(10):
        email = f"person{i}@example.com"
        add_person(app, name=f"Person {i}", email=email, tz=rng.choice(zones))
        emails.append(email)
    paris = zone("Europe/Paris")
    first_day = NOW.astimezone(paris).replace(hour=0, minute=0) - timedelta(days=30)
    for i in range(events):
        day = first_day + timedelta(days=rng.randrange(60))
        start = day.replace(hour=rng.randrange(8, 19), minute=rng.choice((0, 15, 30, 45)))
        secret = rng.random() < 0.1
        add_event(
            app,
            NewEvent(
                title=f"Réunion {i}",
                start=start,
                end=start + timedelta(minutes=rng.choice((30, 45, 60, 90))),
                attendees=rng.sample(emails, rng.randrange(0, 3)),
                classification=Classification.CONFIDENTIAL if secret else Classification.INTERNAL,
            ),
        )
    return db


def make_taskwarrior(folder: Path, tasks: int = TASKS, seed: int = SEED) -> dict[str, str]:
    """A Taskwarrior data folder with ``tasks`` pending tasks; returns the env to use it."""
    rng = random.Random(seed)
    data = folder / "taskdata"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=no\nverbose=nothing\nhooks=off\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    items = []
    for i in range(tasks):
        due = NOW + timedelta(hours=rng.randrange(-48, 24 * 60))
        items.append(
            {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "description": f"Task {i}",
                "status": "pending",
                "entry": (NOW - timedelta(days=rng.randrange(1, 90))).strftime("%Y%m%dT%H%M%SZ"),
                "due": due.strftime("%Y%m%dT%H%M%SZ"),
                "priority": rng.choice(("H", "M", "L", "")),
                "project": rng.choice(("board", "finance", "hiring", "press")),
            }
        )
    subprocess.run(
        ["task", "import", "-"],
        input=json.dumps([{k: v for k, v in t.items() if v} for t in items]),
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def measure(argv: list[str], env: dict[str, str], runs: int = RUNS) -> dict[str, float]:
    """Median wall and CPU seconds and peak RSS (MB) of ``argv`` run ``runs`` times.

    Peak RSS and CPU come from ``/usr/bin/time`` when present: a child forked from this
    (large) process would otherwise report the parent's pages in ``ru_maxrss``.
    """
    walls, cpus, rss = [], [], []
    gnu_time = shutil.which("time", path="/usr/bin")
    with tempfile.NamedTemporaryFile(prefix="binome-bench-", suffix=".time") as out:
        wrapped = [gnu_time, "-f", "%M %U %S", "-o", out.name, *argv] if gnu_time else argv
        for i in range(runs + 1):
            start = time.perf_counter()
            proc = subprocess.Popen(
                wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            err = proc.stderr.read().decode() if proc.stderr else ""
            if proc.stderr:
                proc.stderr.close()
            if proc.returncode != 0:
                raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {err.strip()}")
            if i == 0:
                continue  # warm-up: page cache, .pyc files
            walls.append(wall)
            if gnu_time:
                kb, user, system = Path(out.name).read_text().split()[-3:]
                cpus.append(float(user) + float(system))
                rss.append(int(kb) / 1024)
            else:
                cpus.append(usage.ru_utime + usage.ru_stime)
                rss.append(usage.ru_maxrss / 1024)
    return {
        "median_ms": statistics.median(walls) * 1000,
        "min_ms": min(walls) * 1000,
        "cpu_ms": statistics.median(cpus) * 1000,
        "peak_rss_mb": max(rss),
        "runs": float(runs),
    }


def run(report: Any) -> None:
    with tempfile.TemporaryDirectory(prefix="binome-bench-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "BINOME_SECRET_KEY_FILE": str(folder / "keys.json")}
        os.environ["BINOME_SECRET_KEY_FILE"] = env["BINOME_SECRET_KEY_FILE"]
        db = make_workspace(folder)
        binome = [
            sys.executable,
            "-m",
            "binome.cli.main",
            "--db",
            str(db),
            "--now",
            NOW.isoformat(),
        ]
        report.section(f"Whole-process agenda: {EVENTS} events vs Taskwarrior, {TASKS} tasks")
        rows = {
            "python -c pass (interpreter floor)": measure([sys.executable, "-c", "pass"], env),
            "binome agenda today": measure([*binome, "agenda", "today"], env),
            "binome agenda today --json": measure([*binome, "agenda", "today", "--json"], env),
            # A repeated option makes the lean parser (cli/fast.py) decline: this is the
            # Typer + SQLAlchemy path every agenda took before it, same output.
            FULL: measure([*binome, "--lang", "fr", "--lang", "fr", "agenda", "today"], env),
        }
        baseline = "task next (Taskwarrior)"
        if shutil.which("task") is None:
            report.note(
                "Baseline unavailable: Taskwarrior is not installed "
                "(Debian/Ubuntu: `apt-get install taskwarrior`)."
            )
        else:
            rows[baseline] = measure(["task", "next"], make_taskwarrior(folder))
        base = rows.get(baseline)
        for command, figures in rows.items():
            ratio = f"{figures['median_ms'] / base['median_ms']:.2f}" if base else "n/a"
            report.row(command=command, **figures, ratio_vs_task_next=ratio)
        if base is None:
            report.row(command=baseline, median_ms="unavailable")
        ours = rows["binome agenda today"]
        if base is not None:
            report.note(
                f"binome agenda today takes {ours['median_ms'] / base['median_ms']:.1f}x the "
                f"wall time of task next (CPU {ours['cpu_ms'] / base['cpu_ms']:.1f}x)."
            )
        full = rows[FULL]
        report.note(
            f"Lean path (stdlib sqlite3, no Typer): {full['cpu_ms'] / ours['cpu_ms']:.1f}x less "
            f"CPU and {full['median_ms'] / ours['median_ms']:.1f}x less wall time than the full "
            f"path ({ours['cpu_ms']:.0f} vs {full['cpu_ms']:.0f} ms CPU)."
        )
        verdict = "met" if ours["median_ms"] < TARGET_S * 1000 else "NOT met"
        report.note(
            f"Target < {TARGET_S * 1000:.0f} ms for binome agenda today: {verdict} "
            f"(median {ours['median_ms']:.0f} ms; interpreter floor "
            f"{rows['python -c pass (interpreter floor)']['median_ms']:.0f} ms)."
        )


if __name__ == "__main__":
    standalone(run)
