"""``binome radar``, ``apply``, ``dismiss`` through the real entry point, on both databases."""

from __future__ import annotations

from tests.conftest import NOW, Cli


def clash(cli: Cli) -> None:
    for title, start, end in (
        ("Budget review", "2026-11-30T10:00", "2026-11-30T11:00"),
        ("Supplier call", "2026-11-30T10:30", "2026-11-30T11:30"),
    ):
        result = cli("--now", NOW.isoformat(), "event", "add", "--title", title,
                     "--start", start, "--end", end)  # fmt: skip
        assert result.exit_code == 0, result.stderr


def test_radar_lists_the_conflict_and_apply_fixes_it(workspace_cli: Cli) -> None:
    clash(workspace_cli)
    data = workspace_cli("--now", NOW.isoformat(), "--json", "radar", "--horizon", "14d").json()
    risk = data["risks"][0]
    assert risk["kind"] == "double_booking"
    assert risk["severity"] == 3
    assert risk["starts_at"] == "2026-11-30T10:30:00+01:00"
    assert {e["title"] for e in risk["about"]["events"]} == {"Budget review", "Supplier call"}
    assert "se chevauchent" in risk["explanation"]
    best = risk["proposals"][0]
    assert {"id", "summary", "changes", "cost"} <= set(best)
    applied = workspace_cli("--now", NOW.isoformat(), "--json", "apply", best["id"]).json()
    assert applied["proposal"] == best["id"]
    after = workspace_cli("--now", NOW.isoformat(), "--json", "radar").json()
    assert [r["kind"] for r in after["risks"]] == []


def test_dismiss_hides_a_risk_and_text_output_names_it(workspace_cli: Cli) -> None:
    clash(workspace_cli)
    text = workspace_cli("--now", NOW.isoformat(), "--lang", "en", "radar").stdout
    assert text.startswith("R1 [high] double_booking:")
    done = workspace_cli("--now", NOW.isoformat(), "dismiss", "R1", "--reason", "fine")
    assert done.exit_code == 0
    assert "R1" in done.stdout
    assert workspace_cli("--now", NOW.isoformat(), "--json", "radar").json()["risks"] == []


def test_user_errors_exit_1_with_one_line(workspace_cli: Cli) -> None:
    result = workspace_cli("--now", NOW.isoformat(), "apply", "P42")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    result = workspace_cli("--now", NOW.isoformat(), "radar", "--horizon", "soon")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


def test_every_radar_command_has_an_example(workspace_cli: Cli) -> None:
    for command in ("radar", "apply", "dismiss"):
        assert "Example:" in workspace_cli(command, "--help").stdout


def test_radar_apply_and_dismiss_speak_the_readers_language(workspace_cli: Cli) -> None:
    clash(workspace_cli)
    now = ("--now", NOW.isoformat())
    french = workspace_cli(*now, "--lang", "fr", "radar").stdout
    assert french.startswith("R1 [haute] double_booking:")
    done = workspace_cli(*now, "--lang", "fr", "dismiss", "R1", "--reason", "ok")
    assert done.stdout.strip() == "R1 écarté."
    assert workspace_cli(*now, "--lang", "en", "radar").stdout.strip() == "No risk ahead."


def test_applying_a_notice_names_its_recipients_in_each_language(workspace_cli: Cli) -> None:
    person = workspace_cli("person", "add", "--name", "Paul Roy", "--email", "paul@example.fr")
    assert person.exit_code == 0, person.stderr
    add = workspace_cli("commitment", "add", "Send the deck", "--to", "paul@example.fr",
                        "--due", "2026-11-26T17:00")  # fmt: skip
    assert add.exit_code == 0, add.stderr
    risks = workspace_cli("--now", NOW.isoformat(), "--json", "radar").json()["risks"]
    due = next(r for r in risks if r["kind"] == "commitment_due")
    renegotiate = next(p for p in due["proposals"] if p["kind"] == "renegotiate_due")
    english = workspace_cli("--now", NOW.isoformat(), "--lang", "en", "apply", renegotiate["id"])
    assert english.exit_code == 0, english.stderr
    assert english.stdout.splitlines() == [
        f"{renegotiate['id']} applied (renegotiate_due).",
        "  Message to send to paul@example.fr",
    ]
