"""Requests written after the rules, not taken from the fixtures: a held-out check.

The fixture accuracy is measured on the set the rules were written against; these
paraphrases guard against rules that only fit those sentences.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from binome.engine.understand import interpret, render_restatement

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.mark.parametrize(
    ("text", "intent", "people", "start", "end"),
    [
        (
            "Trouve-moi un créneau avec Hélène mardi prochain vers 15h",
            "schedule_meeting",
            ["Hélène"],
            "12-01T15:00",
            None,
        ),
        (
            "Peux-tu organiser un dîner avec les associés vendredi soir ?",
            "schedule_meeting",
            ["associés"],
            "11-27T18:00",
            "11-27T22:00",
        ),
        (
            "Prévois une réunion de deux heures avec le comité d'audit la semaine du 14 décembre",
            "schedule_meeting",
            ["comité d'audit"],
            "12-14T00:00",
            "12-19T00:00",
        ),
        (
            "Book lunch with Sarah on Monday",
            "schedule_meeting",
            ["Sarah"],
            "11-30T12:00",
            "11-30T14:00",
        ),
        (
            "Call with the Tokyo team tomorrow at 9am Tokyo time",
            "schedule_meeting",
            ["Tokyo team"],
            "11-27T01:00",
            None,
        ),
        (
            "Reschedule my meeting with Tom to next Wednesday afternoon",
            "move_event",
            ["Tom"],
            "12-02T14:00",
            "12-02T18:00",
        ),
        ("Décale le point avec Marc à lundi 14h", "move_event", ["Marc"], "11-30T14:00", None),
        ("Remind me tomorrow at 8am to call the bank", "remind", ["bank"], "11-27T08:00", None),
        ("Rappelle-moi dans une heure de rappeler Julie", "remind", ["Julie"], "11-26T10:00", None),
        ("What's on my calendar this afternoon?", "ask_info", [], "11-26T14:00", "11-26T18:00"),
        (
            "Est-ce que j'ai quelque chose jeudi prochain ?",
            "ask_info",
            [],
            "12-03T00:00",
            "12-04T00:00",
        ),
        (
            "Bloque-moi une heure demain matin pour lire les dossiers",
            "block_time",
            [],
            "11-27T08:00",
            "11-27T12:00",
        ),
        (
            "Organise un point avec l'équipe tous les lundis à 9h",
            "schedule_meeting",
            ["équipe"],
            "11-30T09:00",
            None,
        ),
        (
            "Could you set up a 1:1 with Jordan every Tuesday at 4pm?",
            "schedule_meeting",
            ["Jordan"],
            "12-01T16:00",
            None,
        ),
        (
            "Find 30 minutes with Ahmed before Wednesday",
            "schedule_meeting",
            ["Ahmed"],
            "11-26T09:00",
            "12-02T00:00",
        ),
    ],
)
def test_paraphrases_not_in_the_fixtures_are_understood(
    text: str, intent: str, people: list[str], start: str, end: str | None
) -> None:
    got = interpret(text, now=NOW, tz="Europe/Paris").interpretation
    assert got["intent"] == intent
    assert got["participants"] == people
    assert got["when"]["start"][5:16] == start
    got_end = (got["when"]["end"] or "")[5:16] or None
    assert got_end == end


def test_tasks_and_shifts_written_freely_are_understood() -> None:
    task = interpret("Je dois rendre le rapport avant le 15 décembre", now=NOW, tz="Europe/Paris")
    assert task.interpretation["intent"] == "add_task"
    assert task.interpretation["deadline"] == "2026-12-15T00:00:00+01:00"
    earlier = interpret("Avance la réunion de demain de 30 minutes", now=NOW, tz="Europe/Paris")
    assert earlier.interpretation["shift_minutes"] == -30
    assert render_restatement(earlier) == (
        "Vous souhaitez déplacer la réunion du vendredi 27 novembre de 30 minutes plus tôt."
    )
