"""What each page shows, in French and English, for each role."""

from __future__ import annotations

import json
import re
from html import unescape

from tests.web.conftest import Site


def test_today_shows_the_day_in_the_principal_zone_with_remote_local_times(
    sqlite_site: Site,
) -> None:
    html = sqlite_site.login("anna").get("/today").text
    assert "14 h–15 h" in html  # Paris time, French typography
    assert "John Smith: 8 h (America/New_York)" in html
    assert "Avec : John Smith" in unescape(html) or "Avec: John Smith" in unescape(html)
    assert "Occupé" in html  # the secret meeting, as a busy block
    assert "Send the term sheet" in html  # a late commitment
    tasks = html.index("Prepare the board deck"), html.index("Book the dentist")
    assert tasks[0] < tasks[1]  # high priority first


def test_today_shows_the_requests_section_and_leaves_out_risks_until_the_radar_lands(
    sqlite_site: Site,
) -> None:

    html = sqlite_site.login("claire").get("/today").text
    assert 'id="risks"' in html  # the radar is on this build
    assert 'id="requests"' in html


def test_the_language_toggle_switches_the_pages_to_english_and_back(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    assert '<html lang="fr">' in client.get("/today").text
    switched = client.post("/lang", data={"lang": "en", "next": "/week"})
    assert switched.status_code == 303
    assert switched.headers["location"] == "/week"
    html = client.get("/today").text
    assert '<html lang="en">' in html
    assert "Tasks by priority" in html
    assert "14:00–15:00" in html
    client.post("/lang", data={"lang": "fr"})
    assert "Tâches par priorité" in client.get("/today").text


def test_the_language_toggle_never_redirects_off_site(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = client.post("/lang", data={"lang": "en", "next": target})
        assert response.headers["location"] == "/today"


def test_login_returns_to_the_page_first_asked_for(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    assert client.get("/week?start=2026-12-07").headers["location"] == (
        "/login?next=%2Fweek%3Fstart%3D2026-12-07"
    )
    response = client.post(
        "/login",
        data={
            "login": "anna",
            "password": "anna-long-passphrase-2",
            "next": "/week?start=2026-12-07",
        },
    )
    assert response.headers["location"] == "/week?start=2026-12-07"


def test_the_week_grid_marks_conflicts_busy_blocks_and_focus_time(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    html = client.get("/week").text
    blocks = re.findall(r'<div class="(block [^"]+)"', html)
    assert len(blocks) == 3
    assert sum("conflict" in b for b in blocks) == 2
    assert any("k-busy" in b for b in blocks)
    assert any("k-focus" in b for b in blocks)
    assert "2 éléments se chevauchent" in html
    assert 'href="/week?start=2026-11-16"' in html
    assert 'href="/week?start=2026-11-30"' in html


def test_the_next_week_comes_as_a_fragment_for_htmx(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    fragment = client.get("/week?start=2026-11-30", headers={"hx-request": "true"}).text
    assert fragment.startswith('<div id="week-grid">')
    assert "<html" not in fragment
    assert 'href="/week?start=2026-12-07"' in fragment


def test_priorities_chart_compares_time_spent_with_weight(sqlite_site: Site) -> None:
    html = sqlite_site.login("claire").get("/priorities").text
    found = re.search(r'data-chart="([^"]+)"', html)
    assert found
    chart = json.loads(unescape(found.group(1)))
    assert chart["labels"] == ["Close the merger", "Hire a CFO"]
    spent, weight = chart["series"]
    assert spent["data"] == [100.0, 0.0]
    assert weight["data"] == [75.0, 25.0]


def test_commitments_page_groups_by_status_with_a_weekly_trend(sqlite_site: Site) -> None:
    client = sqlite_site.login("claire")
    html = client.get("/commitments").text
    assert "En retard (1)" in html
    chart = json.loads(unescape(re.search(r'data-chart="([^"]+)"', html).group(1)))  # type: ignore[union-attr]
    assert len(chart["labels"]) == 8
    assert chart["series"][0]["data"][-1] == 0.0  # one commitment due this week, not kept


def test_keeping_a_commitment_from_the_page_updates_it(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    html = client.get("/commitments").text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
    ref = sqlite_site.a["commitment"]
    fragment = client.post(
        f"/commitments/{ref}/done", headers={"hx-request": "true", "x-csrf-token": token}
    ).text
    assert f'id="commitment-{ref}"' in fragment
    assert "tenu" in fragment


def test_the_audit_page_is_for_the_principal_only(sqlite_site: Site) -> None:
    html = sqlite_site.login("claire").get("/audit").text
    assert "Journal d'audit intact" in unescape(html)
    assert "event.create" in html
    refused = sqlite_site.login("anna").get("/audit")
    assert refused.status_code == 403
    assert "Référence" in refused.text


def test_settings_lists_users_and_people_but_a_viewer_sees_only_themself(
    sqlite_site: Site,
) -> None:
    html = sqlite_site.login("claire").get("/settings").text
    for name in ("claire", "anna", "victor", "paul", "john@example.com"):
        assert name in html
    assert "bruno" not in html
    viewer = sqlite_site.login("victor").get("/settings").text
    assert "victor" in viewer
    assert "anna@example.fr" not in viewer
    assert "john@example.com" not in viewer


def test_api_docs_list_every_api_route(sqlite_site: Site) -> None:
    html = sqlite_site.client().get("/api/docs").text
    for path in (
        "/api/agenda",
        "/api/tasks",
        "/api/commitments",
        "/api/people",
        "/api/objectives",
        "/api/audit",
    ):
        assert f"<code>{path}</code>" in html
    assert sqlite_site.client().get("/api/openapi.json").json()["openapi"].startswith("3.")


def test_the_api_answers_the_cli_json_shapes(sqlite_site: Site) -> None:
    from binome.app.context import App
    from binome.app.sessions import create_api_token
    from tests.conftest import NOW

    token = create_api_token(
        App.open(sqlite_site.url, now=NOW, workspace="Claire Martin", actor="claire")
    ).token
    client = sqlite_site.client(origin=False)
    auth = {"authorization": f"Bearer {token}"}
    agenda = client.get("/api/agenda", params={"what": "today"}, headers=auth).json()
    assert [i["start"] for i in agenda["items"]] == [
        "2026-11-26T14:00:00+01:00",
        "2026-11-26T14:30:00+01:00",
    ]
    assert agenda["items"][1]["title"].startswith("Secret merger")  # the principal sees all
    for path in ("/api/tasks", "/api/commitments", "/api/people", "/api/objectives", "/api/audit"):
        response = client.get(path, headers=auth)
        assert response.status_code == 200, path
        assert isinstance(response.json(), list)
    task = client.get(f"/api/tasks/{sqlite_site.a['task']}", headers=auth).json()
    assert task["title"] == "Prepare the board deck"


def test_every_template_string_has_a_french_translation() -> None:
    from pathlib import Path

    from binome.web.messages_fr import FR

    templates = Path(__file__).parents[2] / "src" / "binome" / "web" / "templates"
    missing = set()
    for file in templates.glob("*.html"):
        text = file.read_text()
        for msgid in re.findall(r"""_\((?:"([^"]+)"|'([^']+)')""", text):
            key = msgid[0] or msgid[1]
            if key not in FR:
                missing.add(key)
        for key in re.findall(r'\("/?[a-z]+", "([A-Z][^"]+)"\)', text):  # nav and group labels
            if key not in FR:
                missing.add(key)
    assert not missing


def test_every_web_error_message_has_a_french_translation() -> None:
    from pathlib import Path

    from binome.web.messages_fr import FR

    root = Path(__file__).parents[2] / "src" / "binome"
    files = [*root.glob("web/**/*.py")] + [
        root / "app" / f"{name}.py"
        for name in ("sessions", "cockpit", "conditional", "idempotency")
    ]
    missing = set()
    for file in files:
        for msgid in re.findall(r'N_\(\s*"([^"]+)"\s*\)', file.read_text()):
            if msgid not in FR:
                missing.add(msgid)
    assert not missing
