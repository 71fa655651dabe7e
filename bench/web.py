"""Load on the web cockpit: requests/s and latency percentiles of Today and /api/agenda.

A real HTTP load generator against a real uvicorn (a subprocess on 127.0.0.1) serving a
generated workspace (seeded: people, a year of events, tasks, commitments), on SQLite and
on PostgreSQL. ``wrk`` (Debian) is used when installed; otherwise a small asyncio httpx
loop, labelled as such in the report (it measures less precisely: the client shares a
CPU with the server). ``/healthz`` (no database) is the baseline each row is compared to.
Bounded: a few seconds per target, loopback only. The issue's target: p99 < 100 ms.

First, every cockpit page on the demo workspace in-process (median of several requests,
against the issue's "no page over 200 ms"), and Today with vs without the once-per-session
audit of confidential reads. ``BINOME_BENCH_WEB_LOAD=0`` stops there.

Run alone: ``python -m bench.web`` (``BINOME_BENCH_PG`` names the PostgreSQL server;
default the test server ``postgresql+psycopg://root@127.0.0.1:5432/test``).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._timing import standalone

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
DURATION_S = float(os.environ.get("BINOME_BENCH_SECONDS", "4"))
CONNECTIONS = tuple(int(c) for c in os.environ.get("BINOME_BENCH_CONNECTIONS", "1,8").split(","))
EVENTS = int(os.environ.get("BINOME_BENCH_EVENTS", "1500"))
PASSWORD = "bench-password-123"
PG_ADMIN = os.environ.get("BINOME_BENCH_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


# -- the workspace ------------------------------------------------------------------------


def build_workspace(url: str, seed: int = 7) -> None:
    """A principal with a year of meetings around NOW, people abroad, tasks, commitments."""
    from sqlalchemy import update

    from binome.app.calendar import NewEvent, build_event
    from binome.app.context import App
    from binome.app.items import add_objective, add_person
    from binome.app.sessions import hash_password
    from binome.app.uow import unit_of_work
    from binome.app.workspace import init_workspace
    from binome.domain.model import Classification, Commitment, Priority, Task
    from binome.domain.timing import zone
    from binome.store.db import make_engine
    from binome.store.tables import UserRow

    rng = random.Random(seed)
    init_workspace(
        App.open(url, now=NOW),
        principal="Claire Martin",
        email="claire@example.fr",
        tz="Europe/Paris",
        login="claire",
    )
    with make_engine(url).begin() as conn:
        conn.execute(update(UserRow).values(password_hash=hash_password(PASSWORD)))
    app = App.open(url, now=NOW, actor="claire")
    zones = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/London"]
    people = [f"p{i}@example.com" for i in range(40)]
    for i, email in enumerate(people):
        add_person(app, name=f"Person {i}", email=email, tz=zones[i % len(zones)])
    objectives = [add_objective(app, title=f"Objective {i}", weight=i + 1)["id"] for i in range(5)]
    paris = zone("Europe/Paris")
    today = NOW.astimezone(paris).replace(hour=0, minute=0, second=0, microsecond=0)
    # One transaction for the bulk (one commit per item would measure fsync, not the web).
    with unit_of_work(app) as uow:
        for i in range(EVENTS):
            day = today + timedelta(days=rng.randint(-180, 180)) if i >= 10 else today
            start = day + timedelta(hours=rng.randint(8, 18), minutes=rng.choice((0, 30)))
            new = NewEvent(
                title=f"Meeting {i}",
                start=start,
                end=start + timedelta(minutes=rng.choice((30, 45, 60, 90))),
                attendees=tuple(rng.sample(people, rng.randint(0, 3))),
                classification=rng.choice(list(Classification)),
                objective=rng.choice([None, *objectives]),
            )
            uow.repos.add_event(build_event(uow, new), now=NOW)
        for i in range(150):
            task = Task(
                title=f"Task {i}",
                estimate=timedelta(minutes=rng.choice((30, 60, 120))),
                priority=rng.choice(list(Priority)),
                due=NOW + timedelta(days=rng.randint(-5, 40)),
                created_at=NOW,
            )
            uow.repos.add_task(task, now=NOW)
        for i in range(80):
            promise = Commitment(
                what=f"Promise {i}",
                owner="claire@example.fr",
                beneficiary=rng.choice(people),
                due=NOW + timedelta(days=rng.randint(-50, 20)),
                created_at=NOW,
            )
            uow.repos.add_commitment(promise, now=NOW)


# -- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(url: str, env: dict[str, str]) -> Iterator[str]:
    import httpx

    port = free_port()
    child_env = {**os.environ, **env, "BINOME_DATABASE_URL": url, "BINOME_NOW": NOW.isoformat()}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "binome.web.app:app_from_env",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=child_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def credentials(base: str, url: str, env: dict[str, str]) -> tuple[str, str]:
    """A session cookie (for Today) and an API token (for /api/agenda)."""
    import httpx

    from binome.app.context import App
    from binome.app.sessions import create_api_token

    response = httpx.post(
        f"{base}/login", data={"login": "claire", "password": PASSWORD}, headers={"origin": base}
    )
    cookie = response.cookies["binome_session"]
    old = os.environ.get("BINOME_SECRET_KEY_FILE")
    os.environ["BINOME_SECRET_KEY_FILE"] = env["BINOME_SECRET_KEY_FILE"]
    try:
        token = create_api_token(App.open(url, now=NOW, actor="claire"), name="bench").token
    finally:
        if old is not None:
            os.environ["BINOME_SECRET_KEY_FILE"] = old
    return f"binome_session={cookie}", token


# -- load generators -----------------------------------------------------------------------


def warm_up(targets: list[tuple[str, str, dict[str, str]]], rounds: int = 5) -> None:
    """Compile templates, load locales and fill pools before anything is measured."""
    import httpx

    for _, target, headers in targets:
        for _ in range(rounds):
            httpx.get(target, headers=headers, timeout=30)


def with_wrk(target: str, headers: dict[str, str], connections: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    assert wrk is not None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    args = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(int(DURATION_S), 1)}s",
        "-s",
        script.name,
    ]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*args, target],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION_S + 30,
    ).stdout
    Path(script.name).unlink()
    found = re.search(r"BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    assert found, out
    n, micros, p50, p95, p99, errors = (int(x) for x in found.groups())
    return {
        "rps": n / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": errors,
        "requests": n,
    }


def with_httpx(target: str, headers: dict[str, str], connections: int) -> dict[str, Any]:
    import httpx

    async def load() -> tuple[list[float], int, float]:
        latencies: list[float] = []
        errors = 0
        stop = time.perf_counter() + DURATION_S
        async with httpx.AsyncClient(headers=headers, timeout=10) as client:

            async def worker() -> None:
                nonlocal errors
                while time.perf_counter() < stop:
                    begin = time.perf_counter()
                    response = await client.get(target)
                    latencies.append(time.perf_counter() - begin)
                    errors += response.status_code != 200

            started = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(connections)))
            return latencies, errors, time.perf_counter() - started

    latencies, errors, elapsed = asyncio.run(load())
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": errors,
        "requests": len(latencies),
    }


# -- the run --------------------------------------------------------------------------------


@contextmanager
def databases() -> Iterator[tuple[str, str | None, str | None]]:
    """(backend, url or None, reason when unavailable) for SQLite then PostgreSQL."""
    folder = Path(tempfile.mkdtemp(prefix="binome-bench-web-"))
    found: list[tuple[str, str | None, str | None]] = [
        ("sqlite", f"sqlite:///{folder / 'w.db'}", None)
    ]
    pg_name = f"binome_bench_{uuid.uuid4().hex[:8]}"
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{pg_name}"'))
        found.append(("postgresql", f"{PG_ADMIN.rsplit('/', 1)[0]}/{pg_name}", None))
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        admin = None
        found.append(("postgresql", None, str(exc).splitlines()[0][:120]))
    try:
        yield found  # type: ignore[misc]
    finally:
        if admin is not None:
            from sqlalchemy import text

            from binome.store.db import make_engine

            make_engine.cache_clear()
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)'))
        shutil.rmtree(folder, ignore_errors=True)


DEMO_PAGES = (
    "/today",
    "/week",
    "/ask",
    "/priorities",
    "/plan",
    "/brief",
    "/brief?format=html",
    "/commitments",
    "/settings",
    "/audit",
)
PAGE_RUNS = int(os.environ.get("BINOME_BENCH_PAGE_RUNS", "7"))
PAGE_BUDGET_MS = 200.0


def _median_ms(client: Any, path: str, runs: int) -> tuple[float, int]:
    client.get(path)  # warm-up: template compilation, caches
    times = []
    status = 0
    for _ in range(runs):
        started = time.perf_counter()
        status = client.get(path).status_code
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), status


def demo_pages(report: Any) -> None:
    """Every page on the demo workspace, in-process (TestClient): the median of several
    requests against the issue's budget (no page over 200 ms); then Today with the
    per-session read ledger off (every view appends its confidential reads to the audit
    chain) against on (once per session, day and item set)."""
    import warnings

    from binome.app.context import App
    from binome.app.demo import build_demo
    from binome.web.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    report.section("Cockpit pages on the demo workspace (in-process, median of runs)")
    folder = Path(tempfile.mkdtemp(prefix="binome-bench-demo-"))
    old = os.environ.get("BINOME_SECRET_KEY_FILE")
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    try:
        url = f"sqlite:///{folder / 'demo.db'}"
        demo = build_demo(App.open(url))
        web = create_app(url, now=demo.now)

        def login(who: str) -> Any:
            client = TestClient(web, base_url="http://testserver", follow_redirects=False)
            client.headers["origin"] = "http://testserver"
            password = next(x.password for x in demo.logins if x.login == who)
            client.post("/login", data={"login": who, "password": password})
            return client

        report.note(f"{PAGE_RUNS} runs per page after one warm-up; budget {PAGE_BUDGET_MS:g} ms")
        for who in ("claire", "sophie"):
            client = login(who)
            for path in DEMO_PAGES:
                median, status = _median_ms(client, path, PAGE_RUNS)
                report.row(
                    login=who,
                    page=path,
                    status=status,
                    median_ms=round(median, 1),
                    under_200ms=median < PAGE_BUDGET_MS,
                )
        client = login("claire")
        with_ledger, _ = _median_ms(client, "/today", PAGE_RUNS)
        web.state.read_ledger = None  # every view audits its confidential reads again
        without, _ = _median_ms(client, "/today", PAGE_RUNS)
        report.row(
            login="claire",
            page="/today, read audit at every view (baseline)",
            status=200,
            median_ms=round(without, 1),
            under_200ms=without < PAGE_BUDGET_MS,
        )
        report.note(
            f"/today with reads audited once per session/day/item set: {with_ledger:.1f} ms "
            f"vs {without:.1f} ms audited at every view ({without / with_ledger:.2f}x)"
        )
    finally:
        if old is None:
            os.environ.pop("BINOME_SECRET_KEY_FILE", None)
        else:
            os.environ["BINOME_SECRET_KEY_FILE"] = old
        shutil.rmtree(folder, ignore_errors=True)


def run(report: Any) -> None:
    demo_pages(report)
    if os.environ.get("BINOME_BENCH_WEB_LOAD", "1") == "0":
        return
    tool = "wrk" if shutil.which("wrk") else "httpx asyncio loop (fallback: wrk not installed)"
    load = with_wrk if shutil.which("wrk") else with_httpx
    report.section("Web cockpit under load (uvicorn, 1 worker, 127.0.0.1)")
    report.note(
        f"generator: {tool}; {CONNECTIONS} connections, {DURATION_S:g} s per target; "
        f"workspace: {EVENTS} events, 40 people, 150 tasks, 80 commitments"
    )
    with databases() as backends:
        for backend, url, reason in backends:  # type: ignore[attr-defined]
            if url is None:
                report.note(f"{backend}: skipped ({reason})")
                continue
            key_dir = Path(tempfile.mkdtemp(prefix="binome-bench-key-"))
            try:
                env = {"BINOME_SECRET_KEY_FILE": str(key_dir / "keys.json")}
                old = os.environ.get("BINOME_SECRET_KEY_FILE")
                os.environ.update(env)
                started = time.perf_counter()
                build_workspace(url)
                if old is None:
                    os.environ.pop("BINOME_SECRET_KEY_FILE", None)
                else:
                    os.environ["BINOME_SECRET_KEY_FILE"] = old
                report.note(f"{backend}: workspace built in {time.perf_counter() - started:.1f} s")
                with serve(url, env) as base:
                    cookie, token = credentials(base, url, env)
                    targets = [
                        ("/healthz (baseline)", f"{base}/healthz", {}),
                        ("Today page", f"{base}/today", {"Cookie": cookie}),
                        (
                            "/api/agenda?what=week",
                            f"{base}/api/agenda?what=week",
                            {"Authorization": f"Bearer {token}"},
                        ),
                    ]
                    warm_up(targets)
                    for connections in CONNECTIONS:
                        baseline = None
                        for name, target, headers in targets:
                            result = load(target, headers, connections)
                            baseline = baseline or result["rps"]
                            report.row(
                                backend=backend,
                                target=name,
                                conns=connections,
                                rps=round(result["rps"], 1),
                                p50_ms=round(result["p50"], 1),
                                p95_ms=round(result["p95"], 1),
                                p99_ms=round(result["p99"], 1),
                                errors=result["errors"],
                                vs_baseline=f"{result['rps'] / baseline:.2f}x",
                                p99_under_100ms=result["p99"] < 100,
                            )
            finally:
                shutil.rmtree(key_dir, ignore_errors=True)


if __name__ == "__main__":
    standalone(run)
