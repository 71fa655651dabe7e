"""Laying out a brief built by hand (no database): text lines, escaping, PDF fallbacks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from binome.app.brief import Brief
from binome.present.brief import blocks, to_html, to_markdown, to_text
from binome.present.brief_pdf import latin1, to_pdf


def item(title: str | None, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "start": start,
        "end": end,
        "all_day": False,
        "masked": title is None,
        "location": None,
        "remote": [],
        **extra,
    }


def brief(lang: str = "fr", **extra: Any) -> Brief:
    fields: dict[str, Any] = {
        "day": date(2026, 12, 3),
        "tz": "Europe/Paris",
        "lang": lang,
        "principal": "Claire Martin",
        "reader": "claire",
        "reader_role": "principal",
        "as_of": datetime(2026, 12, 3, 6, 30, tzinfo=UTC),
        "agenda": [
            item(
                "Board call",
                "2026-12-03T14:00:00+01:00",
                "2026-12-03T15:00:00+01:00",
                remote=[
                    {
                        "email": "r@x.com",
                        "name": "Robert Hayes",
                        "tz": "America/New_York",
                        "local_start": "2026-12-03T08:00:00-05:00",
                    }
                ],
            ),
            item(None, "2026-12-03T16:00:00+01:00", "2026-12-03T17:00:00+01:00"),
        ],
        "priorities": [],
        "commitments": [],
        "requests": [],
        "decisions": [],
        "risks": [],
    }
    fields.update(extra)
    return Brief(**fields)


def test_an_agenda_line_has_the_time_column_the_title_and_the_remote_local_time() -> None:
    lines = to_text(brief()).splitlines()
    assert "  14 h–15 h       Board call  [Robert 8 h (New York)]" in lines
    assert "  16 h–17 h       Occupé" in lines


def test_empty_sections_say_so_and_risks_appear_only_when_given() -> None:
    text = to_text(brief())
    assert "Aucune tâche ouverte." in text
    assert "Risques" not in text
    with_risk = to_text(brief(risks=[{"summary": "Double réservation jeudi 14 h"}]))
    assert "Risques" in with_risk
    assert "Double réservation jeudi 14 h" in with_risk


def test_markdown_and_html_escape_what_users_typed() -> None:
    hostile = brief(
        agenda=[
            item(
                "<img src=x onerror=alert(1)>*",
                "2026-12-03T09:00:00+01:00",
                "2026-12-03T10:00:00+01:00",
            )
        ]
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in to_html(hostile)
    assert "<img" not in to_html(hostile)
    assert "\\<img src=x onerror=alert(1)\\>\\*" in to_markdown(hostile)


def test_the_title_names_the_day_in_the_readers_language() -> None:
    assert blocks(brief("fr"))[0].text == "Brief du matin — jeudi 3 décembre"
    assert blocks(brief("en"))[0].text == "Morning brief — Thursday 3 December"


def test_the_pdf_embeds_dejavu_when_present_and_falls_back_to_a_core_font(tmp_path: Path) -> None:
    fallback = to_pdf(brief(), font_dir=tmp_path)
    assert fallback.startswith(b"%PDF-")
    assert b"Helvetica" in fallback
    assert b"DejaVu" not in fallback


def test_latin1_keeps_accents_and_replaces_dashes() -> None:
    assert latin1("Comité — 9 h–10 h · Fourvière ’") == "Comité - 9 h-10 h - Fourvière '"
    assert latin1("Gdańsk") == "Gdansk"
