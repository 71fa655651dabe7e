"""Accuracy of ``interpret`` on the shared request fixtures, scored as SCHEMA.md suggests.

Each field is scored with the schema's rules (``also_acceptable`` alternatives count as
right); a per-field table is printed (``pytest -s``) and ``intent``, ``when`` and
``deadline`` must reach 95 % in each language, with and without a directory of known
people (names must not change the interpretation).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from typing import Any

import pytest

from binome.engine.understand import KnownPerson, interpret
from binome.engine.understand.normalize import fold
from tests.conftest import CI, shared_dir

_SHARED = shared_dir()
FIXTURES = None if _SHARED is None else _SHARED / "fixtures" / "requests" / "requests.jsonl"
RECORDS = (
    []
    if FIXTURES is None
    else [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line]
)
pytestmark = pytest.mark.skipif(
    FIXTURES is None and not CI, reason="shared/fixtures not found beside the repository"
)
ASSERTED = ("intent", "when", "deadline")
EXACT = (
    "duration_minutes",
    "recurrence",
    "urgent",
    "priority",
    "scope",
    "shift_minutes",
    "keep_time_of_day",
    "reminder_offset_minutes",
)
DIRECTORY = (
    KnownPerson(id=1, name="Paul Martin", email="paul.martin@example.org"),
    KnownPerson(id=2, name="Paul Durand", email="p.durand@example.org"),
    KnownPerson(id=3, name="Sophie Leroy", email="sophie@example.org", nicknames=("Sosso",)),
    KnownPerson(id=4, name="Priya Raman", email="priya@example.com"),
    KnownPerson(id=5, name="Inès Benali", email="ines@example.org"),
)


def _minute(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(second=0, microsecond=0) if value else None


def _people(names: list[str]) -> set[str]:
    return {re.sub(r"^(?:the|le|la|les|l')\s*", "", fold(n).strip()) for n in names}


def _when_ok(got: dict[str, Any] | None, exp: dict[str, Any] | None) -> bool:
    if got is None or exp is None:
        return got is exp
    if exp["exact"]:
        return bool(got["exact"]) and _minute(got["start"]) == _minute(exp["start"])
    g_start, g_end = _minute(got["start"]), _minute(got["end"])
    e_start, e_end = _minute(exp["start"]), _minute(exp["end"])
    assert g_start is not None
    assert e_start is not None
    if got["exact"] or g_start < e_start:
        return False
    if e_end is None:
        return True
    return g_end is not None and g_end <= e_end and g_start < g_end


def _ref_ok(got: dict[str, Any] | None, exp: dict[str, Any] | None) -> bool:
    if got is None or exp is None:
        return got is exp
    same_range = (got["range"] is None) == (exp["range"] is None) and (
        got["range"] is None
        or all(_minute(got["range"][k]) == _minute(exp["range"][k]) for k in ("start", "end"))
    )
    return (
        _minute(got["start"]) == _minute(exp["start"])
        and got["date"] == exp["date"]
        and same_range
        and got["all_matching"] == exp["all_matching"]
    )


def field_ok(name: str, got: Any, exp: Any) -> bool:
    """One field scored by SCHEMA.md's "Suggested scoring"."""
    if name == "participants":
        return _people(got) == _people(exp)
    if name == "when":
        return _when_ok(got, exp)
    if name == "deadline":
        return _minute(got) == _minute(exp)
    if name == "event_ref":
        return _ref_ok(got, exp)
    if name == "title":
        if exp is None:
            return True
        return got is not None and (fold(exp) in fold(got) or fold(got) in fold(exp))
    return bool(got == exp)


def score(people: tuple[KnownPerson, ...]) -> dict[tuple[str, str], list[bool]]:
    results: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for record in RECORDS:
        u = interpret(
            record["text"],
            now=datetime.fromisoformat(record["reference_datetime"]),
            tz=record["timezone"],
            people=people,
        )
        assert set(u.interpretation) == set(record["expected"])
        for name, exp in record["expected"].items():
            candidates = [exp, *record["also_acceptable"].get(name, [])]
            ok = any(field_ok(name, u.interpretation[name], c) for c in candidates)
            results[(name, record["lang"])].append(ok)
    return results


def _table(results: dict[tuple[str, str], list[bool]]) -> str:
    lines = [f"{'field':<26}{'fr':>8}{'en':>8}"]
    for name in RECORDS[0]["expected"]:
        cells = []
        for lang in ("fr", "en"):
            marks = results[(name, lang)]
            cells.append(f"{100 * sum(marks) / len(marks):7.1f}%")
        lines.append(f"{name:<26}" + "".join(cells))
    return "\n".join(lines)


@pytest.mark.parametrize("people", [(), DIRECTORY], ids=["no-directory", "directory"])
def test_interpretation_reaches_the_accuracy_floor_in_each_language(
    people: tuple[KnownPerson, ...],
) -> None:
    results = score(people)
    print("\n" + _table(results))
    for name in ASSERTED:
        for lang in ("fr", "en"):
            marks = results[(name, lang)]
            assert sum(marks) / len(marks) >= 0.95, (name, lang)
    for name in ("participants", "event_ref", *EXACT):
        marks = results[(name, "fr")] + results[(name, "en")]
        assert sum(marks) / len(marks) >= 0.9, name


def test_every_instant_carries_the_paris_offset_as_the_fixtures_write_it() -> None:
    iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
    for record in RECORDS:
        got = interpret(
            record["text"],
            now=datetime.fromisoformat(record["reference_datetime"]),
            tz=record["timezone"],
        ).interpretation
        values = [got["deadline"]]
        if got["when"]:
            values += [got["when"]["start"], got["when"]["end"]]
        if got["event_ref"]:
            values.append(got["event_ref"]["start"])
        for value in filter(None, values):
            assert iso.match(value), (record["id"], value)


def test_language_is_detected_for_every_fixture() -> None:
    for record in RECORDS:
        u = interpret(
            record["text"],
            now=datetime.fromisoformat(record["reference_datetime"]),
            tz=record["timezone"],
        )
        assert u.lang == record["lang"], record["id"]
