"""Login, sessions and tokens: SECURITY.md rows 7, 8, 15–18, 21, 41."""

from __future__ import annotations

import logging
import statistics
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from binome.app.context import App
from binome.app.sessions import (
    ABSOLUTE_TIMEOUT,
    IDLE_TIMEOUT,
    MAX_FAILURES_PER_IP,
    MAX_FAILURES_PER_LOGIN,
    create_api_token,
    revoke_api_token,
)
from binome.store.crypto import token_digest
from binome.store.db import make_engine
from binome.store.tables import TokenRow, UserRow
from tests.conftest import NOW
from tests.web.conftest import PASSWORDS, Site, csrf_of, set_password


def _logged_in(client: object) -> bool:
    response = client.get("/today")  # type: ignore[attr-defined]
    return bool(response.status_code == 200)


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    bad = client.post("/login", data={"login": "anna", "password": "nope"})
    unknown = client.post("/login", data={"login": "nobody", "password": "nope"})
    assert bad.status_code == unknown.status_code == 401
    assert "Identifiant inconnu ou mot de passe erroné." in bad.text
    assert bad.text == unknown.text
    assert "set-cookie" not in bad.headers


def test_an_unknown_login_costs_about_as_much_as_a_wrong_password(sqlite_site: Site) -> None:
    client = sqlite_site.client()

    def timed(login: str) -> float:
        runs = []
        for i in range(3):
            start = time.perf_counter()
            client.post(
                "/login",
                data={"login": login, "password": f"wrong-{i}"},
                headers={"x-forwarded-for": "ignored"},
            )
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    known, unknown = timed("claire"), timed("ghost")
    assert 0.5 < unknown / known < 2.0  # both pay one Argon2 verification


def test_login_is_throttled_after_repeated_failures_even_with_the_right_password(
    site: Site,
) -> None:
    client = site.client()
    for _ in range(MAX_FAILURES_PER_LOGIN):
        assert client.post("/login", data={"login": "anna", "password": "x"}).status_code == 401
    right = client.post("/login", data={"login": "anna", "password": PASSWORDS["anna"]})
    assert right.status_code == 429
    assert "set-cookie" not in right.headers
    site.advance(timedelta(minutes=16))
    assert (
        client.post("/login", data={"login": "anna", "password": PASSWORDS["anna"]}).status_code
        == 303
    )


def test_one_address_trying_many_logins_is_throttled(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    for i in range(MAX_FAILURES_PER_IP):
        client.post("/login", data={"login": f"user{i}", "password": "x"})
    refused = client.post("/login", data={"login": "claire", "password": PASSWORDS["claire"]})
    assert refused.status_code == 429


def test_a_cookie_set_before_login_is_replaced_and_worthless(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    client.cookies.set("binome_session", "attacker-chosen-value")
    response = client.post("/login", data={"login": "anna", "password": PASSWORDS["anna"]})
    issued = response.cookies.get("binome_session")
    assert issued
    assert issued != "attacker-chosen-value"
    attacker = sqlite_site.client()
    attacker.cookies.set("binome_session", "attacker-chosen-value")
    assert attacker.get("/today").status_code == 303


def test_each_login_opens_a_new_session(sqlite_site: Site) -> None:
    first = sqlite_site.login("anna").cookies.get("binome_session")
    second = sqlite_site.login("anna").cookies.get("binome_session")
    assert first != second


def test_logout_ends_the_session_even_if_the_cookie_is_kept(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    stolen = client.cookies.get("binome_session")
    assert client.post("/logout", data={"csrf": csrf_of(client)}).status_code == 303
    replay = sqlite_site.client()
    replay.cookies.set("binome_session", stolen or "")
    assert replay.get("/today").status_code == 303


def test_an_idle_session_expires(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    sqlite_site.advance(IDLE_TIMEOUT - timedelta(minutes=1))
    assert _logged_in(client)
    sqlite_site.advance(IDLE_TIMEOUT - timedelta(minutes=1))
    assert _logged_in(client)  # activity keeps it alive
    sqlite_site.advance(IDLE_TIMEOUT)
    assert not _logged_in(client)


def test_a_busy_session_still_ends_at_the_absolute_timeout(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    step = IDLE_TIMEOUT - timedelta(minutes=5)
    elapsed = timedelta(0)
    while elapsed + step < ABSOLUTE_TIMEOUT:
        sqlite_site.advance(step)
        elapsed += step
        assert _logged_in(client)
    sqlite_site.advance(step)
    assert not _logged_in(client)


def test_a_disabled_user_is_out_at_the_next_request(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    with make_engine(sqlite_site.url).begin() as conn:
        conn.execute(update(UserRow).where(UserRow.name == "anna").values(active=False))
    assert not _logged_in(client)


def test_a_forged_cookie_gets_nothing(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    for forged in ("claire", "user=claire", "a" * 43, "x" * 500):
        client.cookies.set("binome_session", forged)
        assert client.get("/today").status_code == 303


def test_only_a_digest_of_the_session_token_is_stored(sqlite_site: Site) -> None:
    token = sqlite_site.login("anna").cookies.get("binome_session") or ""
    assert len(token) >= 43  # 256 bits, URL-safe base64
    with make_engine(sqlite_site.url).connect() as conn:
        hashes = set(conn.execute(select(TokenRow.token_hash)).scalars())
    assert token not in hashes
    assert token_digest(token) in hashes


def test_passwords_are_argon2id_and_must_match_exactly(sqlite_site: Site) -> None:
    long = "p" * 63 + "!"
    set_password(sqlite_site.url, "anna@example.fr", long)
    with make_engine(sqlite_site.url).connect() as conn:
        stored = conn.execute(select(UserRow.password_hash).where(UserRow.name == "anna")).scalar()
    assert stored.startswith("$argon2id$")
    assert "m=19456,t=2,p=1" in stored
    client = sqlite_site.client()
    assert (
        client.post("/login", data={"login": "anna", "password": long[:-1] + "?"}).status_code
        == 401
    )
    assert client.post("/login", data={"login": "anna", "password": long[:-1]}).status_code == 401
    assert (
        client.post("/login", data={"login": "anna@example.fr", "password": long}).status_code
        == 303
    )


def test_a_revoked_api_token_stops_working_at_once(sqlite_site: Site) -> None:
    app = App.open(sqlite_site.url, now=NOW, workspace="Claire Martin", actor="anna")
    token = create_api_token(app, name="laptop").token
    client = sqlite_site.client(origin=False)
    auth = {"authorization": f"Bearer {token}"}
    assert client.get("/api/tasks", headers=auth).status_code == 200
    revoke_api_token(app, "laptop")
    assert client.get("/api/tasks", headers=auth).status_code == 401


def test_a_session_cookie_is_not_an_api_token(sqlite_site: Site) -> None:
    client = sqlite_site.login("anna")
    cookie = client.cookies.get("binome_session")
    assert client.get("/api/tasks").status_code == 401
    assert (
        client.get("/api/tasks", headers={"authorization": f"Bearer {cookie}"}).status_code == 401
    )


@pytest.mark.parametrize("login", ["anna\nINFO forged line", "anna\u2028x", "anna\x1b[31m"])
def test_a_hostile_login_name_makes_one_encoded_log_line(
    sqlite_site: Site, login: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="binome.web.auth"):
        sqlite_site.client().post("/login", data={"login": login, "password": "x"})
    [record] = [r for r in caplog.records if r.name == "binome.web.auth"]
    line = record.getMessage()
    assert "\n" not in line
    assert "\u2028" not in line
    assert "\x1b" not in line
