"""The day of WALKTHROUGH.md, played through the command line, as a new assistant lives it.

Each test runs the real entry point in-process (the ``cli`` fixture: hoisted options, one
error renderer) on SQLite and on PostgreSQL, in French and in English, with the clock pinned
to Thursday 26 November 2026, 9:00 in Paris. Each step asserts what the user must see, in
the words they read, not only an exit code.

Steps that need a command not on main yet (``binome import``, ``binome radar``/``apply``)
live in their own tests, written against the contract in DESIGN.md, and skip only while
``binome <command> --help`` says the command does not exist: they run as soon as it lands.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Cli, CliResult

NOW = "2026-11-26T08:00:00+00:00"  # Thursday 26 November, 9:00 in Paris
CANARY = "zq-rachat-zeta-zq"  # the secret event's words: never seen by the backup, never at rest

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "ask": "Cale-moi un déjeuner avec Paul jeudi prochain",
        "restated": "Vous souhaitez organiser un déjeuner avec Paul jeudi 3 décembre",
        "lunch": "Déjeuner entre 12:00-14:00",
        "robert": "Robert 9 h (New York)",
        "busy": "Occupé",
        "brief": "Brief du matin — jeudi 26 novembre",
        "priorities": "Priorités",
        "decisions": "Décisions à prendre",
        "commitments": "Engagements",
        "not_applied": "Non appliqué",
        "applied": "Appliqué : 2 créés",
        "due": "mercredi 2 décembre 18 h",
        "intact": "Journal d'audit intact",
        "nothing": "Rien trouvé.",
    },
    "en": {
        "ask": "Book a lunch with Paul next Thursday",
        "restated": "You want to schedule a lunch with Paul on Thursday 3 December",
        "lunch": "Lunch between 12:00-14:00",
        "robert": "Robert 09:00 (New York)",
        "busy": "Busy",
        "brief": "Morning brief — Thursday 26 November",
        "priorities": "Priorities",
        "decisions": "Decisions needed",
        "commitments": "Commitments",
        "not_applied": "Not applied",
        "applied": "Applied: 2 created",
        "due": "Wednesday 2 December 18:00",
        "intact": "intact",
        "nothing": "Nothing found.",
    },
}


class Day:
    """The CLI with the clock pinned and the reader's language chosen."""

    def __init__(self, cli: Cli, lang: str) -> None:
        self.cli, self.lang, self.words = cli, lang, WORDS[lang]

    def __call__(self, *args: str, ok: bool = True) -> CliResult:
        result = self.cli("--now", NOW, "--lang", self.lang, *args)
        if ok:
            assert result.exit_code == 0, (args, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        return result

    def json(self, *args: str) -> Any:
        return self(*args, "--json").json()


@pytest.fixture(params=["fr", "en"])
def day(cli: Cli, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Day:
    monkeypatch.setenv("COLUMNS", "200")  # tables one line per row, as in a wide terminal
    return Day(cli, request.param)


def set_up(day: Day) -> None:
    """Step 1: a workspace for a real director, her contacts and her backup assistant."""
    made = day(
        "init",
        "--principal",
        "Claire Martin",
        "--email",
        "claire@example.fr",
        "--tz",
        "Europe/Paris",
        "--language",
        day.lang,
        "--country",
        "FR",
    )
    assert "Claire Martin" in made.stdout
    assert "Europe/Paris" in made.stdout
    day("person", "add", "--name", "Paul Durand", "--email", "paul@example.fr")
    day(
        "person",
        "add",
        *("--name", "Robert Hayes", "--email", "robert@example.com"),
        *("--tz", "America/New_York", "--vip"),
    )
    day("user", "add", "julien", "--email", "julien@example.fr", "--role", "backup")


def has_command(day: Day, name: str) -> bool:
    return day.cli(name, "--help").exit_code == 0


def test_a_day_with_binome_through_the_cli(day: Day, database_url: str, tmp_path: Path) -> None:
    w = day.words
    set_up(day)

    # 3. The work style, written down and read back in plain words.
    day("profile", "import", str(REPO / "examples" / "profil.toml"))
    shown = day("profile", "show").stdout
    assert "Europe/Paris" in shown
    assert "08:30-19:00" in shown
    assert w["lunch"] in shown
    assert "wed-pm" in shown

    # 4. The day: the director's zone, Robert's local time beside his call.
    day(
        "event",
        "add",
        *("--title", "Board call", "--start", "2026-11-26T15:00", "--end", "2026-11-26T16:00"),
        *("--attendees", "robert@example.com"),
    )
    agenda = day("agenda", "today").stdout
    assert "Board call" in agenda
    assert w["robert"] in agenda
    call = day.json("agenda", "today")["items"][0]
    assert call["start"] == "2026-11-26T15:00:00+01:00"
    assert call["remote"][0]["local_start"] == "2026-11-26T09:00:00-05:00"
    assert {"id", "title", "start", "end", "all_day", "classification"} <= set(call)

    lunch_start = take_a_request(day)
    plan_the_work(day)
    brief_the_director(day, tmp_path, lunch_start)
    keep_a_secret(day, database_url)


def take_a_request(day: Day) -> str:
    """Step 5: a request restated with three options; option 2 booked and its invitation drafted."""
    asked = day.json("ask", day.words["ask"])
    assert asked["id"] == "Q1"
    assert asked["status"] == "awaiting_confirmation"
    assert asked["reformulation"].startswith(day.words["restated"])
    assert [o["n"] for o in asked["options"]] == [1, 2, 3]
    assert all(o["reasons"] for o in asked["options"])
    second = asked["options"][1]
    text = day("requests").stdout
    assert "Q1" in text
    assert day.words["restated"] in text

    booked = day("confirm", "Q1", "--option", "2").stdout
    assert "BEGIN:VCALENDAR" in booked
    assert "METHOD:REQUEST" in booked
    assert "mailto:paul@example.fr" in booked
    start = second["start"]
    that_day = day.json("agenda", start[:10])["items"]
    assert [i["start"] for i in that_day] == [start]
    assert day.json("requests") == []  # nothing waits any more
    return str(start)


def plan_the_work(day: Day) -> None:
    """Step 6: blocks before the deadline, why, and a deadline that cannot be kept."""
    w = day.words
    day(
        "task",
        "add",
        "Préparer le comité",
        *("--estimate", "2h", "--due", "2026-12-02T18:00", "--priority", "high"),
    )
    plan = day.json("plan", "--time-limit", "1")
    assert plan["applied"] is False
    assert plan["late"] == []
    blocks = plan["blocks"]
    assert {b["task_id"] for b in blocks} == {"T1"}
    assert sum(b["minutes"] for b in blocks) == 120
    assert all(b["end"] <= "2026-12-02T18:00:00+01:00" for b in blocks)
    text = day("plan", "--time-limit", "1").stdout
    assert "Préparer le comité" in text
    assert w["not_applied"] in text
    why = day("task", "why", "T1").stdout
    assert "Préparer le comité" in why
    assert w["due"] in why

    applied = day("plan", "--apply", "--time-limit", "1").stdout
    assert w["applied"] in applied
    written = day.json("event", "list", "--from", "2026-11-26", "--to", "2026-12-03")["items"]
    assert sum(1 for i in written if i.get("task_id") == "T1") == len(blocks)

    # A deadline that cannot be kept: the plan says why and what to give up instead.
    day("task", "add", "Note au conseil", "--estimate", "4h", "--due", "2026-11-26T11:00")
    late = day.json("plan", "--time-limit", "1")["late"]
    assert [x["task_id"] for x in late] == ["T2"]
    assert late[0]["reason"]
    assert late[0]["alternatives"][0]["id"].startswith("P")
    day("task", "done", "T2")


def brief_the_director(day: Day, tmp_path: Path, lunch_start: str) -> None:
    """Step 8: today, priorities, decisions and commitments, as text, HTML and PDF."""
    w = day.words
    day(
        "commitment",
        "add",
        "Envoyer les comptes du T3",
        *("--to", "robert@example.com", "--due", "2026-11-27T18:00"),
    )
    brief = day("brief").stdout
    assert brief.startswith(w["brief"])
    for part in ("Board call", w["robert"], w["priorities"], "Préparer le comité"):
        assert part in brief
    assert w["decisions"] in brief
    assert w["commitments"] in brief
    assert "Envoyer les comptes du T3" in brief
    data = day.json("brief")
    assert data["day"] == "2026-11-26"
    assert {"agenda", "priorities", "commitments", "requests", "decisions"} <= set(data)
    html = day("brief", "--format", "html").stdout
    assert html.lower().startswith("<!doctype html>")
    assert f'lang="{day.lang}"' in html
    assert "Board call" in html
    pdf = tmp_path / "brief.pdf"
    day("brief", "--format", "pdf", "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert lunch_start  # the lunch booked at step 5 is on the calendar, not a decision


def keep_a_secret(day: Day, database_url: str) -> None:
    """Step 9: the backup sees "Busy" only; nothing of it at rest; the log proves intact."""
    w = day.words
    day(
        "event",
        "add",
        *("--title", f"Rachat {CANARY}", "--location", f"Hôtel {CANARY}"),
        *("--start", "2026-11-26T17:00", "--end", "2026-11-26T18:00"),
        *("--classification", "secret"),
    )
    assert CANARY in day("agenda", "today").stdout  # the principal reads her own secret
    backup = ("--as", "julien")
    agenda = day(*backup, "agenda", "today").stdout
    assert w["busy"] in agenda
    assert "Board call" in agenda
    masked = [i for i in day.json(*backup, "agenda", "today")["items"] if i["masked"]]
    assert [(i["start"], i["title"]) for i in masked] == [("2026-11-26T17:00:00+01:00", None)]
    brief = day(*backup, "brief").stdout + day(*backup, "brief", "--format", "html").stdout
    assert w["busy"] in brief
    assert day.json(*backup, "search", "Rachat") == []
    assert w["nothing"] in day(*backup, "search", CANARY).stdout
    seen = agenda + brief + json.dumps(day.json(*backup, "brief"))
    if has_command(day, "export"):
        seen += day(*backup, "export").stdout
    if has_command(day, "radar"):
        seen += day(*backup, "radar").stdout
    assert CANARY not in seen
    assert "Rachat" not in seen
    if database_url.startswith("sqlite:///"):
        db = Path(database_url.removeprefix("sqlite:///"))
        for part in db.parent.glob(db.name + "*"):
            assert CANARY.encode() not in part.read_bytes(), part
    verified = day("audit", "verify")
    assert w["intact"] in verified.stdout


def test_binome_demo_prints_a_brief_the_logins_and_the_serve_command(day: Day) -> None:
    shown = day("demo").stdout
    assert shown.startswith(WORDS[day.lang]["brief"])
    assert re.search(r"^  julien +demo-julien-2026", shown, re.MULTILINE)
    serve = [line for line in shown.splitlines() if line.endswith(" serve")]
    assert len(serve) == 1
    assert "binome --db " in serve[0]


GOOGLE_EXPORT = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:claire@example.fr
X-WR-TIMEZONE:Europe/Paris
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20261201T090000
DTEND;TZID=Europe/Paris:20261201T100000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4
DTSTAMP:20261120T080000Z
UID:weekly-1@google.com
SUMMARY:Point commercial
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261208
DTEND;VALUE=DATE:20261209
DTSTAMP:20261120T080000Z
UID:allday-1@google.com
SUMMARY:Salon Pollutec
END:VEVENT
BEGIN:VEVENT
DTSTART:20261203T130000Z
DTEND:20261203T140000Z
DTSTAMP:20261120T080000Z
UID:board-1@google.com
SUMMARY:Board call
END:VEVENT
END:VCALENDAR
"""

COLLEAGUE_EXPORT = """BEGIN:VCALENDAR
PRODID:-//Apple Inc.//macOS 15.0//EN
VERSION:2.0
BEGIN:VEVENT
DTSTART;TZID=Europe/Paris:20261202T140000
DTEND;TZID=Europe/Paris:20261202T150000
DTSTAMP:20261120T080000Z
UID:paul-1@example.fr
SUMMARY:Revue fournisseurs
END:VEVENT
END:VCALENDAR
"""


def test_calendars_come_in_with_a_summary_and_a_broken_file_changes_nothing(
    day: Day, tmp_path: Path
) -> None:
    """Step 2, against ``binome import FILE.ics [--owner EMAIL] --json``."""
    set_up(day)
    if not has_command(day, "import"):
        pytest.skip("binome import not on main yet")
    google = tmp_path / "export-google.ics"
    google.write_text(GOOGLE_EXPORT.replace("\n", "\r\n"), encoding="utf-8")
    summary = day.json("import", str(google))
    assert summary["created"] == 3
    assert summary["skipped"] == []
    again = day.json("import", str(google))
    assert again["created"] == 0  # re-importing adds nothing (SECURITY.md row 33)
    colleague = tmp_path / "paul.ics"
    colleague.write_text(COLLEAGUE_EXPORT, encoding="utf-8")
    assert day.json("import", str(colleague), "--owner", "paul@example.fr")["created"] == 1

    before = day.json("event", "list", "--from", "2026-11-26", "--to", "2027-01-01")["items"]
    assert "Board call" in {i["title"] for i in before}
    broken = tmp_path / "broken.ics"
    lines = GOOGLE_EXPORT.replace("weekly-1", "other-1").splitlines()
    bad = lines.index("DTSTART;TZID=Europe/Paris:20261201T090000")
    lines[bad] = "DTSTART;TZID=Europe/Paris:20261329T090000"  # month 13
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = day("import", str(broken), "--strict", ok=False)
    assert failed.exit_code == 1
    assert failed.stderr.count("\n") == 1
    assert str(bad + 1) in failed.stderr  # the line that is wrong, numbered from 1
    after = day.json("event", "list", "--from", "2026-11-26", "--to", "2027-01-01")["items"]
    assert after == before


def test_the_radar_names_what_will_go_wrong_and_a_fix_applies(day: Day) -> None:
    """Step 7, against ``binome radar --json`` and ``binome apply P..``."""
    set_up(day)
    if not has_command(day, "radar"):
        pytest.skip("binome radar not on main yet")
    for title in ("Comité d'audit", "Visite client"):  # a double booking next Tuesday
        day(
            "event",
            "add",
            *("--title", title, "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00"),
        )
    risks = day("radar", "--json").stdout
    proposals = re.findall(r'"(P\d+)"', risks)
    assert proposals, risks
    assert "Comité d'audit" in risks or "Visite client" in risks
    day("apply", proposals[0])
    assert len(re.findall(r'"(P\d+)"', day("radar", "--json").stdout)) < len(proposals)
    entries = day.json("audit")
    assert any(e["actor"] == "claire" for e in entries[-3:])


def test_the_agenda_heads_each_day_as_the_reader_writes_it(day: Day) -> None:
    set_up(day)
    day(
        "event",
        "add",
        "--title",
        "Board call",
        "--start",
        "2026-11-26T15:00",
        "--end",
        "2026-11-26T16:00",
    )
    first = day("agenda", "today").stdout.splitlines()[0]
    assert first == {"fr": "Jeudi 26 novembre", "en": "Thursday 26 November"}[day.lang]
