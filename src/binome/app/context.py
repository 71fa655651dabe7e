"""The composition root: one ``App`` wires the database, the keys, the clock and the actor.

The CLI, the web app and the tests all build an ``App`` (``App.open``) and call use cases
with it. Time comes only from ``app.clock`` (``--now`` pins it), randomness only from
``app.random`` (seeded), so every use case is reproducible in tests.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from binome.app.read_once import ReadScope
from binome.store.crypto import Keyring, key_file_for
from binome.store.location import default_data_dir, resolve_url

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from binome.app.read_cache import ReadCache  # imports SQLAlchemy: not on the lean path


@dataclass(frozen=True, slots=True)
class Clock:
    """Current instant, injectable. ``Clock.fixed(dt)`` pins it (``--now``)."""

    source: Callable[[], datetime]

    def now(self) -> datetime:
        value = self.source()
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    @classmethod
    def system(cls) -> Clock:
        return cls(lambda: datetime.now(UTC))

    @classmethod
    def fixed(cls, instant: datetime) -> Clock:
        return cls(lambda: instant)


@dataclass
class App:
    url: str
    engine: Engine
    keyring: Keyring
    clock: Clock
    actor_name: str | None = None
    workspace_name: str | None = None
    lang: str | None = None
    random: random.Random = field(default_factory=lambda: random.Random(0))
    # Set by the web app per login session: repeated confidential reads are audited once
    # per session per day per item set (``app.read_once``). None: every read is audited.
    read_scope: ReadScope | None = None
    # Set by the web app: expensive read models (radar, Today, plan) computed once per data
    # version, reader and minute (``app.read_cache``). None: every read computes.
    read_cache: ReadCache | None = None

    @classmethod
    def open(
        cls,
        db: str | None = None,
        *,
        actor: str | None = None,
        workspace: str | None = None,
        now: datetime | None = None,
        lang: str | None = None,
        seed: int = 0,
    ) -> App:
        from binome.store.db import make_engine, sqlite_path

        url = resolve_url(db)
        engine = make_engine(url)
        keyring = Keyring.load(key_file_for(url, sqlite_path(url), default_data_dir))
        clock = Clock.fixed(now) if now is not None else Clock.system()
        return cls(
            url=url,
            engine=engine,
            keyring=keyring,
            clock=clock,
            actor_name=actor,
            workspace_name=workspace,
            lang=lang,
            random=random.Random(seed),
        )

    @property
    def key_path(self) -> Path | None:
        return self.keyring.path
