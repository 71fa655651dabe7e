"""Where the database is: ``--db``, else ``BINOME_DATABASE_URL``, else the default file.

Kept apart from ``store/db.py`` so that resolving the location imports no SQLAlchemy: the
lean ``binome agenda`` path (``store/lite.py``) opens a SQLite file with the stdlib driver.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "binome"
_SQLITE = "sqlite:///"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_url(value: str | None) -> str:
    """``--db`` value, else ``BINOME_DATABASE_URL``, else the default SQLite file."""
    raw = value or os.environ.get("BINOME_DATABASE_URL") or ""
    if not raw:
        return f"{_SQLITE}{default_data_dir() / 'binome.db'}"
    if "://" not in raw:
        return f"{_SQLITE}{Path(raw).expanduser().resolve()}"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    return raw


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain ``sqlite:///PATH`` URL; None for anything else (PostgreSQL,
    ``:memory:``, a driver name, query parameters or characters a URL parser would decode),
    which ``store/db.sqlite_path`` handles with SQLAlchemy's own parser."""
    if not url.startswith(_SQLITE):
        return None
    path = url[len(_SQLITE) :]
    if not path or path == ":memory:" or any(ch in path for ch in "?#%@"):
        return None
    return Path(path)
