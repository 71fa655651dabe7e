"""Costs of confidentiality and trust: sealing, the audit chain, key rotation, search, argon2.

Run standalone with ``python -m bench.trust`` (prints tables) or through ``make bench``
(``run(report)``). Workloads are seeded; each figure is the median of several runs with
``time.perf_counter``; ratios are against the plain baseline named in each section. SQLite
in a temporary directory (``synchronous=FULL``, WAL), so absolute numbers depend on the disk.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._timing import ReportLike, median_s, standalone

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
RUNS = 5


def _workspace(base: Path, items: int, seed: int = 42) -> str:
    """A workspace with ``items`` tasks, half of them sealed (confidential or secret)."""
    os.environ["BINOME_SECRET_KEY_FILE"] = str(base / "keys.json")
    from binome.app.context import App
    from binome.app.uow import unit_of_work
    from binome.app.users import add_user
    from binome.app.workspace import init_workspace
    from binome.domain.model import Classification, Role, Task

    url = f"sqlite:///{base / 'bench.db'}"
    init_workspace(
        App.open(url, now=NOW), principal="Claire", email="c@x.fr", tz="UTC", login="claire"
    )
    rng = random.Random(seed)
    levels = list(Classification)
    with unit_of_work(App.open(url, now=NOW)) as uow:
        for i in range(items):
            uow.repos.add_task(
                Task(
                    title=f"Dossier {rng.randrange(10**6)} {'budget' if i % 10 == 0 else 'suivi'}",
                    description="notes " * rng.randrange(1, 30),
                    estimate=timedelta(minutes=30 * rng.randrange(1, 6)),
                    classification=levels[i % 4],
                    created_at=NOW,
                ),
                now=NOW,
            )
    add_user(App.open(url, now=NOW), name="bob", email="b@x.fr", role=Role.BACKUP)
    return url


def bench_sealing(report: ReportLike) -> None:
    from binome.domain.model import Classification
    from binome.store.codec import Codec
    from binome.store.crypto import Keyring, WorkspaceKeys

    report.section("Sealing one event's text (AES-256-GCM) vs clear JSON")
    ring = Keyring(path=None)
    ring.workspaces["ws"] = WorkspaceKeys(current="k1", keys={"k1": os.urandom(32)})
    codec = Codec(ring, "ws")
    data = {"title": "Comité stratégique", "location": "Salle 4", "description": "x" * 400}
    n = 2000
    results = {}
    for level in (Classification.INTERNAL, Classification.SECRET):
        packed = codec.pack("events", level, data)
        pack_s = median_s(lambda lv=level: [codec.pack("events", lv, data) for _ in range(n)], RUNS)
        open_s = median_s(lambda p=packed: [codec.unpack("events", p) for _ in range(n)], RUNS)
        results[level] = (pack_s / n * 1e6, open_s / n * 1e6)
    base_pack, base_open = results[Classification.INTERNAL]
    for level, (pack_us, open_us) in results.items():
        report.row(
            classification=level.value,
            pack_us=round(pack_us, 1),
            open_us=round(open_us, 1),
            pack_ratio=round(pack_us / base_pack, 2),
            open_ratio=round(open_us / base_open, 2),
        )


def bench_audit(report: ReportLike, base: Path) -> None:
    from sqlalchemy.orm import Session

    from binome.app.context import App
    from binome.store import audit
    from binome.store.tables import AuditRow, WorkspaceRow

    report.section(
        "Audit chain (HMAC-SHA256 links): append and verify (baseline: same rows, no chain)"
    )
    url = _workspace(base / "audit", 0)
    app = App.open(url, now=NOW)
    audit_key = app.keyring.audit_key(_uuid(app))  # HMAC-SHA256 links, as in a real workspace
    n = 5000
    with Session(app.engine) as session, session.begin():
        start = time.perf_counter()
        for i in range(n):  # baseline: the same rows, no chain (constant hashes)
            session.add(
                AuditRow(
                    workspace_id=1, seq=10**6 + i, at=NOW.replace(tzinfo=None), actor="claire",
                    action="task.create", object_type="task", object_id=str(i),
                    digest="0" * 64, prev_hash="0" * 64, hash="0" * 64,
                )
            )  # fmt: skip
        session.flush()
        plain_us = (time.perf_counter() - start) / n * 1e6
        session.rollback()
    with Session(app.engine) as session, session.begin():
        ws = session.get(WorkspaceRow, 1)
        assert ws is not None
        start = time.perf_counter()
        for i in range(n):
            audit.append(
                session, ws, at=NOW, actor="claire", action="task.create",
                object_type="task", object_id=str(i), digest=audit.digest_of({"i": i}),
                key=audit_key,
            )  # fmt: skip
        session.flush()
        append_us = (time.perf_counter() - start) / n * 1e6
    with Session(app.engine) as session:
        ws = session.get(WorkspaceRow, 1)
        assert ws is not None
        verify_s = median_s(lambda: audit.verify(session, ws, audit_key), 3)
        verdict = audit.verify(session, ws, audit_key)
    hash_us = median_s(lambda: [audit.digest_of({"i": i}) for i in range(n)], RUNS) / n * 1e6
    report.row(
        entries=verdict.checked,
        plain_insert_us=round(plain_us, 1),
        append_us_per_entry=round(append_us, 1),
        append_ratio=round(append_us / plain_us, 2),
        digest_only_us=round(hash_us, 1),
        verify_ms=round(verify_s * 1e3, 1),
        verify_us_per_entry=round(verify_s / verdict.checked * 1e6, 1),
        projected_1m_entries_s=round(verify_s / verdict.checked * 1e6, 1),
    )
    report.note("projected_1m_entries_s: verify time for 1M entries at the measured rate.")


def _uuid(app: Any) -> str:
    from sqlalchemy.orm import Session

    from binome.store.tables import WorkspaceRow

    with Session(app.engine) as session:
        ws = session.get(WorkspaceRow, 1)
        assert ws is not None
        return ws.uuid


def bench_rotation_and_search(report: ReportLike, base: Path) -> None:
    from binome.app.context import App
    from binome.app.items import list_tasks
    from binome.app.keys import rotate_key
    from binome.app.search import search

    report.section("Key rotation: re-seal every sealed row in one transaction")
    for items in (500, 2000):
        url = _workspace(base / f"rot{items}", items)
        elapsed = median_s(lambda u=url: rotate_key(App.open(u, now=NOW)), 3)
        sealed = items // 2
        report.row(
            items=items,
            sealed_rows=sealed,
            seconds=round(elapsed, 3),
            rows_per_s=round(sealed / elapsed),
        )
    report.section("Search over 2000 tasks vs listing them (baseline: task list)")
    url = _workspace(base / "search", 2000)
    for who in ("claire", "bob"):
        app = App.open(url, actor=who, now=NOW)
        listing = median_s(lambda a=app: list_tasks(a), RUNS)
        found = median_s(lambda a=app: search(a, "budget", limit=500), RUNS)
        report.row(
            reader=who,
            hits=len(search(app, "budget", limit=500)),
            list_ms=round(listing * 1e3, 1),
            search_ms=round(found * 1e3, 1),
            ratio=round(found / listing, 2),
        )
    report.note("bob (backup) reads only public/internal items: sealed rows are never opened.")


def bench_argon2(report: ReportLike) -> None:
    from binome.app.users import password_hasher

    report.section("Password hashing (argon2id t=3, m=64 MiB, p=4)")
    hasher = password_hasher()
    stored = hasher.hash("correct horse battery staple")
    report.row(
        hash_ms=round(median_s(lambda: hasher.hash("correct horse battery staple"), RUNS) * 1e3),
        verify_ms=round(
            median_s(lambda: hasher.verify(stored, "correct horse battery staple"), RUNS) * 1e3
        ),
    )


def run(report: ReportLike) -> None:
    saved = os.environ.get("BINOME_SECRET_KEY_FILE")
    with tempfile.TemporaryDirectory(prefix="binome-bench-") as tmp:
        base = Path(tmp)
        for sub in ("audit", "rot500", "rot2000", "search"):
            (base / sub).mkdir()
        try:
            bench_sealing(report)
            bench_audit(report, base)
            bench_rotation_and_search(report, base)
            bench_argon2(report)
        finally:
            if saved is None:
                os.environ.pop("BINOME_SECRET_KEY_FILE", None)
            else:
                os.environ["BINOME_SECRET_KEY_FILE"] = saved


if __name__ == "__main__":
    standalone(run)
