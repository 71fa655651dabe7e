"""People matching, the one clarifying question, and the restatement in each language."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from binome.domain.errors import InvalidInput
from binome.engine.understand import KnownPerson, interpret, render_restatement
from binome.engine.understand.messages_fr import FR
from binome.engine.understand.reformulate import render

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
PEOPLE = (
    KnownPerson(id=1, name="Paul Martin", email="paul.martin@example.org"),
    KnownPerson(id=2, name="Paul Durand", email="p.durand@example.org"),
    KnownPerson(id=3, name="Inès Benali", email="ines@example.org", nicknames=("Nénette",)),
)


def test_two_known_pauls_make_the_match_ambiguous_and_ask_which_one() -> None:
    u = interpret(
        "Cale-moi un déjeuner avec Paul jeudi prochain", now=NOW, tz="Europe/Paris", people=PEOPLE
    )
    assert u.people[0].status == "ambiguous"
    assert {p.id for p in u.people[0].candidates} == {1, 2}
    assert u.question is not None
    assert "Paul Martin" in render(u.question, "fr")


def test_names_match_accent_and_case_insensitively_by_first_name_nickname_or_email() -> None:
    for said in ("ines", "INÈS", "nenette", "ines@example.org", "Inès Benali"):
        u = interpret(
            f"Organise un point avec {said} demain", now=NOW, tz="Europe/Paris", people=PEOPLE
        )
        assert (u.people[0].status, u.people[0].person_id) == ("matched", 3), said


def test_a_full_name_picks_one_paul_among_two() -> None:
    u = interpret(
        "Organise un point avec Paul Durand demain", now=NOW, tz="Europe/Paris", people=PEOPLE
    )
    assert (u.people[0].status, u.people[0].email) == ("matched", "p.durand@example.org")


def test_an_unknown_name_is_reported_not_dropped() -> None:
    u = interpret("Set up a call with Zoe tomorrow", now=NOW, tz="Europe/Paris", people=PEOPLE)
    assert [(m.said, m.status) for m in u.people] == [("Zoe", "unknown")]


@pytest.mark.parametrize(
    ("text", "msgid"),
    [
        ("Organise une réunion jeudi", "Today is {today}: do you mean today or {date}?"),
        (
            "Vois avec Karim s'il est dispo après-demain",
            "{date} is a weekend day: do you want it anyway?",
        ),
        (
            "Rappelle-moi aujourd'hui à 8h de relire",
            "{date} is in the past: which date do you mean?",
        ),
        (
            "Organise une réunion de 3 heures demain entre 14h et 16h",
            "{minutes} minutes do not fit between {start} and {end}: which should change?",
        ),
        ("Organise une visio vendredi prochain à 11h", "Do you mean {first} or {second}?"),
    ],
)
def test_an_ambiguous_request_yields_one_clarifying_question(text: str, msgid: str) -> None:
    u = interpret(text, now=NOW, tz="Europe/Paris")
    assert u.question is not None
    assert u.question.msgid == msgid


def test_a_clear_request_asks_nothing() -> None:
    assert (
        interpret("Réunion avec Sophie demain de 10h à 11h30", now=NOW, tz="Europe/Paris").question
        is None
    )


def test_the_restatement_speaks_the_request_language() -> None:
    fr = interpret("Cale-moi un déjeuner avec Paul jeudi prochain", now=NOW, tz="Europe/Paris")
    assert render_restatement(fr) == (
        "Vous souhaitez organiser un déjeuner avec Paul jeudi 3 décembre entre 12 h et 14 h."
    )
    en = interpret("move my 3pm to tomorrow morning", now=NOW, tz="Europe/Paris")
    assert en.lang == "en"
    assert render_restatement(en) == (
        "You want to move the event planned on Thursday 26 November at 15:00"
        " on Friday 27 November between 8:00 and 12:00."
    )


def test_every_msgid_the_engine_emits_has_a_french_wording() -> None:
    texts = [
        "Cale-moi un déjeuner avec Paul jeudi prochain",
        "Repousse la réunion avec Paul d'une heure",
        "Annule mon rendez-vous de 16h",
        "Bloque deux heures vendredi pour préparer le comité",
        "Ajoute une tâche : envoyer le compte-rendu à Sophie avant vendredi midi",
        "Ajoute une tâche : envoyer le rapport avant vendredi",
        "Rappelle-moi 15 minutes avant le comité de lundi",
        "Qu'est-ce que j'ai demain ?",
        "Organise une réunion jeudi",
    ]
    for text in texts:
        u = interpret(text, now=NOW, tz="Europe/Paris", people=PEOPLE)
        for message in filter(None, (u.restatement, u.question)):
            stack = [message]
            while stack:
                m = stack.pop()
                assert m.msgid in FR, m.msgid
                stack += [v for v in m.params.values() if hasattr(v, "msgid")]


def test_an_empty_or_huge_request_is_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        interpret("   ", now=NOW, tz="Europe/Paris")
    with pytest.raises(InvalidInput):
        interpret("x" * 5000, now=NOW, tz="Europe/Paris")
