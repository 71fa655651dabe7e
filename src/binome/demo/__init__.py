"""Data of the demo workspace (``workspace.toml``), read by ``binome.app.demo``.

Kept as data rather than code so the story (people, meetings, tasks, promises) can be
edited without touching the builder; every dated item is relative to the demo's "today".
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def load() -> dict[str, Any]:
    """The parsed ``workspace.toml`` shipped with the package."""
    text = resources.files(__name__).joinpath("workspace.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
