"""The radar in the cockpit: Today's risks, the Risks page, Apply/Dismiss and the API, on the
demo workspace (its risks are real ones: overdue promises, deadlines, an overloaded day)."""

from __future__ import annotations

import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from binome import demo as demo_data
from binome.app.context import App
from binome.app.demo import build_demo
from binome.app.sessions import create_api_token
from binome.web.app import create_app
from tests.web.conftest import CANARY, ORIGIN, Site, csrf_of, password_hash

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORDS = {
    "claire": "demo-claire-2026",
    "sophie": "demo-sophie-2026",
    "julien": "demo-julien-2026",
    "marc": "demo-marc-2026",
}


@dataclass
class Demo:
    url: str
    workspace: str
    now: Any
    app: FastAPI

    def client(self) -> TestClient:
        return TestClient(
            self.app,
            base_url=ORIGIN,
            headers={"origin": ORIGIN},
            raise_server_exceptions=False,
            follow_redirects=False,
        )

    def login(self, who: str) -> TestClient:
        client = self.client()
        response = client.post("/login", data={"login": who, "password": PASSWORDS[who]})
        assert response.status_code == 303, response.text
        return client

    def as_user(self, who: str) -> App:
        return App.open(self.url, now=self.now, workspace=self.workspace, actor=who)

    def token(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {create_api_token(self.as_user(who)).token}"}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BINOME_SECRET_KEY_FILE", str(folder / "keys.json"))
        result = build_demo(App.open(url), hasher=password_hash)
    from binome.store.db import make_engine

    make_engine(url).dispose()  # flush SQLite's WAL into the file before it is copied
    return {"dir": folder, "workspace": result.workspace.name, "now": result.now}


@pytest.fixture
def demo(tmp_path: Path, demo_template: dict[str, Any]) -> Demo:
    import os

    shutil.copy(demo_template["dir"] / "demo.db", tmp_path / "demo.db")
    shutil.copy(demo_template["dir"] / "keys.json", os.environ["BINOME_SECRET_KEY_FILE"])
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    now = demo_template["now"]
    return Demo(url, demo_template["workspace"], now, create_app(url, now=now))


def _cards(html: str) -> list[str]:
    return re.findall(r'<li id="risk-(R\d+)"', html)


def _best_proposal(html: str, risk: str) -> str:
    card = html.split(f'<li id="risk-{risk}"', 1)[1]
    found = re.search(r'action="/proposals/(P\d+)/apply"', card)
    assert found, card[:400]
    return found.group(1)


def test_today_on_the_demo_shows_risks_with_their_best_proposal(demo: Demo) -> None:
    client = demo.login("sophie")
    html = client.get("/today").text
    risks = _cards(html)
    assert 1 <= len(risks) <= 5
    assert "Appliquer" in html
    assert "Écarter" in html
    assert _best_proposal(html, risks[0]).startswith("P")
    assert 'href="/risks"' in html  # the nav link


def test_the_risks_page_lists_every_risk_by_severity_with_ranked_proposals(demo: Demo) -> None:
    client = demo.login("claire")
    html = client.get("/risks").text
    shown = _cards(html)
    expected = [
        r["id"] for r in client.get("/api/radar", headers=demo.token("claire")).json()["risks"]
    ]
    assert shown == expected
    assert len(shown) > 5
    severities = [int(s) for s in re.findall(r'class="risk sev-(\d)"', html)]
    assert severities == sorted(severities, reverse=True)
    assert "coût" in html
    assert html.count('action="/proposals/') > len(shown)  # more than the best one each


def test_applying_a_proposal_removes_its_risk_and_is_audited(demo: Demo) -> None:
    client = demo.login("sophie")
    html = client.get("/today").text
    risk = _cards(html)[0]
    proposal = _best_proposal(html, risk)
    token = csrf_of(client)
    response = client.post(
        f"/proposals/{proposal}/apply",
        data={"csrf": token},
        headers={"referer": f"{ORIGIN}/today"},
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith("/today")
    assert risk not in _cards(client.get("/risks").text)
    audit = client.get("/api/audit", headers=demo.token("claire")).json()
    assert any(e["action"] == "proposal.apply" for e in audit), audit[-3:]


def test_an_htmx_apply_answers_an_empty_card_and_an_htmx_dismiss_too(demo: Demo) -> None:
    client = demo.login("sophie")
    html = client.get("/risks").text
    first, second = _cards(html)[:2]
    headers = {"hx-request": "true", "x-csrf-token": csrf_of(client)}
    applied = client.post(f"/proposals/{_best_proposal(html, first)}/apply", headers=headers)
    assert applied.status_code == 200
    assert applied.text.strip() == ""
    dismissed = client.post(f"/risks/{second}/dismiss", data={"reason": "handled"}, headers=headers)
    assert dismissed.status_code == 200
    assert dismissed.text.strip() == ""
    left = _cards(client.get("/risks").text)
    assert first not in left
    assert second not in left


def test_dismissing_hides_a_risk_and_needs_a_reason(demo: Demo) -> None:
    client = demo.login("claire")
    risk = _cards(client.get("/risks").text)[0]
    token = csrf_of(client)
    missing = client.post(f"/risks/{risk}/dismiss", data={"csrf": token})
    assert missing.status_code == 422  # InvalidInput: say why
    done = client.post(f"/risks/{risk}/dismiss", data={"csrf": token, "reason": "known"})
    assert done.status_code == 303
    assert risk not in _cards(client.get("/risks").text)
    assert risk not in _cards(client.get("/today").text)


def test_apply_and_dismiss_need_the_csrf_token(demo: Demo) -> None:
    client = demo.login("sophie")
    html = client.get("/today").text
    risk = _cards(html)[0]
    assert client.post(f"/proposals/{_best_proposal(html, risk)}/apply").status_code == 403
    assert client.post(f"/risks/{risk}/dismiss", data={"reason": "x"}).status_code == 403
    assert risk in _cards(client.get("/today").text)


def test_a_viewer_can_neither_apply_nor_dismiss(demo: Demo) -> None:
    claire = demo.login("claire")
    html = claire.get("/risks").text
    risk = _cards(html)[0]
    proposal = _best_proposal(html, risk)
    viewer = demo.login("marc")
    token = csrf_of(viewer)
    assert viewer.post(f"/proposals/{proposal}/apply", data={"csrf": token}).status_code in (
        403,
        404,
    )
    refused = viewer.post(f"/risks/{risk}/dismiss", data={"csrf": token, "reason": "no"})
    assert refused.status_code in (403, 404)
    api = viewer.post(f"/api/proposals/{proposal}/apply", headers=demo.token("marc"))
    assert api.status_code in (403, 404)
    assert risk in _cards(claire.get("/risks").text)


def test_a_secret_event_title_never_reaches_the_backup_s_risks(demo: Demo) -> None:
    secrets = [
        e["title"] for e in demo_data.load()["events"] if e.get("classification") == "secret"
    ]
    assert secrets
    client = demo.login("julien")
    pages = [client.get("/risks").text, client.get("/today").text]
    pages.append(client.get("/api/radar", headers=demo.token("julien")).text)
    for text in pages:
        for title in secrets:
            assert title not in text


def test_the_canary_never_reaches_the_backup_on_the_test_site(sqlite_site: Site) -> None:
    client = sqlite_site.login("paul")
    for page in ("/risks", "/today"):
        response = client.get(page)
        assert response.status_code == 200
        assert CANARY not in response.text


def test_the_api_reads_the_radar_and_applies_once_per_idempotency_key(demo: Demo) -> None:
    client, auth = demo.client(), demo.token("sophie")
    assert client.get("/api/radar").status_code == 401
    radar = client.get("/api/radar?horizon=7d", headers=auth).json()
    assert {"as_of", "horizon_end", "tz", "risks"} <= set(radar)
    proposal = radar["risks"][0]["proposals"][0]["id"]
    key = {**auth, "idempotency-key": "apply-once"}
    first = client.post(f"/api/proposals/{proposal}/apply", headers=key)
    again = client.post(f"/api/proposals/{proposal}/apply", headers=key)
    assert first.status_code == 200, first.text
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert client.post(f"/api/proposals/{proposal}/apply", headers=auth).status_code == 409
    risk = radar["risks"][1]["id"]
    dismissed = client.post(f"/api/risks/{risk}/dismiss", json={"reason": "ok"}, headers=auth)
    assert dismissed.status_code == 200
    assert dismissed.json()["state"] == "dismissed"
    left = [r["id"] for r in client.get("/api/radar", headers=auth).json()["risks"]]
    assert radar["risks"][0]["id"] not in left
    assert risk not in left


def test_unknown_radar_ids_answer_404_on_the_api(demo: Demo) -> None:
    client = demo.client()
    auth = demo.token("sophie")
    for path in ("/api/proposals/P999999/apply", "/api/risks/R999999/dismiss"):
        assert client.post(path, headers=auth, json={"reason": "x"}).status_code == 404


def test_the_risks_page_masks_what_a_viewer_may_not_read(demo: Demo) -> None:
    html = demo.login("marc").get("/risks").text
    assert _cards(html)
    assert "Tâche privée" in html or "Engagement privé" in html or "Occupé" in html
    for title in ("Envoyer à Robert Hayes", "Préparer la réponse aux délégués"):
        assert title not in html


def test_a_viewer_is_offered_no_apply_or_dismiss_button(demo: Demo) -> None:
    """The viewer changes nothing, so the pages offer no button that would answer 403;
    the assistant on the same pages gets them."""
    viewer = demo.login("marc")
    for path in ("/risks", "/today"):
        html = viewer.get(path).text
        assert "/apply" not in html
        assert "/dismiss" not in html
    assert "/apply" in demo.login("sophie").get("/risks").text


# -- Today from the read-model cache (app.read_cache): fresh after every write ------------


def test_applying_a_proposal_changes_today_on_the_next_view(demo: Demo) -> None:
    client = demo.login("sophie")
    before = client.get("/today").text
    assert client.get("/today").text == before  # warm: the same page
    risk = _cards(before)[0]
    client.post(f"/proposals/{_best_proposal(before, risk)}/apply", data={"csrf": csrf_of(client)})
    assert risk not in _cards(client.get("/today").text)


def test_a_write_from_elsewhere_shows_on_the_next_today_view(demo: Demo) -> None:
    from datetime import timedelta

    from binome.app.calendar import NewEvent, add_event

    client = demo.login("claire")
    assert "Bench visit" not in client.get("/today").text
    start = demo.now + timedelta(hours=5)
    add_event(  # another process would do the same: the version lives in the database
        demo.as_user("claire"),
        NewEvent(title="Bench visit", start=start, end=start + timedelta(minutes=30)),
    )
    assert "Bench visit" in client.get("/today").text


def test_a_reader_never_gets_the_today_another_reader_was_served(demo: Demo) -> None:
    secrets = [
        e["title"] for e in demo_data.load()["events"] if e.get("classification") == "secret"
    ]
    claire, julien = demo.login("claire"), demo.login("julien")
    claire.get("/today")  # computed and rendered first for the principal
    seen = julien.get("/today").text
    assert not any(title in seen for title in secrets)
    assert csrf_of(julien) in seen
    assert csrf_of(claire) not in seen
