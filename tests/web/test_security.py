"""SECURITY.md rows 3–8, 19–20, 22, 37–38, 47 for the web app and its API."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from binome.web.app import PUBLIC_PATHS
from binome.web.render import safe_url
from tests.web.conftest import CANARY, ORIGIN, XSS, Site, csrf_of

PAGES = (
    "/today",
    "/week",
    "/ask",
    "/priorities",
    "/brief",
    "/commitments",
    "/audit",
    "/settings",
    "/risks",
)


def _routes(site: Site) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, included routers flattened."""
    out = []
    for context in iter_route_contexts(site.app.routes):
        if isinstance(context.original_route, APIRoute) and context.path and context.methods:
            out.extend((method, context.path) for method in sorted(context.methods))
    return out


def _fill(path: str, ids: dict[str, str]) -> str:
    kinds = {
        "/tasks/": "task",
        "/commitments/": "commitment",
        "/objectives/": "objective",
        "/events/": "event",
        "/requests/": "request",
        "/grants/": "grant",
        "/proposals/": "proposal",
        "/risks/": "risk",
    }
    kind = next((k for marker, k in kinds.items() if marker in path), "task")
    return path.replace("{ref}", ids.get(kind, f"{kind[0].upper()}1"))


def _public(path: str) -> bool:
    return any(path == p or path.startswith(p + "/") for p in PUBLIC_PATHS)


def test_every_route_refuses_a_visitor_without_a_session(site: Site) -> None:
    client = site.client()
    checked = 0
    for method, path in _routes(site):
        if _public(path):
            continue
        response = client.request(method, _fill(path, site.a))
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
            assert response.json()["error"]["id"]
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/login?next=")
        checked += 1
    assert checked >= 20


def test_the_public_allow_list_is_small_and_explicit() -> None:
    assert {"/login", "/lang", "/static", "/api/openapi.json", "/api/docs", "/healthz"} == set(
        PUBLIC_PATHS
    )


def test_a_script_title_renders_inert_on_every_page(sqlite_site: Site) -> None:
    for who in ("claire", "anna"):
        client = sqlite_site.login(who)
        for page in PAGES:
            html = client.get(page).text
            assert XSS not in html, (who, page)
            assert "<img src=x" not in html, (who, page)
        today = client.get("/today").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in today
        assert "&lt;b&gt;prep&lt;/b&gt;" in today  # HTML descriptions are shown as text
        week = client.get("/week").text
        assert "&lt;script&gt;" in week


def test_only_http_https_and_mailto_links_are_made_clickable() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://meet.example/x") == "https://meet.example/x"
    assert safe_url("mailto:a@b.fr") == "mailto:a@b.fr"


def test_a_user_of_another_workspace_cannot_reach_any_object_by_id(site: Site) -> None:
    from binome.app.context import App
    from binome.app.items import list_tasks
    from tests.conftest import NOW

    intruder = site.login("bruno")
    token = _api_token(site, "bruno", "Bruno Keller")
    site.a.update(_radar_ids(site))
    for method, path in _routes(site):
        if "{ref}" not in path:
            continue
        bodies = set()
        for ids in (site.a, dict.fromkeys(site.a, "999999")):
            target = _fill(path, ids)
            if path.startswith("/api/"):
                response = intruder.request(
                    method, target, headers={"authorization": f"Bearer {token}"}
                )
            else:
                response = intruder.request(method, target, data={"csrf": csrf_of(intruder)})
            assert response.status_code == 404, (method, target, response.text)
            assert CANARY not in response.text
            if path.startswith("/api/"):
                bodies.add(re.sub(r"[0-9a-f]{12}|\d+", "N", response.text))
        # A real id of another workspace answers exactly like an id that does not exist.
        assert len(bodies) <= 1, bodies
    # A's task is still open: nothing was changed through a guessed id.
    a = App.open(site.url, now=NOW, workspace="Claire Martin", actor="claire")
    assert any(t["id"] == site.a["task"] and t["status"] == "open" for t in list_tasks(a))


def _radar_ids(site: Site) -> dict[str, str]:
    """A real risk and proposal id of workspace A (the radar persists them when it runs)."""
    from binome.app.context import App
    from binome.app.radar import run_radar
    from tests.conftest import NOW

    risks = run_radar(App.open(site.url, now=NOW, workspace="Claire Martin", actor="claire"))
    found = next(r for r in risks["risks"] if r["proposals"])
    return {"risk": found["id"], "proposal": found["proposals"][0]["id"]}


def _api_token(site: Site, who: str, workspace: str) -> str:
    from binome.app.context import App
    from binome.app.sessions import create_api_token
    from tests.conftest import NOW

    return create_api_token(App.open(site.url, now=NOW, workspace=workspace, actor=who)).token


def test_a_viewer_sees_busy_blocks_only_and_never_the_canary(site: Site) -> None:
    client = site.login("victor")
    today = client.get("/today").text
    assert "Occupé" in today
    assert "merger" not in today
    assert "Send the term sheet" not in today
    for method, path in _routes(site):
        if method != "GET" or "{ref}" in path or path.startswith("/api/"):
            continue
        response = client.get(path)
        assert CANARY not in response.text, path
        assert "alert(1)" not in response.text, path
    token = _api_token(site, "victor", "Claire Martin")
    items = client.get("/api/agenda", headers={"authorization": f"Bearer {token}"}).json()
    assert items["items"]
    assert all(i["masked"] and i["title"] is None for i in items["items"])


def test_the_assistant_sees_a_secret_event_as_busy_only(sqlite_site: Site) -> None:
    """Row 1: the canary of a secret event is in no page and no API answer for her."""
    client = sqlite_site.login("anna")
    for page in PAGES:
        assert CANARY not in client.get(page).text, page
    assert "Prepare the board deck" in client.get("/today").text
    token = _api_token(sqlite_site, "anna", "Claire Martin")
    auth = {"authorization": f"Bearer {token}"}
    for method, path in _routes(sqlite_site):
        if method == "GET" and path.startswith("/api/"):
            response = client.get(_fill(path, sqlite_site.a), headers=auth)
            assert CANARY not in response.text, path
    secret = client.get(f"/api/events/{sqlite_site.a['secret_event']}", headers=auth).json()
    assert secret["masked"] is True
    assert secret["title"] is None


def test_a_post_without_csrf_token_or_from_another_origin_is_refused(site: Site) -> None:
    client = site.login("anna")
    target = f"/tasks/{site.a['task']}/done"
    token = csrf_of(client)
    assert client.post(target).status_code == 403
    assert client.post(target, data={"csrf": "0" * 64}).status_code == 403
    assert (
        client.post(
            target, content=f"csrf={token}", headers={"content-type": "text/plain"}
        ).status_code
        == 403
    )
    foreign = {"origin": "https://evil.example"}
    assert client.post(target, data={"csrf": token}, headers=foreign).status_code == 403
    assert "Prepare the board deck" in client.get("/today").text
    done = client.post(target, data={"csrf": token}, headers={"referer": f"{ORIGIN}/today"})
    assert done.status_code == 303
    assert f'id="task-{site.a["task"]}"' not in client.get("/today").text


def test_htmx_posts_carry_the_token_in_a_header_and_get_a_fragment(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    token = csrf_of(client)
    response = client.post(
        f"/tasks/{sqlite_site.a['task']}/done",
        headers={"hx-request": "true", "x-csrf-token": token},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<li")
    assert "<html" not in response.text


def test_security_headers_are_on_every_response(sqlite_site: Site) -> None:
    anonymous, client = sqlite_site.client(), sqlite_site.login("claire")
    responses = [
        anonymous.get("/login"),
        anonymous.get("/today"),
        anonymous.get("/api/agenda"),
        anonymous.get("/nope"),
        anonymous.get("/static/app.css"),
    ]
    responses += [client.get(p) for p in PAGES]
    for response in responses:
        csp = response.headers["content-security-policy"]
        for part in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert part in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"]
    for response in responses[5:]:
        assert response.headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_or_style(sqlite_site: Site) -> None:
    client = sqlite_site.login("claire")
    for page in (*PAGES, "/login", "/api/docs"):
        html = client.get(page).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert " style=" not in html, page
        assert "<style" not in html, page
        assert not re.search(r"<[^>]+\son[a-z]+=", html), page  # no inline event handler


def test_the_session_cookie_is_httponly_samesite_and_host_prefixed_over_tls(
    sqlite_site: Site,
) -> None:
    plain = sqlite_site.client().post(
        "/login", data={"login": "anna", "password": "anna-long-passphrase-2"}
    )
    cookie = plain.headers["set-cookie"]
    assert cookie.startswith("binome_session=")
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Path=/" in cookie
    assert "Secure" not in cookie
    tls = sqlite_site.client(https=True).post(
        "/login", data={"login": "anna", "password": "anna-long-passphrase-2"}
    )
    cookie = tls.headers["set-cookie"]
    assert cookie.startswith("__Host-binome=")
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "Domain" not in cookie
    assert tls.headers["strict-transport-security"]


def test_an_unexpected_error_shows_a_reference_and_no_internals(sqlite_site: Site) -> None:
    def boom() -> None:
        raise RuntimeError("SELECT password_hash FROM users -- secret sauce")

    sqlite_site.app.add_api_route("/api/boom", boom)
    sqlite_site.app.add_api_route("/boom", boom)
    api = sqlite_site.client().get("/api/boom")
    assert api.status_code == 500
    body = api.json()["error"]
    assert body["id"]
    assert "SELECT" not in api.text
    assert "Traceback" not in api.text
    page = sqlite_site.client().get("/boom")
    assert page.status_code == 500
    assert body["id"] != ""
    assert "secret sauce" not in page.text
    assert "Traceback" not in page.text


def test_a_malformed_request_gets_a_short_generic_answer(sqlite_site: Site) -> None:
    client = sqlite_site.login("claire")
    response = client.get("/week?start=not-a-date")
    assert response.status_code == 422
    assert "Traceback" not in response.text
    token = _api_token(sqlite_site, "claire", "Claire Martin")
    bad = client.get("/api/agenda?what=" + "x" * 50, headers={"authorization": f"Bearer {token}"})
    assert bad.status_code == 422
    assert set(bad.json()) == {"error"}


@pytest.mark.parametrize("path", ["/api/tasks/{ref}/done", "/api/commitments/{ref}/done"])
def test_a_retried_post_with_the_same_idempotency_key_acts_once(
    sqlite_site: Site, path: str
) -> None:
    token = _api_token(sqlite_site, "claire", "Claire Martin")
    client = sqlite_site.client(origin=False)
    headers = {"authorization": f"Bearer {token}", "idempotency-key": "k-1"}
    target = _fill(path, sqlite_site.a)
    first = client.post(target, headers=headers)
    second = client.post(target, headers=headers)
    assert first.status_code == 200
    assert second.status_code == 200
    assert first.json() == second.json()
    assert second.headers.get("idempotent-replayed") == "true"
    third = client.post(target, headers={"authorization": f"Bearer {token}"})
    assert third.status_code == 422  # without the key, a second "done" is refused


def test_bidi_and_invisible_characters_in_names_are_shown_escaped(sqlite_site: Site) -> None:
    from binome.app.context import App
    from binome.app.items import add_person
    from tests.conftest import NOW

    app = App.open(sqlite_site.url, now=NOW, workspace="Claire Martin", actor="claire")
    add_person(app, name="Paul\u202ecod.exe", email="paul.rlo@example.com")
    html = sqlite_site.login("claire").get("/settings").text
    assert "\u202e" not in html
    assert "Paul⟨U+202E⟩cod.exe" in html


def test_a_grant_revoked_while_logged_in_applies_at_the_next_request(site: Site) -> None:
    from sqlalchemy import select, update

    from binome.store.codec import to_db
    from binome.store.db import make_engine
    from binome.store.tables import GrantRow, UserRow, WorkspaceRow
    from tests.conftest import NOW

    client = site.login("anna")
    assert CANARY not in client.get("/today").text
    engine = make_engine(site.url)
    with engine.begin() as conn:
        ws = conn.execute(select(WorkspaceRow.id).where(WorkspaceRow.name == "Claire Martin"))
        ws_id = ws.scalar()
        anna = conn.execute(select(UserRow.id).where(UserRow.name == "anna")).scalar()
        conn.execute(
            GrantRow.__table__.insert().values(
                workspace_id=ws_id,
                user_id=anna,
                kind="item",
                value=f"event:{site.a['secret_event'][1:]}",
                params="{}",
                created_at=to_db(NOW),
            )
        )
    assert CANARY in client.get("/today").text  # granted: she sees it
    with engine.begin() as conn:
        conn.execute(update(GrantRow).values(revoked_at=to_db(NOW)))
    assert CANARY not in client.get("/today").text  # revoked: busy block again, same session


def test_a_write_based_on_an_outdated_read_gets_412_and_changes_nothing(site: Site) -> None:
    """Row 48: the web and the CLI both read version 1; the second writer is refused."""
    from binome.app.context import App
    from binome.app.items import list_tasks
    from binome.app.sessions import create_api_token
    from tests.conftest import NOW

    app = App.open(site.url, now=NOW, workspace="Claire Martin", actor="anna")
    token = create_api_token(app).token
    client = site.client(origin=False)
    auth = {"authorization": f"Bearer {token}"}
    ref = site.a["task"]
    read = client.get(f"/api/tasks/{ref}", headers=auth)
    etag = read.headers["etag"]
    assert etag == f'"{read.json()["version"]}"'
    # Meanwhile someone else changes the task (here: the repositories, as the CLI would).
    from dataclasses import replace

    from binome.app.uow import unit_of_work
    from binome.domain.model import Priority

    with unit_of_work(app) as uow:
        task = uow.repos.task(int(ref[1:]))
        uow.repos.update_task(replace(task, priority=Priority.LOW))
    stale = client.post(f"/api/tasks/{ref}/done", headers={**auth, "if-match": etag})
    assert stale.status_code == 412
    assert [t["status"] for t in list_tasks(app) if t["id"] == ref] == ["open"]
    fresh = client.get(f"/api/tasks/{ref}", headers=auth).headers["etag"]
    done = client.post(f"/api/tasks/{ref}/done", headers={**auth, "if-match": fresh})
    assert done.status_code == 200
    assert done.json()["status"] == "done"
