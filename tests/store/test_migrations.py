"""The schema's life cycle on both databases: init reaches head, an old database is upgraded
in place without loss, a newer one is refused, and the models match the migrations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, MetaData, Table, text
from sqlalchemy.orm import Session
from sqlalchemy.types import Boolean, DateTime, Integer, LargeBinary

from binome.store.db import make_engine
from binome.store.schema import current_revision, head_revision, known_revisions, upgrade
from binome.store.tables import Base, PersonRow
from tests.conftest import NOW, Cli

WHEN = datetime(2026, 11, 1, 9, 0)


def _filler(column: Any) -> Any:
    """A value for a NOT NULL column the test does not care about."""
    if isinstance(column.type, Boolean):
        return False
    if isinstance(column.type, Integer):
        return 1 if column.name == "version" else 0
    if isinstance(column.type, DateTime):
        return WHEN
    if isinstance(column.type, LargeBinary):
        return b""
    return "[]" if column.name in ("rdates", "exdates", "nicknames", "depends_on") else ""


def _insert(engine: Engine, table: str, **values: Any) -> None:
    """Insert one row by plain SQL into the table as the database has it (reflected)."""
    with engine.begin() as conn:
        reflected = Table(table, MetaData(), autoload_with=conn)
        row = {
            c.name: _filler(c)
            for c in reflected.columns
            if not c.nullable and not c.primary_key and c.name not in values
        }
        conn.execute(reflected.insert().values(**row, **values))


ADDED_LATER = ("occurrence_horizon_utc", "data_version")  # columns of 0002 and 0003
# The first read builds the occurrence index (derived from events), which records its
# horizon on the workspace row and so moves that row's optimistic-lock version.
DERIVED = {"workspaces": ("version",)}


def _snapshot(engine: Engine, tables: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in tables:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
            left_out = (*ADDED_LATER, *DERIVED.get(table, ()))
            out[table] = [{k: v for k, v in r.items() if k not in left_out} for r in rows]
    return out


def _seed_0001(engine: Engine) -> None:
    _insert(engine, "workspaces", id=1, uuid="0" * 36, name="Claire", tz="Europe/Paris",
            lang="fr", profile="{}", created_at=WHEN)  # fmt: skip
    _insert(engine, "people", id=1, workspace_id=1, name="Claire Martin",
            email="claire@example.fr", tz="Europe/Paris")  # fmt: skip
    _insert(engine, "people", id=2, workspace_id=1, name="John Smith",
            email="john@example.com", tz="America/New_York")  # fmt: skip
    _insert(engine, "users", id=1, workspace_id=1, person_id=1, name="claire",
            email="claire@example.fr", role="principal", clearance="secret",
            active=True, created_at=WHEN)  # fmt: skip
    with engine.begin() as conn:
        conn.execute(text("UPDATE workspaces SET principal_user_id = 1"))
    for i, title in enumerate(("Board", "Lunch with John", "Budget review"), start=1):
        start = datetime(2026, 12, 3, 8 + 2 * i, 0)
        _insert(engine, "events", id=i, workspace_id=1, calendar="default", timing="timed",
                start_utc=start, end_utc=start.replace(hour=start.hour + 1),
                range_end_utc=start.replace(hour=start.hour + 1), tzid="Europe/Paris",
                classification="internal", status="confirmed", kind="meeting",
                source="local", data=f'{{"title": "{title}"}}', created_at=WHEN,
                updated_at=WHEN)  # fmt: skip


def test_revision_file_names_agree_with_alembic_s_own_history() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from binome.store.schema import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    ordered = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert list(known_revisions()) == ordered
    assert script.get_current_head() == head_revision() == "0006"


def test_a_fresh_init_reaches_the_newest_revision(workspace_cli: Cli) -> None:
    assert current_revision(make_engine(workspace_cli.db)) == head_revision()


def _upgraded_by_the_next_command(cli: Cli, revision: str) -> tuple[Engine, Any]:
    """A database at ``revision`` with 0001's rows, then a read command: it must upgrade
    the schema to head without changing a row. Returns the engine and the agenda."""
    engine = make_engine(cli.db)
    upgrade(engine, revision)
    _seed_0001(engine)
    tables = ("workspaces", "people", "users", "events")
    before = _snapshot(engine, tables)

    agenda = cli("agenda", "2026-12-03", "--json", "--now", NOW.isoformat())

    assert agenda.exit_code == 0, agenda.stderr
    assert current_revision(engine) == head_revision()
    assert _snapshot(engine, tables) == before
    return engine, agenda.json()


def test_a_0001_database_is_upgraded_by_the_next_command_without_loss(cli: Cli) -> None:
    _, agenda = _upgraded_by_the_next_command(cli, "0001")
    titles = [item["title"] for item in agenda["items"]]
    assert titles == ["Board", "Lunch with John", "Budget review"]
    people = cli("person", "list", "--json").json()
    assert {p["email"] for p in people} == {"claire@example.fr", "john@example.com"}


def _data_versions(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT data_version FROM workspaces")).scalars())


def test_a_0002_database_gains_a_data_version_that_reads_leave_alone(cli: Cli) -> None:
    engine, _ = _upgraded_by_the_next_command(cli, "0002")
    assert _data_versions(engine) == [1]  # upgraded rows start at 1; a read moves nothing
    with Session(engine) as session, session.begin():  # any ORM write path counts
        person = session.get(PersonRow, 2)
        assert person is not None
        person.name = "John Smith Jr"
    assert _data_versions(engine) == [2]


def test_a_database_from_a_newer_binome_is_refused_with_a_clear_message(cli: Cli) -> None:
    engine = make_engine(cli.db)
    upgrade(engine)
    _seed_0001(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))

    result = cli("agenda", "today", "--lang", "en")

    assert result.exit_code == 1
    assert result.stderr == (
        "error: This database was written by a newer binome (schema 0999); upgrade binome.\n"
    )
    assert current_revision(engine) == "0999"


def test_a_database_binome_never_wrote_asks_for_init(cli: Cli) -> None:
    result = cli("agenda", "today", "--lang", "en")
    assert result.exit_code == 1
    assert "binome init" in result.stderr
    assert "Traceback" not in result.stderr


def test_autogenerate_finds_no_difference_between_models_and_migrations(
    database_url: str,
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_series_overrides_are_found_through_the_series_index(tmp_path: Any) -> None:
    """``workspace_id = ? AND series_id = ?`` (every re-index of a series) must not scan
    the workspace's events: that made import time grow with the square of its size
    (migration 0005: on a database built by 0001-0004 the planner took
    ``ix_events_workspace_id``). Checked on SQLite's plan, down and up again."""
    from sqlalchemy import select

    from binome.store.tables import EventRow
    from tests.conftest import downgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    upgrade(engine)
    query = select(EventRow.id).where(EventRow.workspace_id == 1, EventRow.series_id == 5)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))

    def plan() -> str:
        with engine.connect() as conn:
            return " ".join(str(r[3]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))

    assert "ix_events_series (series_id=? AND workspace_id=?)" in plan()
    downgrade(engine, "0004")  # one equality each: the planner's choice depends on the
    assert "(series_id=? AND workspace_id=?)" not in plan()  # schema's history
    upgrade(engine)
    assert "ix_events_series (series_id=? AND workspace_id=?)" in plan()
