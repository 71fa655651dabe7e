"""The time language of issue 8, one phrase per test, resolved on Thursday 26 Nov 2026 09:00.

Expected values follow SCHEMA.md's "Resolution conventions" (working hours 09–18 for a
day to schedule in, dayparts, week ranges, deadlines at 00:00 "before", 18:00 "by").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.engine.understand import duration_minutes, interpret

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)


def read(text: str) -> dict[str, Any]:
    return interpret(text, now=NOW, tz="Europe/Paris").interpretation


def window(text: str) -> tuple[str, str | None]:
    when = read(text)["when"]
    assert when is not None, text
    return when["start"][:16], (when["end"] or "")[:16] or None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Organise une réunion demain", "2026-11-27T09:00", "2026-11-27T18:00"),
        ("Organise une réunion après-demain", "2026-11-28T00:00", "2026-11-29T00:00"),
        ("Organise une réunion lundi prochain", "2026-11-30T09:00", "2026-11-30T18:00"),
        ("Organise une réunion jeudi en huit", "2026-12-03T09:00", "2026-12-03T18:00"),
        ("Organise une réunion mardi en huit", "2026-12-08T09:00", "2026-12-08T18:00"),
        ("Organise une réunion dans 3 jours", "2026-11-29T00:00", "2026-11-30T00:00"),
        ("Organise une réunion la semaine prochaine", "2026-11-30T00:00", "2026-12-05T00:00"),
        ("Set up a meeting next Tuesday", "2026-12-01T09:00", "2026-12-01T18:00"),
        ("Set up a meeting in two weeks", "2026-12-10T09:00", "2026-12-10T18:00"),
        ("Set up a call this afternoon", "2026-11-26T14:00", "2026-11-26T18:00"),
        ("Organise un point demain matin", "2026-11-27T08:00", "2026-11-27T12:00"),
        ("Organise un point demain après-midi", "2026-11-27T14:00", "2026-11-27T18:00"),
        ("Organise un point demain en fin de journée", "2026-11-27T16:00", "2026-11-27T18:00"),
        ("Organise un point demain midi", "2026-11-27T12:00", None),
        ("Organise un point demain à 15h", "2026-11-27T15:00", None),
        ("Organise un point demain à 15 h 30", "2026-11-27T15:30", None),
        ("Set up a call tomorrow at 3pm", "2026-11-27T15:00", None),
        ("Set up a call tomorrow at noon", "2026-11-27T12:00", None),
        ("Rappelle-moi de payer le loyer à la fin du mois", "2026-11-30T00:00", "2026-12-01T00:00"),
    ],
)
def test_time_phrases_resolve_by_the_schema_conventions(
    text: str, start: str, end: str | None
) -> None:
    assert window(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Ajoute une tâche : envoyer le rapport avant vendredi", "2026-11-27T00:00"),
        ("Ajoute une tâche : envoyer le rapport d'ici midi", "2026-11-26T12:00"),
        ("Send the report to Ana by Friday EOD", "2026-11-27T18:00"),
        ("Add a task to review the NDA by end of day", "2026-11-26T18:00"),
        ("Il faut relancer Dupuis d'ici la fin de la semaine", "2026-11-27T18:00"),
        ("Il faut payer la facture pour la fin du mois", "2026-11-30T18:00"),
        ("Ajoute une tâche : finir le rapport avant la fin du mois", "2026-11-30T18:00"),
    ],
)
def test_deadlines_follow_before_and_by_conventions(text: str, deadline: str) -> None:
    assert (read(text)["deadline"] or "")[:16] == deadline


@pytest.mark.parametrize(
    ("phrase", "minutes"),
    [
        ("1h30", 90),
        ("90 min", 90),
        ("une demi-heure", 30),
        ("a quarter of an hour", 15),
        ("une heure et quart", 75),
        ("deux heures", 120),
        ("45 minutes", 45),
        ("an hour", 60),
    ],
)
def test_durations_are_read_in_both_languages(phrase: str, minutes: int) -> None:
    assert duration_minutes(phrase) == minutes


def test_a_short_hour_after_de_is_a_length_not_a_night_meeting() -> None:
    got = read("Organise un point de 1h30 demain")
    assert got["duration_minutes"] == 90
    assert got["when"]["start"].startswith("2026-11-27T09:00")


def test_a_date_after_the_spring_change_carries_the_summer_offset() -> None:
    assert read("Organise une réunion le 15 avril à 10h")["when"]["start"] == (
        "2027-04-15T10:00:00+02:00"
    )
    assert read("Organise une réunion le 27 mars à 10h")["when"]["start"] == (
        "2027-03-27T10:00:00+01:00"
    )


def test_a_time_zone_named_in_the_request_is_converted_to_paris_time() -> None:
    assert read("Call with Ken tomorrow at 9am Tokyo time")["when"]["start"] == (
        "2026-11-27T01:00:00+01:00"
    )


def test_a_clock_time_already_past_today_means_tomorrow() -> None:
    assert read("Rappelle-moi à 8h de relire le contrat")["when"]["start"][:16] == (
        "2026-11-27T08:00"
    )


@given(st.integers(min_value=8, max_value=20), st.sampled_from([0, 15, 30, 45]))
def test_any_french_clock_time_tomorrow_is_read_exactly(hour: int, minute: int) -> None:
    spoken = f"{hour}h" if minute == 0 else f"{hour}h{minute:02d}"
    when = read(f"Organise un point demain à {spoken}")["when"]
    assert when["exact"] is True
    assert when["start"] == f"2026-11-27T{hour:02d}:{minute:02d}:00+01:00"


@given(st.integers(min_value=1, max_value=11), st.sampled_from(["am", "pm"]))
def test_any_english_clock_time_tomorrow_is_read_exactly(hour: int, half: str) -> None:
    when = read(f"Set up a call tomorrow at {hour}{half}")["when"]
    expected = hour + (12 if half == "pm" else 0)
    assert when["start"] == f"2026-11-27T{expected:02d}:00:00+01:00"


_PHRASE = (
    "le 0 le 31 à 25h 99:99 dans 0 jours in 1000 weeks tous les every de 18h à 9h entre midi"
    " fin février mi-juin à 0h le 29 février 2h 0h30 at 13pm 12am avec with et l' ? « »"
    " Cale-moi un déjeuner avec Paul jeudi prochain move my 3pm to tomorrow morning Annule"
    " Rappelle-moi 15 minutes avant le comité de lundi Bloque la matinée Remind me before"
)
_WORDS = _PHRASE.split()


@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14),
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
)
def test_any_jumble_of_request_words_is_read_without_crashing(
    words: list[str], wall: datetime
) -> None:
    u = interpret(" ".join(words), now=wall.replace(tzinfo=PARIS), tz="Europe/Paris")
    assert set(u.interpretation) >= {"intent", "when", "deadline"}
