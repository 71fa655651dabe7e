"""The cockpit on the demo workspace: every page answers for each demo login, and the API
with a bearer token (``binome token create``) over the same use cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from binome.app.sessions import create_api_token
from tests.web.demo_site import DemoSite, demo_site

PAGES = ("/today", "/week", "/ask", "/priorities", "/brief", "/commitments", "/settings")


@pytest.fixture
def demo(tmp_path: Path) -> DemoSite:
    return demo_site(tmp_path)


def test_every_page_answers_for_the_assistant_and_the_viewer(demo: DemoSite) -> None:
    for login in ("sophie", "marc"):
        client = demo.login(login)
        for page in PAGES:
            assert client.get(page).status_code == 200, (login, page)
    today = demo.login("sophie").get("/today").text
    assert 'id="requests"' in today
    assert "Jean-Paul Arnaud" in today  # a demo request waiting, with its options
    assert "/requests/Q" in today


def test_the_api_answers_with_a_token_on_the_demo_and_401_without(demo: DemoSite) -> None:
    client = demo.client()
    for path in ("/api/requests", "/api/tasks?ranked=1", "/api/plan", "/api/brief"):
        assert client.get(path).status_code == 401, path
    token = create_api_token(demo.as_user("sophie")).token
    auth = {"authorization": f"Bearer {token}"}
    waiting = client.get("/api/requests", headers=auth).json()
    assert len(waiting) >= 3
    assert all(q["status"] in ("awaiting_confirmation", "needs_clarification") for q in waiting)
    ranked = client.get("/api/tasks?ranked=1", headers=auth).json()
    scores = [t["score"] for t in ranked]
    assert scores == sorted(scores, reverse=True)
    brief = client.get("/api/brief", headers=auth).json()
    assert brief["day"] == demo.demo.today.isoformat()
    asked = client.post(
        "/api/requests",
        json={"text": "Organise une réunion de 30 minutes avec Antoine mardi prochain"},
        headers={**auth, "idempotency-key": "demo-1"},
    ).json()
    assert asked["options"]
    done = client.post(f"/api/requests/{asked['id']}/confirm", headers=auth).json()
    assert done["status"] == "confirmed"


def test_a_viewer_token_sees_no_request_content(demo: DemoSite) -> None:
    client = demo.client()
    token = create_api_token(demo.as_user("marc")).token
    auth = {"authorization": f"Bearer {token}"}
    for q in client.get("/api/requests", headers=auth).json():
        assert q["masked"], q  # a viewer sees free/busy only
    assert client.post("/api/requests", json={"text": "x"}, headers=auth).status_code == 403
