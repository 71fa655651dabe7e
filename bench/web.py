"""Load on the web cockpit: requests/s and latency percentiles of Today and the JSON API.

A real HTTP load generator against a real uvicorn (a subprocess on 127.0.0.1), on SQLite and
on PostgreSQL, over two workspaces: the demo (``binome demo``, what the issue's target is
about) and a harder generated one (seeded: 40 people, a year of events, 150 tasks, 80
commitments). ``wrk`` (Debian) is used when installed; otherwise a small asyncio httpx loop,
labelled as such in the report (it measures less precisely: the client shares a CPU with
the server). ``/healthz`` (no database) is the baseline each row is compared to.

For each target (Today, ``/api/agenda?what=week``, ``/api/radar``): requests/s and p50/p95/p99
at each connection count, and "held": the highest tested connection count whose p99 stays
under the issue's 100 ms. Then cold against warm: a write from another process (a person
added through the app layer) moves the data version, and the next request recomputes what
the read-model cache (``app.read_cache``) held; the request after it is served warm.

First, every cockpit page on the demo workspace in-process (median of several requests,
warm, and the first request after a write, cold), against the issue's "no page over
200 ms", and Today with vs without the once-per-session audit of confidential reads.
``BINOME_BENCH_WEB_LOAD=0`` stops there. Bounded: a few seconds per target, loopback only.

Run alone: ``python -m bench.web`` (``BINOME_BENCH_PG`` names the PostgreSQL server;
default the test server ``postgresql+psycopg://root@127.0.0.1:5432/test``;
``BINOME_BENCH_CONNECTIONS``, ``BINOME_BENCH_SECONDS``, ``BINOME_BENCH_WORKERS``).
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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._timing import standalone

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
DURATION_S = float(os.environ.get("BINOME_BENCH_SECONDS", "4"))
CONNECTIONS = tuple(
    int(c) for c in os.environ.get("BINOME_BENCH_CONNECTIONS", "1,4,8,16").split(",")
)
WORKERS = int(os.environ.get("BINOME_BENCH_WORKERS", "1"))
COLD_ROUNDS = int(os.environ.get("BINOME_BENCH_COLD_ROUNDS", "5"))
P99_TARGET_MS = 100.0
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


@dataclass(frozen=True)
class Workspace:
    """A built workspace: its clock and the login the load acts as."""

    label: str
    now: datetime
    login: str
    password: str


def build_demo_workspace(url: str) -> Workspace:
    """The demo (``binome demo``): what the issue's load target is about."""
    from binome.app.context import App
    from binome.app.demo import build_demo

    demo = build_demo(App.open(url))
    login = next(x for x in demo.logins if x.login == "claire")
    return Workspace("demo", demo.now, login.login, login.password)


def build_generated_workspace(url: str) -> Workspace:
    build_workspace(url)
    return Workspace(f"generated ({EVENTS} events, 150 tasks)", NOW, "claire", PASSWORD)


# -- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def key_file(env: dict[str, str]) -> Iterator[None]:
    """This process uses the server's key file while the block runs."""
    old = os.environ.get("BINOME_SECRET_KEY_FILE")
    os.environ["BINOME_SECRET_KEY_FILE"] = env["BINOME_SECRET_KEY_FILE"]
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("BINOME_SECRET_KEY_FILE", None)
        else:
            os.environ["BINOME_SECRET_KEY_FILE"] = old


@contextmanager
def serve(url: str, env: dict[str, str], now: datetime) -> Iterator[str]:
    import httpx

    port = free_port()
    child_env = {**os.environ, **env, "BINOME_DATABASE_URL": url, "BINOME_NOW": now.isoformat()}
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
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=child_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
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


def credentials(base: str, url: str, env: dict[str, str], ws: Workspace) -> tuple[str, str]:
    """A session cookie (for Today) and an API token (for /api/...)."""
    import httpx

    from binome.app.context import App
    from binome.app.sessions import create_api_token

    response = httpx.post(
        f"{base}/login", data={"login": ws.login, "password": ws.password}, headers={"origin": base}
    )
    cookie = response.cookies["binome_session"]
    with key_file(env):
        token = create_api_token(App.open(url, now=ws.now, actor=ws.login), name="bench").token
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
HTMX = {"hx-request": "true"}


def _median_ms(client: Any, path: str, runs: int) -> tuple[float, int]:
    client.get(path)  # warm-up: template compilation, caches
    times = []
    status = 0
    for _ in range(runs):
        started = time.perf_counter()
        status = client.get(path).status_code
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), status


def _cold_ms(client: Any, path: str, write: Any, runs: int) -> float:
    """The median time of the first request after a write (the read-model cache is cold)."""
    times = []
    for _ in range(runs):
        write()
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _ready_ms(client: Any, write: Any, runs: int) -> float:
    """For the plan (computed off the request path, ``web.background``): the median time
    from the first request after a write to the response that holds the plan, asking
    again every 20 ms (the page's placeholder asks every 300 ms)."""
    times = []
    for _ in range(runs):
        write()
        started = time.perf_counter()
        while 'aria-busy="true"' in client.get("/plan", headers=HTMX).text:
            time.sleep(0.02)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def demo_pages(report: Any) -> None:
    """Every page on the demo workspace, in-process (TestClient): the median of several
    requests (warm: served from the read-model cache where there is one) and of the first
    request after a write (cold), against the issue's budget (no page over 200 ms); then
    Today with the per-session read ledger off (every view appends its confidential reads
    to the audit chain) against on (once per session, day and item set)."""
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

        report.note(
            f"{PAGE_RUNS} runs per page after one warm-up; cold: median of {COLD_ROUNDS} "
            f"first requests after a write (a person added); budget {PAGE_BUDGET_MS:g} ms; "
            "/plan answers at once and computes the plan off the request path: plan_shown_ms "
            "is the time until a response holds it"
        )
        writer = App.open(url, now=demo.now, actor="claire")

        def write() -> None:
            from binome.app.items import add_person

            tag = uuid.uuid4().hex[:8]
            add_person(writer, name=f"Bench {tag}", email=f"bench-{tag}@example.com")

        for who in ("claire", "sophie"):
            client = login(who)
            for path in DEMO_PAGES:
                median, status = _median_ms(client, path, PAGE_RUNS)
                cold = _cold_ms(client, path, write, COLD_ROUNDS)
                ready = (
                    {"plan_shown_ms": round(_ready_ms(client, write, COLD_ROUNDS), 1)}
                    if path == "/plan"
                    else {}
                )
                report.row(
                    login=who,
                    page=path,
                    status=status,
                    median_ms=round(median, 1),
                    cold_ms=round(cold, 1),
                    under_200ms=median < PAGE_BUDGET_MS,
                    cold_under_200ms=cold < PAGE_BUDGET_MS,
                    **ready,
                )
        client = login("sophie")  # Apply on the plan just shown: written, not solved again
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/today").text)
        assert csrf is not None
        _ready_ms(client, write, 1)
        started = time.perf_counter()
        applied = client.post("/plan/apply", data={"csrf": csrf.group(1)}, headers=HTMX)
        apply_ms = (time.perf_counter() - started) * 1000
        report.row(
            login="sophie",
            page="POST /plan/apply (the plan shown)",
            status=applied.status_code,
            median_ms=round(apply_ms, 1),
            under_200ms=apply_ms < PAGE_BUDGET_MS,
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


LOAD_TARGETS = (
    ("Today page", "/today", "cookie"),
    ("/api/agenda?what=week", "/api/agenda?what=week", "token"),
    ("/api/radar", "/api/radar", "token"),
)
Target = tuple[str, str, dict[str, str]]


def _targets(base: str, cookie: str, token: str) -> list[Target]:
    auth = {"cookie": {"Cookie": cookie}, "token": {"Authorization": f"Bearer {token}"}}
    return [(name, f"{base}{path}", auth[kind]) for name, path, kind in LOAD_TARGETS]


def _load_rows(report: Any, load: Any, backend: str, ws: Workspace, targets: list[Target]) -> None:
    base = targets[0][1].split("/", 3)
    baseline: dict[int, float] = {}
    for connections in CONNECTIONS:
        healthz = load(f"{base[0]}//{base[2]}/healthz", {}, connections)
        baseline[connections] = healthz["rps"]
    for name, target, headers in targets:
        held: tuple[int, float] | None = None
        for connections in CONNECTIONS:
            result = load(target, headers, connections)
            if result["p99"] < P99_TARGET_MS and result["errors"] == 0:
                held = (connections, result["rps"])
            report.row(
                backend=backend,
                workspace=ws.label,
                target=name,
                conns=connections,
                rps=round(result["rps"], 1),
                p50_ms=round(result["p50"], 1),
                p95_ms=round(result["p95"], 1),
                p99_ms=round(result["p99"], 1),
                errors=result["errors"],
                vs_healthz=f"{result['rps'] / baseline[connections]:.2f}x",
                p99_under_100ms=result["p99"] < P99_TARGET_MS,
            )
        report.row(
            backend=backend,
            workspace=ws.label,
            target=f"{name}: held",
            conns=held[0] if held else "none",
            rps=round(held[1], 1) if held else 0,
            p99_under_100ms=held is not None,
        )


def _cold_warm(
    report: Any, backend: str, url: str, env: dict[str, str], ws: Workspace, targets: list[Target]
) -> None:
    """After a write by another process (a person added), the first request recomputes
    (cold); the next one is served from the read-model cache (warm)."""
    import httpx

    from binome.app.context import App
    from binome.app.items import add_person

    with key_file(env):
        writer = App.open(url, now=ws.now, actor=ws.login)
        with httpx.Client(timeout=30) as client:
            for name, target, headers in targets:
                cold, warm = [], []
                for _ in range(COLD_ROUNDS):
                    tag = uuid.uuid4().hex[:8]
                    add_person(writer, name=f"Bench {tag}", email=f"bench-{tag}@example.com")
                    for times in (cold, warm):
                        started = time.perf_counter()
                        client.get(target, headers=headers).raise_for_status()
                        times.append((time.perf_counter() - started) * 1000)
                report.row(
                    backend=backend,
                    workspace=ws.label,
                    target=name,
                    rounds=COLD_ROUNDS,
                    cold_median_ms=round(statistics.median(cold), 1),
                    cold_max_ms=round(max(cold), 1),
                    warm_median_ms=round(statistics.median(warm), 1),
                    warm_max_ms=round(max(warm), 1),
                )


def _one_backend(
    report: Any, load: Any, backend: str, url: str, ws: Workspace, env: dict[str, str]
) -> None:
    with serve(url, env, ws.now) as base:
        cookie, token = credentials(base, url, env, ws)
        targets = _targets(base, cookie, token)
        warm_up(targets)
        report.section(f"Load: {ws.label} workspace, {backend} (uvicorn, {WORKERS} worker)")
        _load_rows(report, load, backend, ws, targets)
        report.section(f"Cold (first request after a write) vs warm: {ws.label}, {backend}")
        _cold_warm(report, backend, url, env, ws, targets)


def run(report: Any) -> None:
    demo_pages(report)
    if os.environ.get("BINOME_BENCH_WEB_LOAD", "1") == "0":
        return
    tool = "wrk" if shutil.which("wrk") else "httpx asyncio loop (fallback: wrk not installed)"
    load = with_wrk if shutil.which("wrk") else with_httpx
    report.section("Web cockpit under load (127.0.0.1)")
    report.note(
        f"generator: {tool}; {CONNECTIONS} connections, {DURATION_S:g} s per target; "
        f"uvicorn {WORKERS} worker(s); held = highest tested connection count with "
        f"p99 < {P99_TARGET_MS:g} ms and no error; load average at start "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )
    report.note(
        "Today (a session) audits a session's confidential reads once a day; the API (a "
        "token) audits every one: an API request that shows a sealed item appends to the "
        "audit chain, a write, even when its data come from the read-model cache"
    )
    builders = (build_demo_workspace, build_generated_workspace)
    for build in builders:
        with databases() as backends:
            for backend, url, reason in backends:  # type: ignore[attr-defined]
                if url is None:
                    report.note(f"{backend}: skipped ({reason})")
                    continue
                key_dir = Path(tempfile.mkdtemp(prefix="binome-bench-key-"))
                try:
                    env = {"BINOME_SECRET_KEY_FILE": str(key_dir / "keys.json")}
                    started = time.perf_counter()
                    with key_file(env):
                        ws = build(url)
                    report.note(
                        f"{backend}: {ws.label} workspace built in "
                        f"{time.perf_counter() - started:.1f} s"
                    )
                    _one_backend(report, load, backend, url, ws, env)
                finally:
                    shutil.rmtree(key_dir, ignore_errors=True)


if __name__ == "__main__":
    standalone(run)
