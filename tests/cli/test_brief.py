"""``binome brief`` and ``binome demo`` through the real CLI, on the demo workspace.

The demo is built once per module (SQLite) with a low-cost Argon2id, then every test reads
it as a different user, in French or English, in each format, with the clock pinned to the
demo's morning (07:30 in Paris).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from binome.app.context import App
from binome.app.demo import build_demo
from binome.cli.demo_cmd import program
from tests.app.test_demo import MORNING, fast_hash
from tests.conftest import Cli

CANARY = "Verdier"  # only in secret items: the backup must never see it
NOW = MORNING.isoformat()


@dataclass(frozen=True)
class Built:
    url: str
    key: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("demo")
    key = folder / "keys.json"
    url = f"sqlite:///{folder / 'demo.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BINOME_SECRET_KEY_FILE", str(key))
        build_demo(App.open(url), hasher=fast_hash)
    return Built(url, key)


@pytest.fixture
def demo(built: Built, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(built.key))
    return Cli(built.url, capsys)


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_the_french_brief_shows_the_day_in_the_directors_zone(demo: Cli) -> None:
    result = demo("--now", NOW, "brief")
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert out[0] == "Brief du matin — jeudi 26 novembre"
    assert "  toute la journée Thanksgiving — bureau de New York fermé" in out
    assert "  9 h–10 h 30     Comité de direction · Salle Fourvière" in out
    assert "  11 h 30–12 h 15 Point 1:1 — Nathalie Roux" in out
    assert "  12 h 30–14 h    Déjeuner avec Pierre Lambert (BPI) · Brasserie Georges" in out
    assert (
        "  15 h 30–16 h 30 Verdier — offre indicative avec François Rey · Cabinet Dumas (visio)"
        in out
    )


def test_the_brief_gives_each_remote_participant_their_local_time(demo: Cli) -> None:
    out = lines(demo("--now", NOW, "brief").stdout)
    assert (
        "  10 h 45–11 h 30 Visio SinoLux — approvisionnement LED  [Wei 17 h 45 (Singapore)]" in out
    )
    assert (
        "  14 h 15–15 h    Visio Harbour Capital — point investisseurs  "
        "[Oliver 13 h 15 (London), Priya 13 h 15 (London)]" in out
    )


def test_the_brief_lists_late_commitments_and_waiting_requests(demo: Cli) -> None:
    out = demo("--now", NOW, "brief").stdout
    assert (
        "  C1 En retard : Envoyer à Robert Hayes les comptes du troisième trimestre commentés"
        " — dû lundi 23 novembre 18 h, à Robert Hayes" in lines(out)
    )
    assert "Décisions à prendre" in out
    assert (
        "  Q1 À confirmer : Déjeuner d'1 h 30 avec Jean-Paul Arnaud avant le conseil "
        "d'administration de mardi." in lines(out)
    )
    assert (
        "     1) vendredi 27 novembre 12 h 30–14 h — Seul midi libre avant le conseil, hors salon"
        in lines(out)
    )
    assert (
        "  C3 Répondre à Oliver Grant sur le calendrier de la levée de fonds"
        " — dû aujourd'hui 18 h, à Oliver Grant" in lines(out)
    )
    risks = out.split("Risques", 1)[1]  # the radar's top three, each with its best fix
    assert "c'est en retard. — Renégocier" in risks
    assert "(P1)" in risks


def test_the_brief_ranks_tasks_by_priority_score_like_task_list(demo: Cli) -> None:
    out = lines(demo("--now", NOW, "brief").stdout)
    ranked = [line for line in out if line[:5] in {f"  {n}. " for n in range(1, 6)}]
    listed = demo("--now", NOW, "task", "list", "--json").json()
    titles = [t["title"] for t in listed if t["title"]][: len(ranked)]
    assert [line[5:].startswith(title) for line, title in zip(ranked, titles, strict=True)] == [
        True
    ] * len(ranked)
    # Due today at 15:00, high priority, heaviest objective: first; the overdue budget next.
    assert ranked[0].startswith("  1. Relire la lettre d'intention Verdier")
    assert ranked[1].startswith("  2. Valider le budget 2027 du pôle industriel — en retard")


def test_the_english_brief_uses_english_words_and_24_hour_times(demo: Cli) -> None:
    out = lines(demo("--now", NOW, "--lang", "en", "brief").stdout)
    assert out[0] == "Morning brief — Thursday 26 November"
    assert "  09:00–10:30     Comité de direction · Salle Fourvière" in out
    assert "  all day         Thanksgiving — bureau de New York fermé" in out
    assert "Decisions needed" in out


def test_the_backup_sees_busy_for_the_secret_event_and_no_canary(demo: Cli) -> None:
    french = demo("--now", NOW, "--as", "julien", "brief")
    assert french.exit_code == 0, french.stderr
    assert "  15 h 30–16 h 30 Occupé" in lines(french.stdout)
    assert "  17 h–17 h 45    Occupé" in lines(french.stdout)
    english = demo("--now", NOW, "--as", "julien", "--lang", "en", "brief")
    assert "  15:30–16:30     Busy" in lines(english.stdout)
    for output in (
        french.stdout,
        english.stdout,
        demo("--now", NOW, "--as", "julien", "brief", "--json").stdout,
        demo("--now", NOW, "--as", "julien", "brief", "--format", "md").stdout,
        demo("--now", NOW, "--as", "julien", "brief", "--format", "html").stdout,
        demo("--now", NOW, "--as", "julien", "brief", "--week").stdout,
    ):
        assert CANARY not in output
        assert "Succession" not in output


def test_the_viewer_sees_only_busy_blocks(demo: Cli) -> None:
    data = demo("--now", NOW, "--as", "marc", "brief", "--json").json()
    assert data["agenda"]
    assert all(item["masked"] for item in data["agenda"])
    assert data["priorities"] == []
    assert data["hidden"] > 0


def test_the_json_brief_is_stable_snake_case_data(demo: Cli) -> None:
    data = demo("--now", NOW, "brief", "--json").json()
    assert data["day"] == "2026-11-26"
    assert data["tz"] == "Europe/Paris"
    assert [r["id"] for r in data["risks"]] == ["R1", "R2", "R3"]  # the radar's top three
    assert {"kind", "severity", "explanation", "proposals"} <= set(data["risks"][0])
    assert {d["kind"] for d in data["decisions"]} == {"request", "late_commitment"}
    board = next(i for i in data["agenda"] if i["title"].startswith("Visio Harbour"))
    assert board["remote"][0]["local_start"] == "2026-11-26T13:15:00+00:00"


def test_the_weekly_review_counts_meetings_reliability_and_tasks_done(demo: Cli) -> None:
    data = demo("--now", NOW, "brief", "--week", "--json").json()
    week = data["week"]
    assert week["first_day"] == "2026-11-23"
    assert week["meetings"] > 10
    assert week["late"] >= 2
    assert week["kept_on_time"] >= 1
    assert 0 < week["reliability"] < 1
    assert len(week["tasks_done"]) == 2
    text = demo("--now", NOW, "brief", "--week").stdout
    assert "Revue de la semaine — semaine du lundi 23 novembre" in text
    assert "Fiabilité : 25 %" in text


def test_markdown_html_and_pdf_are_produced(demo: Cli, tmp_path: Path) -> None:
    md = demo("--now", NOW, "brief", "--format", "md").stdout
    assert md.startswith("# Brief du matin — jeudi 26 novembre")
    assert "- **9 h–10 h 30** Comité de direction · Salle Fourvière" in md
    html_file = tmp_path / "brief.html"
    assert demo("--now", NOW, "brief", "--format", "html", "-o", str(html_file)).exit_code == 0
    html = html_file.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert '<meta name="viewport"' in html
    pdf_file = tmp_path / "brief.pdf"
    result = demo("--now", NOW, "brief", "--format", "pdf", "-o", str(pdf_file))
    assert result.exit_code == 0, result.stderr
    pdf = pdf_file.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 2000


def test_a_pdf_without_a_file_is_one_line_and_exit_1(demo: Cli) -> None:
    result = demo("brief", "--format", "pdf")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


def test_html_escapes_a_script_in_a_title(demo: Cli) -> None:
    added = demo(
        "--now",
        NOW,
        "event",
        "add",
        "--title",
        "<script>alert(1)</script>",
        "--start",
        "2026-11-26T19:30",
        "--end",
        "2026-11-26T20:00",
    )
    assert added.exit_code == 0, added.stderr
    html = demo("--now", NOW, "brief", "--format", "html").stdout
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reading_confidential_items_in_the_brief_is_audited(demo: Cli) -> None:
    demo("--now", NOW, "brief")
    entries = demo("audit", "--json").json()
    assert any(e["action"] == "read.confidential" and e["actor"] == "claire" for e in entries)
    assert demo("audit", "verify").exit_code == 0


def test_the_demo_command_prints_the_brief_logins_and_serve(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    result = sqlite_cli("demo")
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert out[0] == "Brief du matin — jeudi 26 novembre"
    assert "  9 h–10 h 30     Comité de direction · Salle Fourvière" in out
    assert any(line.startswith("  julien   demo-julien-2026") for line in out)
    serve = next(line for line in out if line.endswith(f"--db {tmp_path / 'binome.db'} serve"))
    prog = serve.split()[0]
    assert prog == program()
    assert shutil.which(prog) or Path(prog).is_file()  # runnable as printed, venv or not
    again = sqlite_cli("demo")
    assert again.exit_code == 1
    assert again.stderr.count("\n") == 1
    forced = sqlite_cli("demo", "--force", "--lang", "en")
    assert forced.exit_code == 0, forced.stderr
    assert lines(forced.stdout)[0] == "Morning brief — Thursday 26 November"


def test_the_demo_command_speaks_json_and_takes_another_today(sqlite_cli: Cli) -> None:
    result = sqlite_cli("demo", "--today", "2027-03-04", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["today"] == "2027-03-04"
    assert data["counts"]["task"] == 25
    assert {x["role"] for x in data["logins"]} == {"principal", "assistant", "backup", "viewer"}
    assert any(i["title"] == "Comité de direction" for i in data["brief"]["agenda"])
