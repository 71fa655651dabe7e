"""Requests end to end through the CLI, on SQLite and PostgreSQL: ask, requests, confirm,
reject, intake. ``now`` is Thursday 26 November 2026, 9:00 in Paris (the fixtures' now)."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tests.conftest import NOW, Cli

WALKTHROUGH = "Cale-moi un déjeuner avec Paul jeudi prochain"


def _run(cli: Cli, *args: str) -> Any:
    result = cli(*args, "--now", NOW.isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()


def _person(cli: Cli, name: str, email: str, *extra: str) -> None:
    result = cli("person", "add", "--name", name, "--email", email, *extra)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def paul(workspace_cli: Cli) -> Cli:
    _person(workspace_cli, "Paul Durand", "paul@example.com", "--tz", "Europe/Paris")
    return workspace_cli


def test_ask_then_confirm_option_two_books_the_lunch_and_drafts_the_invitation(paul: Cli) -> None:
    asked = _run(paul, "ask", WALKTHROUGH)
    assert asked["status"] == "awaiting_confirmation"
    waiting = _run(paul, "requests")
    assert [r["id"] for r in waiting] == [asked["id"]]
    second = asked["options"][1]

    done = _run(paul, "confirm", asked["id"], "--option", "2")

    assert done["status"] == "confirmed"
    [event] = [d for d in done["done"] if d["type"] == "event"]
    agenda = _run(paul, "agenda", second["start"][:10])
    [item] = [i for i in agenda["items"] if i["id"] == event["id"]]
    assert (item["start"], item["end"]) == (second["start"], second["end"])
    assert item["title"] == "Déjeuner"
    assert [a["email"] for a in item["attendees"]] == ["paul@example.com"]
    [draft] = done["invitations"]
    assert draft["to"] == "paul@example.com"
    assert draft["lang"] == "fr"
    assert "Claire Martin vous invite" in draft["message"]
    vevent = Calendar.from_ical(draft["ics"]).walk("VEVENT")[0]
    assert Calendar.from_ical(draft["ics"])["METHOD"] == "REQUEST"
    assert str(vevent["ATTENDEE"]) == "mailto:paul@example.com"
    assert vevent.decoded("DTSTART").isoformat() == second["start"]
    assert _run(paul, "requests") == []


def test_the_walkthrough_request_is_restated_in_french_with_three_options(paul: Cli) -> None:
    result = paul("ask", WALKTHROUGH, "--now", NOW.isoformat())
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Vous souhaitez organiser un déjeuner avec Paul jeudi 3 décembre" in text
    assert "Je propose : 1) jeu. 3 déc. 12 h–13 h 30" in text
    assert " 2) " in text
    assert " 3) " in text
    asked = _run(paul, "ask", WALKTHROUGH)
    assert len(asked["options"]) == 3
    assert all(o["reasons"] for o in asked["options"])
    assert asked["interpretation"]["title"] == "déjeuner"


def test_two_people_named_paul_get_one_clarifying_question(paul: Cli) -> None:
    _person(paul, "Paul Martin", "paul.martin@example.org")
    asked = _run(paul, "ask", WALKTHROUGH)
    assert asked["status"] == "needs_clarification"
    assert asked["options"] == []
    assert "paul@example.com" in asked["question"]
    assert "paul.martin@example.org" in asked["question"]
    refused = paul("confirm", asked["id"], "--now", NOW.isoformat())
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1


def test_ambiguity_gets_one_question_never_a_guess(paul: Cli) -> None:
    for text, words in (
        ("Réunion avec Paul jeudi à 10h", "aujourd'hui ou"),
        ("Organise une réunion avec Paul et Marie demain à 15h", "Je ne connais pas Marie"),
        ("Call with Paul on Monday between 10am and 10:30 for an hour", "do not fit"),
        ("Réunion avec Paul hier à 10h", "est passé"),
    ):
        asked = _run(paul, "ask", text)
        assert asked["status"] == "needs_clarification", text
        assert words in asked["question"], (text, asked["question"])


def test_a_rejected_request_no_longer_waits_and_cannot_be_confirmed(paul: Cli) -> None:
    asked = _run(paul, "ask", WALKTHROUGH)
    rejected = _run(paul, "reject", asked["id"])
    assert rejected["status"] == "rejected"
    assert _run(paul, "requests") == []
    assert paul("confirm", asked["id"], "--now", NOW.isoformat()).exit_code == 1
    assert paul("reject", "Q999", "--now", NOW.isoformat()).exit_code == 1
    actions = [e["action"] for e in _run(paul, "audit")]
    assert "request.reject" in actions


def test_a_move_and_a_cancellation_act_on_the_event_they_name(paul: Cli) -> None:
    added = paul(
        "event", "add", "--title", "Comité", "--start", "2026-12-03T11:00",
        "--end", "2026-12-03T12:00", "--attendees", "paul@example.com", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    moved = _run(paul, "ask", "Décale le comité de jeudi prochain à 16h")
    done = _run(paul, "confirm", moved["id"])
    assert done["done"] == [{"type": "event_moved", "id": added.json()["id"]}]
    assert "déplace" in done["invitations"][0]["message"]
    [item] = _run(paul, "agenda", "2026-12-03")["items"]
    assert item["start"] == "2026-12-03T16:00:00+01:00"

    cancel = _run(paul, "ask", "Annule le comité de jeudi prochain")
    done = _run(paul, "confirm", cancel["id"])
    assert Calendar.from_ical(done["invitations"][0]["ics"])["METHOD"] == "CANCEL"
    [item] = _run(paul, "agenda", "2026-12-03")["items"]
    assert item["status"] == "cancelled"


def test_a_task_request_adds_the_task_and_its_block_before_the_deadline(paul: Cli) -> None:
    asked = _run(paul, "ask", "Ajoute une tâche : préparer le budget avant vendredi")
    option = asked["options"][0]
    assert option["end"] <= asked["interpretation"]["deadline"]
    done = _run(paul, "confirm", asked["id"])
    kinds = [d["type"] for d in done["done"]]
    assert kinds == ["task", "event"]
    [task] = _run(paul, "task", "list")
    assert task["due"] is not None


def test_an_agenda_question_is_answered_at_once_and_waits_for_nothing(paul: Cli) -> None:
    paul("event", "add", "--title", "Board", "--start", "2026-11-27T10:00",
         "--end", "2026-11-27T11:00")  # fmt: skip
    asked = _run(paul, "ask", "qu'est-ce que j'ai demain ?")
    assert asked["status"] == "confirmed"
    assert [i["title"] for i in asked["answer"]] == ["Board"]
    assert "Board" in asked["reformulation"]
    assert _run(paul, "requests") == []


def _mail(sender: str, subject: str, body: str, message_id: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "claire@example.fr"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = "Thu, 26 Nov 2026 08:30:00 +0100"
    msg.set_content(body)
    return msg


def test_intake_reads_french_and_english_mail_and_the_sender_is_the_requester(
    paul: Cli, tmp_path: Path
) -> None:
    _person(paul, "John Smith", "john@example.com", "--tz", "America/New_York")
    fr = _mail(
        "Paul Durand <paul@example.com>", "Déjeuner",
        "Bonjour Claire,\n\nPourrait-on déjeuner ensemble jeudi prochain ?\n\nCordialement,\nPaul",
        "<fr-1@example.com>",
    )  # fmt: skip
    en = _mail(
        "John Smith <john@example.com>", "Call",
        "Hi Claire,\n\nCould we have a call with John tomorrow afternoon?\n\nBest,\nJohn",
        "<en-1@example.com>",
    )  # fmt: skip
    mbox = tmp_path / "inbox.mbox"
    mbox.write_bytes(
        b"".join(b"From x@example.com Thu Nov 26 08:30:00 2026\n" + m.as_bytes() + b"\n"
                 for m in (fr, en))
    )  # fmt: skip
    result = _run(paul, "intake", str(mbox))
    assert result["created"] == 2
    by_lang = {r["lang"]: r for r in result["requests"]}
    assert by_lang["fr"]["requester"] == "paul@example.com"
    assert by_lang["fr"]["interpretation"]["intent"] == "schedule_meeting"
    assert "paul@example.com" in by_lang["fr"]["outcome"]["attendees"]
    assert by_lang["en"]["requester"] == "john@example.com"
    assert by_lang["en"]["reformulation"].startswith("You want")


def test_the_same_mail_twice_makes_one_request(paul: Cli, tmp_path: Path) -> None:
    eml = tmp_path / "ask.eml"
    body = "Peux-tu bloquer deux heures demain matin pour le budget ?"
    eml.write_bytes(_mail("paul@example.com", "Budget", body, "<same@example.com>").as_bytes())
    first = _run(paul, "intake", str(eml))
    second = _run(paul, "intake", str(eml))
    assert (first["created"], second["created"], second["duplicates"]) == (1, 0, 1)
    assert second["requests"][0]["id"] == first["requests"][0]["id"]
    assert len(_run(paul, "requests")) == 1


def test_an_invitation_from_an_unknown_sender_is_queued_never_added(
    paul: Cli, tmp_path: Path
) -> None:
    msg = _mail("Stranger <x@phish.example>", "Facture", "Réunion demain à 10h", "<inv@x>")
    lines = ("BEGIN:VCALENDAR", "METHOD:REQUEST", "BEGIN:VEVENT", "SUMMARY:Pay", "END:VEVENT")
    ics = "\r\n".join((*lines, "END:VCALENDAR", ""))
    msg.add_attachment(ics.encode(), maintype="text", subtype="calendar",
                       params={"method": "REQUEST"})  # fmt: skip
    eml = tmp_path / "invite.eml"
    eml.write_bytes(msg.as_bytes())
    [request] = _run(paul, "intake", str(eml))["requests"]
    assert request["status"] == "needs_clarification"
    assert request["mail"]["has_invitation"] is True
    assert "x@phish.example" in request["question"]
    assert request["options"] == []
    assert _run(paul, "agenda", "week")["items"] == []


def _fixture_sample(shared: Path) -> list[dict[str, Any]]:
    lines = (shared / "requests" / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    return records[::12]


def test_ask_json_returns_exactly_the_schema_keys_on_fixture_records(
    workspace_cli: Cli, shared_fixtures: Path
) -> None:
    sample = _fixture_sample(shared_fixtures)
    right = 0
    for record in sample:
        result = workspace_cli("ask", record["text"], "--now", record["reference_datetime"],
                               "--json")  # fmt: skip
        assert result.exit_code == 0, (record["id"], result.stderr)
        view = result.json()
        assert set(view["interpretation"]) == set(record["expected"]), record["id"]
        assert {"id", "reformulation", "options", "question"} <= set(view)
        accepted = [record["expected"]["intent"], *record["also_acceptable"].get("intent", [])]
        right += view["interpretation"]["intent"] in accepted
    assert right >= 0.9 * len(sample)


def test_a_relative_move_shifts_the_event_named_by_its_time(paul: Cli) -> None:
    paul("event", "add", "--title", "Revue", "--start", "2026-11-27T15:00",
         "--end", "2026-11-27T16:00")  # fmt: skip
    asked = _run(paul, "ask", "Décale mon rendez-vous de demain 15h d'une heure")
    assert asked["interpretation"]["shift_minutes"] == 60, asked["interpretation"]
    [option] = asked["options"]
    assert option["start"] == "2026-11-27T16:00:00+01:00"
    _run(paul, "confirm", asked["id"])
    [item] = _run(paul, "agenda", "tomorrow")["items"]
    assert (item["start"], item["end"]) == (option["start"], option["end"])


def test_lang_forces_the_language_of_the_restatement(paul: Cli) -> None:
    asked = _run(paul, "ask", "Déjeuner avec Paul jeudi prochain", "--lang", "en")
    assert asked["lang"] == "en"
    assert asked["reformulation"].startswith("You want to schedule")


def test_an_empty_request_is_one_line_on_stderr_and_exit_1(paul: Cli) -> None:
    result = paul("ask", "   ", "--now", NOW.isoformat())
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_an_unreadable_mail_file_is_a_user_error(paul: Cli, tmp_path: Path) -> None:
    result = paul("intake", str(tmp_path / "missing.eml"), "--now", NOW.isoformat())
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
