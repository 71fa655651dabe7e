"""French and English: the catalogue covers every msgid in the code, and the CLI speaks the
workspace's language unless ``--lang`` says otherwise."""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from binome.i18n import format_day, render
from tests.conftest import REPO, Cli


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_msgid_in_the_code_has_a_french_translation_with_the_same_fields() -> None:
    check = _script("i18n_check")
    msgids = check.extract()
    assert len(msgids) > 100
    assert "Unknown time zone: {zone}." in msgids  # class attribute message = N_(...)
    assert "Nothing in the agenda." in msgids  # t(lang, "...")
    assert "Task {id} added." in msgids  # render("...", lang, ...)
    assert check.problems(msgids, check.read_catalog()) == []


def test_fields_are_compared_by_name() -> None:
    check = _script("i18n_check")
    found = {"Task {id} added.": ["x.py:1"]}
    assert check.problems(found, {"Task {id} added.": "Tâche {ref} ajoutée."}) == [
        "fields differ: 'Task {id} added.' -> 'Tâche {ref} ajoutée.'"
    ]
    assert check.problems(found, {})[0].startswith("untranslated")


def test_merging_french_dicts_is_idempotent_and_keeps_reviewed_text(tmp_path: Path) -> None:
    merge = _script("i18n_merge")
    source = tmp_path / "messages_fr.py"
    source.write_text('FR = {"Slot found.": "Créneau trouvé.", "Busy": "Pris"}\n', "utf-8")
    po = tmp_path / "binome.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Busy"\nmsgstr "Occupé"\n', encoding="utf-8")
    table = merge.load_fr(source)

    added, filled, conflicts = merge.merge(po, [(source, table)])
    first = po.read_bytes()
    again = merge.merge(po, [(source, table)])

    assert (added, filled, len(conflicts)) == (1, 0, 1)
    assert again[:2] == (0, 0)
    assert po.read_bytes() == first
    catalog = _script("i18n_check").read_catalog(po)
    assert catalog["Slot found."] == "Créneau trouvé."
    assert catalog["Busy"] == "Occupé"


@pytest.mark.parametrize(("lang", "locale"), [("fr", "fr_FR"), ("en", "en_GB")])
def test_day_names_match_babel_s_cldr_data(lang: str, locale: str) -> None:
    from babel.dates import format_date

    for offset in range(0, 372, 3):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert format_day(day, lang) == format_date(day, "EEEE d MMMM", locale=locale)
        assert format_day(day, lang, short=True) == format_date(day, "EEE d MMM", locale=locale)


def test_errors_render_in_french_and_english() -> None:
    from binome.domain.timing import UnknownZone

    error = UnknownZone(zone="Mars/Olympus")
    assert render(error, "fr") == "Fuseau horaire inconnu : Mars/Olympus."
    assert render(error, "en") == "Unknown time zone: Mars/Olympus."


INIT = ("init", "--principal", "Claire Martin", "--email", "claire@example.fr",
        "--tz", "Europe/Paris")  # fmt: skip
BAD_ZONE = ("person", "add", "--name", "P", "--email", "p@x.fr", "--tz", "Mars/Olympus")


def test_a_french_workspace_speaks_french_unless_told_otherwise(sqlite_cli: Cli) -> None:
    init = sqlite_cli(*INIT)
    assert init.stdout.startswith(
        "Espace de travail Claire Martin créé pour Claire Martin (Europe/Paris).\n"
    )
    assert sqlite_cli(*BAD_ZONE).stderr == "erreur: Fuseau horaire inconnu : Mars/Olympus.\n"
    assert sqlite_cli(*BAD_ZONE, "--lang", "en").stderr == (
        "error: Unknown time zone: Mars/Olympus.\n"
    )
    assert sqlite_cli("agenda", "2026-12-03").stdout == "Rien à l'agenda.\n"
    assert sqlite_cli("agenda", "2026-12-03", "--lang", "en").stdout == "Nothing in the agenda.\n"


def test_init_with_lang_en_makes_an_english_workspace(sqlite_cli: Cli) -> None:
    init = sqlite_cli(*INIT, "--lang", "en")
    assert init.stdout.startswith(
        "Workspace Claire Martin created for Claire Martin (Europe/Paris).\n"
    )
    assert sqlite_cli("agenda", "2026-12-03").stdout == "Nothing in the agenda.\n"


def test_times_follow_french_typography_and_english_24_hour_style() -> None:
    from datetime import datetime

    from binome.i18n import format_span, format_time

    afternoon = datetime(2026, 12, 3, 14, 30)
    assert format_time(afternoon, "fr") == "14 h 30"
    assert format_time(afternoon.replace(minute=0), "fr") == "14 h"
    assert format_time(afternoon, "en") == "14:30"
    assert format_span(timedelta(minutes=90), "fr") == "1 h 30"
    assert format_span(timedelta(minutes=45), "fr") == "45 min"


def test_an_object_kind_in_a_message_is_translated_too() -> None:
    from binome.domain.errors import N_, InvalidInput, NotFound

    error = NotFound(N_("No {kind} {ref} here."), kind="task", ref="99")
    assert render(error, "fr") == "Introuvable ici : tâche 99."
    assert render(error, "en") == "No task 99 here."
    empty = InvalidInput(N_("The {what} must not be empty."), what="name")
    assert render(empty, "fr") == "Le champ « nom » ne doit pas être vide."
