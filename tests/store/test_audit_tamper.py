"""The audit chain names the first bad entry after each tampering done directly in the
database (SECURITY.md row 58): edit, delete, insert, reorder, truncate; SQLite and PostgreSQL.

The attacker here can write SQL but holds neither the key file nor a copy of the head: links
are HMACs keyed from the key file, so even rewriting the whole chain *and* its anchor in
``workspaces`` is caught at the first entry.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, select, text

from binome.store.audit import _link
from binome.store.tables import AuditRow
from tests.conftest import NOW, Cli


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def _chain(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str, list[dict[str, object]]]:
    """One workspace per backend with entries 1..6; its audit rows are kept to restore."""
    base = tmp_path_factory.mktemp("chain")
    if request.param == "sqlite":
        url = f"sqlite:///{base / 'binome.db'}"
    else:
        from tests.conftest import _fresh_pg_schema_url

        url = _fresh_pg_schema_url()
    keys = str(base / "keys.json")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BINOME_SECRET_KEY_FILE", keys)
        from binome.app.context import App
        from binome.app.items import add_person
        from binome.app.workspace import init_workspace

        init_workspace(
            App.open(url, now=NOW), principal="Claire", email="claire@example.fr", tz="UTC"
        )
        for i in range(5):
            add_person(App.open(url, now=NOW), name=f"P{i}", email=f"p{i}@example.com")
    engine = create_engine(url)
    with engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(AuditRow.__table__.select())]
    engine.dispose()
    return url, keys, rows  # the anchor is 6 / the hash of row 6, restored below


@pytest.fixture
def chain_cli(
    _chain: tuple[str, str, list[dict[str, object]]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    """A CLI on the seeded workspace, its audit table restored to the intact chain."""
    url, keys, rows = _chain
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", keys)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries"))
        conn.execute(AuditRow.__table__.insert(), rows)
        head = max(rows, key=lambda r: int(str(r["seq"])))
        conn.execute(
            text("UPDATE workspaces SET audit_head_seq = :seq, audit_head_hash = :hash"),
            {"seq": head["seq"], "hash": head["hash"]},
        )
    engine.dispose()
    return Cli(url, capsys)


def _sql(cli: Cli, *statements: str, **params: object) -> None:
    engine = create_engine(cli.db)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)
    engine.dispose()


def _verify(cli: Cli) -> tuple[int, str, dict[str, object]]:
    human = cli("audit", "verify")
    data = cli("audit", "verify", "--json")
    payload = data.stdout[: data.stdout.rindex("}") + 1]
    import json

    return human.exit_code, human.stderr, json.loads(payload)


def edit_a_row(cli: Cli) -> int:
    _sql(cli, "UPDATE audit_entries SET actor = 'mallory' WHERE seq = 3")
    return 3


def delete_a_row(cli: Cli) -> int:
    _sql(cli, "DELETE FROM audit_entries WHERE seq = 4")
    return 4


def insert_a_forged_row_at_the_end(cli: Cli) -> int:
    engine = create_engine(cli.db)
    with engine.begin() as conn:
        ws, prev = conn.execute(
            text("SELECT workspace_id, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")
        ).one()
    engine.dispose()
    at = NOW.replace(tzinfo=None)
    forged = _link(prev, 7, at, "mallory", "user.create", "user", "9", "0" * 64)
    _sql(
        cli,
        "INSERT INTO audit_entries (workspace_id, seq, at, actor, action, object_type, "
        "object_id, digest, prev_hash, hash) VALUES (:ws, 7, :at, 'mallory', 'user.create', "
        "'user', '9', :digest, :prev, :hash)",
        ws=ws,
        at=at,
        digest="0" * 64,
        prev=prev,
        hash=forged,
    )
    return 7


def insert_a_row_in_the_middle(cli: Cli) -> int:
    _sql(
        cli,
        "UPDATE audit_entries SET seq = seq + 100 WHERE seq >= 3",
        "UPDATE audit_entries SET seq = seq - 99 WHERE seq >= 103",
        "INSERT INTO audit_entries (workspace_id, seq, at, actor, action, object_type, "
        "object_id, digest, prev_hash, hash) SELECT workspace_id, 3, at, 'mallory', action, "
        "object_type, object_id, digest, hash, hash FROM audit_entries WHERE seq = 2",
    )
    return 3


def reorder_two_rows(cli: Cli) -> int:
    _sql(
        cli,
        "UPDATE audit_entries SET seq = -1 WHERE seq = 2",
        "UPDATE audit_entries SET seq = 2 WHERE seq = 5",
        "UPDATE audit_entries SET seq = 5 WHERE seq = -1",
    )
    return 2


def truncate_the_tail(cli: Cli) -> int:
    _sql(cli, "DELETE FROM audit_entries WHERE seq >= 5")
    return 5


def rewrite_the_whole_chain_and_its_anchor(cli: Cli) -> int:
    """Someone with SQL access but not the key file recomputes every link (dropping entry 4)
    and moves the anchor: the links are keyed, so the very first one no longer holds."""
    engine = create_engine(cli.db)
    with engine.begin() as conn:
        table = AuditRow.__table__
        c = table.c
        rows = conn.execute(
            select(
                c.seq, c.at, c.actor, c.action, c.object_type, c.object_id, c.digest,
                c.workspace_id,
            ).where(c.seq != 4).order_by(c.seq)
        ).all()  # fmt: skip
        conn.execute(text("DELETE FROM audit_entries"))
        prev = "0" * 64
        for new_seq, row in enumerate(rows, start=1):
            link = _link(prev, new_seq, row.at, *row[2:7])
            conn.execute(
                text(
                    "INSERT INTO audit_entries (workspace_id, seq, at, actor, action, "
                    "object_type, object_id, digest, prev_hash, hash) VALUES (:ws, :seq, :at, "
                    ":actor, :action, :ot, :oid, :digest, :prev, :hash)"
                ),
                {"ws": row.workspace_id, "seq": new_seq, "at": row.at, "actor": row.actor,
                 "action": row.action, "ot": row.object_type, "oid": row.object_id,
                 "digest": row.digest, "prev": prev, "hash": link},
            )  # fmt: skip
            prev = link
        conn.execute(
            text("UPDATE workspaces SET audit_head_seq = :seq, audit_head_hash = :hash"),
            {"seq": len(rows), "hash": prev},
        )
    engine.dispose()
    return 1


TAMPERINGS = [
    edit_a_row,
    delete_a_row,
    insert_a_forged_row_at_the_end,
    insert_a_row_in_the_middle,
    reorder_two_rows,
    truncate_the_tail,
    rewrite_the_whole_chain_and_its_anchor,
]


@pytest.mark.parametrize("tamper", TAMPERINGS, ids=lambda f: f.__name__)
def test_audit_verify_names_the_first_bad_entry_after_a_tampering(
    chain_cli: Cli, tamper: Callable[[Cli], int]
) -> None:
    expected = tamper(chain_cli)
    code, stderr, data = _verify(chain_cli)
    assert code == 1
    assert data["ok"] is False
    assert data["first_bad_seq"] == expected
    assert f" {expected} " in stderr
    assert stderr.count("\n") == 1


def test_an_untouched_chain_verifies_and_lists_in_utc_without_content(chain_cli: Cli) -> None:
    workspace_cli = chain_cli
    code, _, data = _verify(workspace_cli)
    assert code == 0
    assert data == {"ok": True, "checked": 6, "first_bad_seq": None, "problem": None}
    rows = workspace_cli("audit", "--json").json()
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert all(r["at"].endswith("Z") for r in rows)
    assert "P1" not in workspace_cli("audit", "--json").stdout  # digests, never content
