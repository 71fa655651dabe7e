"""Ask, requests on Today, priorities with their why and the plan, the brief, settings with
grants, and the API routes added with them (issue 9, second half)."""

from __future__ import annotations

import re
import time
from html import unescape

from binome.app.context import App
from binome.app.requests import list_requests
from tests.conftest import NOW
from tests.web.conftest import Site, TestClient, csrf_of

ASK_EN = "Organise a 30-minute meeting with John Smith tomorrow"
HTMX = {"hx-request": "true"}


def _as(site: Site, who: str) -> App:
    return App.open(site.url, now=NOW, workspace="Claire Martin", actor=who)


def _token(site: Site, who: str) -> dict[str, str]:
    from binome.app.sessions import create_api_token

    return {"authorization": f"Bearer {create_api_token(_as(site, who)).token}"}


def test_asking_shows_the_reformulation_and_options_as_a_fragment(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    csrf = csrf_of(client, "/ask")
    response = client.post("/ask", data={"csrf": csrf, "text": ASK_EN}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<li id="request-Q')  # a fragment, not a page
    assert "John Smith" in unescape(response.text)
    assert "/confirm" in response.text
    assert "<html" not in response.text


def test_confirming_the_first_option_creates_the_meeting(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    csrf = csrf_of(client, "/ask")
    client.post("/ask", data={"csrf": csrf, "text": ASK_EN}, headers=HTMX)
    waiting = [q for q in list_requests(_as(sqlite_site, "claire")) if q["text"] == ASK_EN]
    ref = waiting[0]["id"]
    today = client.get("/today").text
    assert f'id="request-{ref}"' in today  # awaiting confirmation, with its options
    done = client.post(f"/requests/{ref}/confirm", data={"csrf": csrf, "option": "1"}, headers=HTMX)
    assert done.status_code == 200
    assert "Confirmée" in done.text
    assert re.search(r"E\d+", done.text)
    assert ref not in [q["id"] for q in list_requests(_as(sqlite_site, "claire"))]


def test_a_confirm_without_the_csrf_token_is_refused(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    csrf = csrf_of(client, "/ask")
    client.post("/ask", data={"csrf": csrf, "text": ASK_EN}, headers=HTMX)
    ref = list_requests(_as(sqlite_site, "claire"))[-1]["id"]
    assert client.post(f"/requests/{ref}/confirm", data={"option": "1"}).status_code == 403
    assert ref in [q["id"] for q in list_requests(_as(sqlite_site, "claire"))]


def test_a_request_naming_an_unknown_person_asks_its_question(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    csrf = csrf_of(client, "/ask")
    text = "Organise une réunion avec Zébulon mardi prochain"
    html = client.post("/ask", data={"csrf": csrf, "text": text}, headers=HTMX).text
    assert 'class="question"' in html
    assert "/confirm" not in html  # nothing to confirm before the answer
    ref = re.search(r'id="request-(Q\d+)"', html)
    assert ref
    rejected = client.post(f"/requests/{ref.group(1)}/reject", data={"csrf": csrf}, headers=HTMX)
    assert "Refusée" in rejected.text


def test_a_viewer_cannot_ask(sqlite_site: Site) -> None:
    client = sqlite_site.login("victor")
    csrf = csrf_of(client, "/ask")
    assert client.post("/ask", data={"csrf": csrf, "text": ASK_EN}).status_code == 403


def test_priorities_rank_tasks_by_score_and_explain_why(sqlite_site: Site) -> None:
    client = sqlite_site.login("claire")
    html = client.get("/priorities").text
    assert html.index("Prepare the board deck") < html.index("Book the dentist")
    task = sqlite_site.a["task"]
    assert f'hx-get="/tasks/{task}/why"' in html
    why = client.get(f"/tasks/{task}/why", headers=HTMX).text
    assert "<table" in why
    assert "<html" not in why
    assert "Score" in why
    assert "<html" in client.get(f"/tasks/{task}/why").text  # without JavaScript: a page
    assert 'hx-get="/plan"' in html  # the plan loads itself after the page


def _plan(client: TestClient) -> str:
    """The plan fragment as a browser ends up showing it: asked again while the answer is
    "computing" (``web.background``), as the placeholder's htmx trigger does."""
    for _ in range(200):
        text = client.get("/plan", headers=HTMX).text
        if 'aria-busy="true"' not in text:
            return text
        time.sleep(0.05)
    raise AssertionError("the plan never arrived")


def test_the_plan_is_previewed_and_applied_by_the_assistant(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    preview = _plan(client)
    assert "Prepare the board deck" in preview
    assert 'id="apply-plan"' in preview
    csrf = csrf_of(client)
    applied = client.post("/plan/apply", data={"csrf": csrf}, headers=HTMX).text
    assert "Plan appliqué." in applied
    week = client.get("/week").text
    assert "Prepare the board deck" in week  # the block is in the calendar now
    assert client.get("/priorities", headers={}).status_code == 200


def test_the_plan_is_computed_off_the_request_path_once_per_reader(sqlite_site: Site) -> None:
    """No request waits on the solver: the first answers "computing" and asks again; the
    job runs once for the requests that come meanwhile and fills the read-model cache,
    which answers every later request without solving again."""
    from binome.app.audit import list_audit
    from binome.app.items import complete_task

    sqlite_site.app.state.background.wait_s = 0.0
    client = sqlite_site.login("anna")
    page = client.get("/plan")  # without JavaScript: a page that asks again by itself
    assert page.status_code == 200
    assert "<html" in page.text
    assert 'hx-get="/plan"' in page.text
    assert "Calcul du plan en cours" in page.text
    fragment = _plan(client)
    assert "Prepare the board deck" in fragment
    assert "<html" not in fragment
    again = client.get("/plan", headers=HTMX).text  # from the cache, at once
    assert again == fragment
    assert sqlite_site.app.state.background.running() == 0
    entries = list_audit(_as(sqlite_site, "claire"))
    assert [e["action"] for e in entries].count("plan.run") == 1
    # A change (here made elsewhere, as by the CLI) is never answered by the plan before it
    complete_task(_as(sqlite_site, "claire"), sqlite_site.a["task"])
    assert "Prepare the board deck" not in _plan(client)


def test_the_viewer_gets_no_plan(sqlite_site: Site) -> None:
    client = sqlite_site.login("victor")
    assert 'hx-get="/plan"' not in client.get("/priorities").text
    assert client.get("/plan").status_code == 403


def test_the_brief_page_and_its_print_view_are_phone_readable(sqlite_site: Site) -> None:
    client = sqlite_site.login("claire")
    page = client.get("/brief")
    assert page.status_code == 200
    assert 'name="viewport"' in page.text
    assert 'id="brief"' in page.text
    assert "Prepare the board deck" in page.text
    printed = client.get("/brief?format=html")
    assert printed.status_code == 200
    assert "<style>" not in printed.text  # the CSP allows no inline style
    assert "/static/brief.css" in printed.text
    assert 'name="viewport"' in printed.text
    assert client.get("/brief?format=pdf").status_code in (400, 422)  # InvalidInput


def test_the_brief_shows_a_viewer_no_content(sqlite_site: Site) -> None:
    html = sqlite_site.login("victor").get("/brief").text
    assert "merger" not in html
    assert "Prepare the board deck" not in html


def test_settings_show_the_work_style_and_let_the_principal_grant_and_revoke(
    sqlite_site: Site,
) -> None:
    client = sqlite_site.login("claire")
    html = client.get("/settings").text
    assert 'id="h-profile"' in html
    assert 'id="grant-form"' in html
    csrf = csrf_of(client, "/settings")
    added = client.post("/settings/grants", data={"csrf": csrf, "login": "anna", "kind": "audit"})
    assert added.status_code == 303
    html = client.get("/settings").text
    grant = re.search(r'id="grant-(G\d+)">[^<]*anna: audit', html)
    assert grant, html
    revoked = client.post(f"/settings/grants/{grant.group(1)}/revoke", data={"csrf": csrf})
    assert revoked.status_code == 303
    assert f'id="grant-{grant.group(1)}"' not in client.get("/settings").text


def test_only_the_principal_may_grant(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    html = client.get("/settings").text
    assert 'id="grant-form"' not in html
    csrf = csrf_of(client, "/settings")
    refused = client.post("/settings/grants", data={"csrf": csrf, "login": "anna", "kind": "audit"})
    assert refused.status_code == 403


def test_a_viewer_sees_no_work_style_in_settings(sqlite_site: Site) -> None:
    html = sqlite_site.login("victor").get("/settings").text
    assert 'id="h-profile"' not in html


def test_the_api_asks_once_per_idempotency_key_and_confirms(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    auth = _token(sqlite_site, "anna")
    headers = {**auth, "idempotency-key": "ask-1"}
    first = client.post("/api/requests", json={"text": ASK_EN}, headers=headers)
    again = client.post("/api/requests", json={"text": ASK_EN}, headers=headers)
    assert first.status_code == 200
    assert first.json()["options"]
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json()["id"] == first.json()["id"]
    listed = client.get("/api/requests", headers=auth).json()
    assert [q["id"] for q in listed].count(first.json()["id"]) == 1
    done = client.post(
        f"/api/requests/{first.json()['id']}/confirm", json={"option": 1}, headers=auth
    )
    assert done.status_code == 200
    assert done.json()["status"] == "confirmed"


def test_the_api_ranks_tasks_plans_and_briefs(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    auth = _token(sqlite_site, "claire")
    ranked = client.get("/api/tasks?ranked=1", headers=auth).json()
    assert next(t["title"] for t in ranked) == "Prepare the board deck"
    assert all(t["score"] is not None for t in ranked)
    plan = client.get("/api/plan", headers=auth).json()
    assert plan["applied"] is False
    assert plan["blocks"]
    brief = client.get("/api/brief", headers=auth).json()
    assert brief["day"] == "2026-11-26"
    assert brief["text"]


def test_a_page_view_audits_its_confidential_reads_once_per_session_and_day(
    sqlite_site: Site,
) -> None:
    from binome.app.audit import list_audit

    def reads() -> int:
        entries = list_audit(_as(sqlite_site, "claire"))
        return sum(1 for e in entries if e["action"] == "read.confidential")

    before = reads()
    client = sqlite_site.login("claire")  # she may read the secret event: a traced read
    client.get("/today")
    once = reads()
    assert once > before
    for _ in range(3):
        client.get("/today")
    assert reads() == once  # the same items, the same session, the same day: on record
    sqlite_site.login("claire").get("/today")
    assert reads() > once  # another session leaves its own trace


def test_today_is_ready_for_the_radar_risks_with_apply_and_dismiss() -> None:
    """The template contract for ``binome.app.radar.top_risks(app, n)``: severity 1-4."""
    from types import SimpleNamespace

    from starlette.requests import Request

    from binome.web.render import page

    scope = {"type": "http", "method": "GET", "path": "/today", "headers": [], "query_string": b""}
    data = {
        "date": "2026-11-26",
        "tz": "Europe/Paris",
        "items": [],
        "commitments": [],
        "more_commitments": 0,
        "tasks": [],
        "more_tasks": 0,
    }
    risk = {
        "id": "R3",
        "severity": 3,
        "kind": "double_booking",
        "explanation": "<b>Two meetings</b> overlap",
        "starts_at": None,
        "about": {"events": [], "tasks": [], "commitments": []},
        "proposals": [{"id": "P7", "summary": "Move the 1:1 to 16:00", "cost": 1.5}],
    }
    html = page(
        Request(scope),
        "today.html",
        "en",
        user=SimpleNamespace(name="anna", can_act=True),
        csrf="token",
        data=data,
        risks=[risk],
        requests=None,
    ).body.decode()
    assert 'id="risk-R3"' in html
    assert 'action="/proposals/P7/apply"' in html
    assert 'action="/risks/R3/dismiss"' in html
    assert "&lt;b&gt;Two meetings&lt;/b&gt;" in html  # escaped like every other value
    assert 'id="requests"' not in html
