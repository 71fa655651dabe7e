"""Create or upgrade a database to the newest schema, with Alembic, in one transaction.

``binome init`` and every command that opens a database call ``ensure_current``: a newer
binome upgrades an older database in place, without loss; a database newer than the code is
refused (downgrading code must not corrupt data).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect

from binome.domain.errors import N_, Unavailable

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(engine: Engine) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config_for_scripts())  # type: ignore[arg-type]
    head = script.get_current_head()
    assert head is not None
    return head


def _config_for_scripts() -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return None if row is None else str(row[0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` (default: newest) in one transaction."""
    from alembic import command

    cfg = _config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.upgrade(cfg, revision)  # type: ignore[arg-type]


def ensure_current(engine: Engine) -> None:
    """Upgrade an older schema; refuse a missing or newer one with a clear message."""
    current = current_revision(engine)
    if current is None:
        raise Unavailable(
            N_("No binome database here yet: run `binome init` (or `binome demo`) first.")
        )
    head = head_revision()
    if current == head:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config_for_scripts())  # type: ignore[arg-type]
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise Unavailable(
            N_("This database was written by a newer binome (schema {rev}); upgrade binome."),
            rev=current,
        )
    upgrade(engine)
