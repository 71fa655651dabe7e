"""The radar on the demo workspace (Claire Martin, 26 November 2026): a realistic set of
risks, each with a fix that applies cleanly and never makes things worse."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from binome.app.context import App
from binome.app.radar import apply_proposal, run_radar
from tests.app.test_demo import build


@pytest.fixture
def demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(tmp_path / "keys.json"))
    app, _ = build(f"sqlite:///{tmp_path / 'demo.db'}")
    return app


def test_the_demo_morning_shows_the_risks_its_story_holds(demo_app: App) -> None:
    risks = run_radar(demo_app)["risks"]
    kinds = Counter(r["kind"] for r in risks)
    assert 10 <= len(risks) <= 35
    assert {"commitment_overdue", "deadline_at_risk", "overload", "no_preparation",
            "outside_hours", "priority_drift"} <= set(kinds)  # fmt: skip
    assert kinds["double_booking"] == 0  # Claire's assistant keeps her calendar clean
    assert risks[0]["severity"] == 4
    assert all(1 <= len(r["proposals"]) <= 3 for r in risks)
    karim = next(r for r in risks if r["kind"] == "outside_hours" and "Karim" in r["explanation"])
    assert "Comité de direction" in karim["explanation"]  # he starts at 9:30, the comex at 9:00


def test_every_best_fix_of_the_demo_applies_and_nothing_gets_worse(demo_app: App) -> None:
    first = run_radar(demo_app)["risks"]
    for risk in first:
        current = {v["id"]: v for v in run_radar(demo_app)["risks"]}
        if risk["id"] not in current:
            continue
        apply_proposal(demo_app, current[risk["id"]]["proposals"][0]["id"])
        after = run_radar(demo_app)["risks"]
        assert risk["id"] not in {v["id"] for v in after}
        new = [v for v in after if v["id"] not in current]
        assert all(v["severity"] <= risk["severity"] for v in new), new
