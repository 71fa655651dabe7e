"""Create or upgrade a database to the newest schema, with Alembic, in one transaction.

``binome init`` and every command that opens a database call ``ensure_current``: a newer
binome upgrades an older database in place, without loss; a database newer than the code is
refused (downgrading code must not corrupt data).

Speed: every command calls ``ensure_current``, and importing Alembic costs ~60 ms. So the
known revisions are read from the *file names* in ``migrations/versions`` (``NNNN_slug.py``,
revision ``"NNNN"``, each revising the one before; ``tests/store/test_migrations.py`` checks
this matches Alembic's own view) and compared with the stored revision by one query. Alembic is
imported only when there is something to migrate.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from binome.domain.errors import N_, Unavailable

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def _config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def known_revisions() -> tuple[str, ...]:
    """Revision ids in order, from the migration file names (no Alembic import)."""
    names = (p.name for p in (MIGRATIONS / "versions").iterdir())
    return tuple(sorted(m[1] for n in names if (m := _REVISION_FILE.match(n))))


def head_revision() -> str:
    """The newest revision this code knows."""
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for a database binome never wrote."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        try:
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        except Exception:
            conn.rollback()
            if inspect(conn).has_table("alembic_version"):
                raise
            return None
        return None if row is None else str(row[0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` (default: newest) in one transaction."""
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def ensure_current(engine: Engine) -> None:
    """Upgrade an older schema; refuse a missing or newer one with a clear message."""
    current = current_revision(engine)
    if current is None:
        raise Unavailable(
            N_("No binome database here yet: run `binome init` (or `binome demo`) first.")
        )
    if current == head_revision():
        return
    if current not in known_revisions():
        raise Unavailable(
            N_("This database was written by a newer binome (schema {rev}); upgrade binome."),
            rev=current,
        )
    upgrade(engine)
