"""``binome slots`` on both databases: Lyon, New York and Singapore; holidays; nothing fits."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import NOW, Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "profil.toml"
TRIO = "paul@example.com,mei@example.sg"


def at_now(cli: Cli, *args: str) -> Any:
    """Run at the suite's pinned instant (Thursday 26 November 2026, 9:00 in Paris)."""
    return cli(*args, "--now", NOW.isoformat())


def ok(cli: Cli, *args: str) -> Any:
    result = at_now(cli, *args)
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def lyon(workspace_cli: Cli) -> Cli:
    """Claire in Lyon with her example profile, Paul in New York, Mei in Singapore."""
    cli = workspace_cli
    ok(cli, "profile", "import", str(EXAMPLE))
    ok(cli, "person", "add", "--name", "Paul", "--email", "paul@example.com",
       "--tz", "America/New_York", "--country", "US", "--hours", "07:30-18:00")  # fmt: skip
    ok(cli, "person", "add", "--name", "Mei", "--email", "mei@example.sg",
       "--tz", "Asia/Singapore", "--country", "SG", "--hours", "09:00-21:30")  # fmt: skip
    return cli


def local_clock(item: dict[str, Any], email: str) -> tuple[time, time]:
    [mine] = [x for x in item["local"] if x["email"] == email]
    return datetime.fromisoformat(mine["start"]).time(), datetime.fromisoformat(mine["end"]).time()


def test_the_narrow_lyon_new_york_singapore_window_is_found_and_explained(lyon: Cli) -> None:
    ok(lyon, "event", "add", "--title", "Comex", "--start", "2026-11-30T13:00",
       "--end", "2026-11-30T14:00")  # fmt: skip
    data = ok(lyon, "slots", "--with", TRIO, "--duration", "45m", "--within", "next week",
              "--json", "--lang", "en").json()  # fmt: skip
    assert data["found"] is True
    assert [s["rank"] for s in data["slots"]] == list(range(1, len(data["slots"]) + 1))
    days = {s["start"][:10] for s in data["slots"]}
    # Monday's window is taken by the Comex and its buffer; Wednesday afternoon is protected.
    assert days == {"2026-12-01", "2026-12-03", "2026-12-04"}
    for item in data["slots"]:
        assert item["start"].endswith("T13:30:00+01:00")
        paul, mei = local_clock(item, "paul@example.com"), local_clock(item, "mei@example.sg")
        assert paul[0] >= time(7, 30)
        assert paul[1] <= time(18, 0)
        assert mei[0] >= time(9, 0)
        assert mei[1] <= time(21, 30)
        assert (
            "inside everyone's hours: Paris 13:30, New York 07:30, Singapore 20:30"
            in (item["reasons"])
        )
    words = ok(lyon, "slots", "--with", TRIO, "--duration", "45m", "--within",
               "la semaine prochaine", "--lang", "fr").stdout  # fmt: skip
    assert "Paul mar. 1 déc. 7 h 30 (New York)" in words
    assert "dans les heures de chacun : Paris 13:30, New York 07:30, Singapore 20:30" in words


def test_the_json_contract_has_stable_fields(lyon: Cli) -> None:
    data = ok(lyon, "slots", "--with", "paul@example.com", "--duration", "1h",
              "--from", "2026-12-01", "--to", "2026-12-02", "--count", "2", "--kind",
              "external", "--json").json()  # fmt: skip
    assert set(data) == {
        "from", "to", "tz", "duration_minutes", "kind", "count", "found", "participants",
        "slots", "blocked_by", "near_misses", "notes",
    }  # fmt: skip
    assert (data["from"], data["to"]) == ("2026-12-01T00:00:00+01:00", "2026-12-03T00:00:00+01:00")
    assert (data["duration_minutes"], data["kind"], data["count"]) == (60, "external", 2)
    assert [p["principal"] for p in data["participants"]] == [True, False]
    assert data["participants"][1]["hours"] == "07:30-18:00"
    assert len(data["slots"]) == 2
    slot = data["slots"][0]
    assert set(slot) == {"rank", "start", "end", "score", "local", "reasons"}
    assert set(slot["local"][0]) == {"email", "name", "tz", "start", "end"}
    assert datetime.fromisoformat(slot["start"]).utcoffset() is not None
    assert len(data["notes"]) == 1  # Paul's own calendar is not in binome


def test_public_holidays_of_each_participant_are_never_proposed(lyon: Cli) -> None:
    # --now is Thursday 26 November 2026: Thanksgiving in the United States.
    alone = ok(lyon, "slots", "--with", "mei@example.sg", "--duration", "30m", "--within",
               "this week", "--count", "20", "--json").json()  # fmt: skip
    assert "2026-11-26" in {s["start"][:10] for s in alone["slots"]}
    with_paul = ok(lyon, "slots", "--with", "paul@example.com", "--duration", "30m",
                   "--within", "cette semaine", "--count", "20", "--json").json()  # fmt: skip
    assert with_paul["slots"]
    assert {s["start"][:10] for s in with_paul["slots"]} == {"2026-11-27"}
    christmas = ok(lyon, "slots", "--with", "mei@example.sg", "--duration", "30m",
                   "--from", "2026-12-24", "--to", "2026-12-25", "--count", "20",
                   "--json").json()  # fmt: skip
    assert {s["start"][:10] for s in christmas["slots"]} == {"2026-12-24"}


def test_when_nothing_fits_the_blocking_rule_and_the_closest_options_are_named(
    workspace_cli: Cli,
) -> None:
    cli = workspace_cli
    ok(cli, "person", "add", "--name", "Paul", "--email", "paul@example.com",
       "--tz", "America/New_York", "--country", "US")  # fmt: skip
    ok(cli, "person", "add", "--name", "Mei", "--email", "mei@example.sg",
       "--tz", "Asia/Singapore", "--country", "SG", "--hours", "09:00-21:30")  # fmt: skip
    data = ok(cli, "slots", "--with", TRIO, "--duration", "45m", "--within", "next week",
              "--json", "--lang", "en").json()  # fmt: skip
    assert data["found"] is False
    assert data["slots"] == []
    assert "working hours" in data["blocked_by"]
    assert data["near_misses"]
    assert all(m["relaxed"].startswith("only if") for m in data["near_misses"])
    assert any(
        m["relaxed"].startswith("only if Paul accepts 07:30-08:15") for m in data["near_misses"]
    )
    words = ok(cli, "slots", "--with", TRIO, "--duration", "45m", "--within", "next week",
               "--lang", "fr").stdout  # fmt: skip
    assert "Aucun créneau ne convient ; ce qui bloque le plus : les heures de travail" in words
    assert "seulement si" in words


def test_user_errors_are_one_line_and_exit_1(lyon: Cli) -> None:
    cases = [
        ("--with", "nobody@example.com", "--duration", "45m"),
        ("--with", "paul@example.com", "--duration", "soon"),
        ("--with", "paul@example.com", "--duration", "45m", "--within", "whenever"),
        ("--with", "paul@example.com", "--duration", "45m", "--kind", "party"),
        (
            "--with",
            "paul@example.com",
            "--duration",
            "45m",
            "--within",
            "next week",
            "--from",
            "2026-12-01",
        ),
    ]
    for args in cases:
        result = at_now(lyon, "slots", *args)
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert "nobody@example.com" in at_now(lyon, "slots", *cases[0]).stderr
