"""Every sentence of priorities and plans has its French, and messages survive JSON."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta
from pathlib import Path

from binome.app.wording import FR, say, say_json
from binome.domain.text import Message
from binome.domain.timing import zone
from binome.engine.planner.messages_fr import FR as ENGINE_FR
from binome.engine.radar.messages_fr import FR as RADAR_FR

SRC = Path(__file__).resolve().parents[2] / "src" / "binome"
MODULES = [
    "app/priorities.py",
    "app/planning.py",
    "app/changes.py",
    "app/plan_view.py",
    "app/free_time.py",
    "cli/plan_cmd.py",
]


def literal_msgids(path: Path) -> set[str]:
    """First-argument string literals of ``N_(...)`` and ``say(...)`` calls."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"N_", "say"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_every_msgid_of_priorities_and_plans_has_its_french() -> None:
    msgids = set().union(*(literal_msgids(SRC / m) for m in MODULES))
    known = {*FR, *ENGINE_FR, *RADAR_FR}  # app/changes.py carries out radar and plan changes
    assert sorted(m for m in msgids if m not in known and m) == []


def test_the_french_keeps_every_placeholder() -> None:
    for msgid, french in FR.items():
        assert sorted(ast.literal_eval(repr(msgid)).count(c) for c in "{}") == sorted(
            french.count(c) for c in "{}"
        ), msgid


def test_a_message_with_an_instant_and_a_duration_survives_json() -> None:
    paris = zone("Europe/Paris")
    message = Message.of(
        "Frees {freed} before the due date.",
        freed=timedelta(minutes=90),
    )
    stored = message.as_json()
    assert stored == {"msgid": "Frees {freed} before the due date.", "params": {"freed": "PT90M"}}
    assert say_json(stored, "fr", paris) == say(message, "fr", paris)
    due = Message.of("Overdue since {due}.", due=datetime(2026, 12, 3, 9, tzinfo=paris))
    assert say_json(due.as_json(), "en", paris) == "Overdue since Thursday 3 December 09:00."
