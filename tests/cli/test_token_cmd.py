"""``binome token create|list|revoke``: the token is shown once and works on the API."""

from __future__ import annotations

import warnings

from tests.conftest import Cli

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_a_created_token_is_printed_once_opens_the_api_and_revoking_closes_it(
    workspace_cli: Cli,
) -> None:
    from binome.web.app import create_app

    created = workspace_cli("token", "create", "--name", "laptop", "--json")
    assert created.exit_code == 0, created.stderr
    token = created.json()["token"]
    assert len(token) >= 43
    listed = workspace_cli("token", "list", "--json")
    assert token not in listed.stdout
    assert listed.json()[0]["name"] == "laptop"
    client = TestClient(create_app(workspace_cli.db), raise_server_exceptions=False)
    auth = {"authorization": f"Bearer {token}"}
    assert client.get("/api/people", headers=auth).status_code == 200
    assert workspace_cli("token", "revoke", "laptop").exit_code == 0
    assert client.get("/api/people", headers=auth).status_code == 401


def test_revoking_an_unknown_token_is_one_line_and_exit_1(sqlite_cli: Cli) -> None:
    init = ("init", "--principal", "Claire Martin", "--email", "claire@example.fr", "--tz", "UTC")
    assert sqlite_cli(*init).exit_code == 0
    result = sqlite_cli("token", "revoke", "nope")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


def test_serve_is_registered_with_host_and_port(sqlite_cli: Cli) -> None:
    result = sqlite_cli("serve", "--help")
    assert result.exit_code == 0
    assert "--host" in result.stdout
    assert "--port" in result.stdout
