"""Fixtures shared by every test layer.

Time budgets in tests are asserted on CPU time (``time.process_time``): SECURITY.md states
them in CPU-seconds, and wall time on a shared CI runner measures the neighbours.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    """The shared .ics corpus: ``$BINOME_SHARED/fixtures/ics``, else ``../shared`` beside the
    repository (``/work/shared`` when the repo is ``/work/main``). Skips when absent
    locally; fails on CI, where the corpus must be present."""
    base = Path(os.environ.get("BINOME_SHARED", REPO / ".." / "shared"))
    folder = base / "fixtures" / "ics"
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared fixtures missing at {folder} (set BINOME_SHARED)")
        pytest.skip(f"shared fixtures not found at {folder}; set BINOME_SHARED to run")
    return folder
