"""Users and grants: principal-only, audited, exact-match names, argon2id, delegation rules.

SECURITY.md rows 7 (revocation takes effect at once; disabled users cannot act), 13 (names
with metacharacters match exactly), 21 (argon2id at or above OWASP minimums, no truncation).
"""

from __future__ import annotations

import io
import sys

import pytest
from sqlalchemy import create_engine, text

from binome.app import users
from binome.app.context import App
from binome.app.uow import unit_of_work
from tests.conftest import NOW, Cli

PASSWORD = "correct horse battery staple"


def _add(cli: Cli, name: str, role: str = "assistant", *extra: str) -> None:
    email = f"u{abs(hash(name)) % 10**8}@example.fr"
    result = cli("user", "add", name, "--email", email, "--role", role, *extra)
    assert result.exit_code == 0, result.stderr


def _secret_event(cli: Cli) -> str:
    added = cli(
        "event", "add", "--title", "Rachat confidentiel", "--start", "2026-12-03T10:00",
        "--end", "2026-12-03T11:00", "--classification", "secret", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    return str(added.json()["id"])


def _titles(cli: Cli, who: str) -> list[str | None]:
    result = cli("agenda", "2026-12-03", "--json", "--as", who)
    assert result.exit_code == 0, result.stderr
    return [i["title"] for i in result.json()["items"]]


def test_a_password_is_read_from_stdin_and_stored_as_an_argon2id_hash(
    workspace_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    result = workspace_cli(
        "user", "add", "marc", "--email", "marc@x.fr", "--role", "assistant",
        "--password-stdin", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert result.json()["has_password"] is True
    engine = create_engine(workspace_cli.db)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE name='marc'")).scalar()
    engine.dispose()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in stored
    app = App.open(workspace_cli.db, now=NOW)
    assert users.verify_password(app, "marc", PASSWORD)
    assert not users.verify_password(app, "marc", PASSWORD[:-1] + "E")
    assert not users.verify_password(app, "nobody", PASSWORD)


def test_a_long_password_is_compared_whole_never_truncated(sqlite_cli: Cli) -> None:
    from binome.app.workspace import init_workspace

    init_workspace(App.open(sqlite_cli.db, now=NOW), principal="C", email="c@x.fr", tz="UTC")
    app = App.open(sqlite_cli.db, now=NOW)
    long = "p" * 63 + "q"
    users.add_user(app, name="marc", email="m@x.fr", role=users.Role.ASSISTANT, password=long)
    assert users.verify_password(app, "marc", long)
    assert not users.verify_password(app, "marc", "p" * 64)


def test_argon2_parameters_meet_the_owasp_minimums() -> None:
    from binome.app import passwords

    hasher = passwords.password_hasher()
    assert hasher.type.name == "ID"
    assert hasher.memory_cost >= passwords.OWASP_MIN_MEMORY_KIB
    assert hasher.time_cost >= passwords.OWASP_MIN_TIME_COST
    assert hasher.parallelism >= 1


def test_an_item_grant_shows_a_secret_event_and_its_revocation_hides_it_at_once(
    workspace_cli: Cli,
) -> None:
    cli = workspace_cli
    _add(cli, "marc")
    ref = _secret_event(cli)
    assert _titles(cli, "marc") == [None]
    granted = cli("grant", "marc", "item", ref, "--json")
    assert granted.exit_code == 0, granted.stderr
    assert granted.json()["value"] == ref
    assert _titles(cli, "marc") == ["Rachat confidentiel"]
    assert cli("revoke", "marc", "item", ref).exit_code == 0
    assert _titles(cli, "marc") == [None]
    again = cli("grant", "marc", "item", ref, "--json").json()["id"]
    assert cli("revoke", again).exit_code == 0
    assert _titles(cli, "marc") == [None]
    assert cli("revoke", again).exit_code == 1  # already revoked: nothing to do
    actions = [e["action"] for e in cli("audit", "--json").json()]
    assert actions.count("grant.create") == 2
    assert actions.count("grant.revoke") == 2


def test_a_clearance_grant_lifts_a_backup_to_confidential(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "bob", "backup")
    added = cli(
        "task", "add", "Audit interne", "--estimate", "1h", "--classification", "confidential"
    )
    assert added.exit_code == 0
    assert cli("task", "list", "--json", "--as", "bob").json()[0]["title"] is None
    assert cli("grant", "bob", "clearance", "confidential").exit_code == 0
    assert cli("task", "list", "--json", "--as", "bob").json()[0]["title"] == "Audit interne"


def test_only_the_principal_changes_users_and_grants(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "marc")
    _add(cli, "bob", "backup")
    attempts = [
        ("user", "add", "eve", "--email", "eve@x.fr", "--role", "assistant"),
        ("user", "disable", "bob"),
        ("grant", "marc", "clearance", "secret"),
        ("grant", "marc", "audit"),
        ("revoke", "G1"),
        ("key", "rotate"),
    ]
    for args in attempts:
        result = cli(*args, "--as", "marc", "--lang", "en")
        assert result.exit_code == 1, args
        assert "Only the principal" in result.stderr
    listed = cli("user", "list", "--json", "--as", "marc").json()
    assert [u["name"] for u in listed] == ["marc"]
    assert cli("grants", "--json", "--as", "marc").json()["grants"] == []


def test_the_rule_set_is_visible_to_the_principal_and_each_user_sees_their_own(
    sqlite_cli: Cli,
) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "marc")
    _add(cli, "bob", "backup")
    assert cli("grant", "marc", "audit").exit_code == 0
    assert cli("grant", "bob", "clearance", "confidential").exit_code == 0
    everything = cli("grants", "--json").json()
    assert {d["role"]: d["clearance"] for d in everything["defaults"]} == {
        "principal": "secret",
        "assistant": "confidential",
        "backup": "internal",
        "viewer": "public",
    }
    assert [(g["user"], g["kind"]) for g in everything["grants"]] == [
        ("marc", "audit"),
        ("bob", "clearance"),
    ]
    mine = cli("grants", "--json", "--as", "bob").json()["grants"]
    assert [(g["user"], g["value"]) for g in mine] == [("bob", "confidential")]


def test_a_viewer_gets_no_clearance_no_item_and_no_delegation(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "vera", "viewer")
    ref = _secret_event(cli)
    for args in (("clearance", "secret"), ("item", ref), ("delegate", "create")):
        assert cli("grant", "vera", *args).exit_code == 1
    assert cli("user", "add", "v2", "--email", "v2@x.fr", "--role", "viewer",
               "--clearance", "internal").exit_code == 1  # fmt: skip


def test_delegation_rules_allow_only_what_the_principal_delegated(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "marc")
    _add(cli, "vera", "viewer")
    granted = cli(
        "grant", "marc", "delegate", "create", "--max-minutes", "30",
        "--classification", "internal", "--attendees-max", "2", "--json",
    )  # fmt: skip
    assert granted.json()["conditions"] == {
        "attendees_max": 2,
        "classification": "internal",
        "max_minutes": 30,
    }

    def allowed(who: str, kind: str, **facts: object) -> bool:
        with unit_of_work(App.open(cli.db, actor=who, now=NOW), write=False) as uow:
            return users.delegated(uow.actor, kind, facts)

    ok = {"minutes": 30, "classification": "internal", "attendees": 2}
    assert allowed("marc", "create", **ok)
    assert not allowed("marc", "create", **{**ok, "minutes": 45})
    assert not allowed("marc", "create", **{**ok, "classification": "confidential"})
    assert not allowed("marc", "create", **{**ok, "attendees": 3})
    assert not allowed("marc", "create", classification="internal", attendees=1)
    assert not allowed("marc", "create", **{**ok, "classification": "bogus"})
    assert not allowed("marc", "move", **ok)
    assert not allowed("vera", "create", **ok)
    assert allowed("c", "move", **ok)  # the principal decides
    assert cli("revoke", "marc", "delegate", "create").exit_code == 0
    assert not allowed("marc", "create", **ok)


def test_user_names_with_metacharacters_match_exactly(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    for name in (".*", "%", "m_rc"):
        _add(cli, name, "backup")
    _add(cli, "marc", "backup")
    ref = _secret_event(cli)
    assert cli("grant", ".*", "item", ref).exit_code == 0
    assert cli("grant", "%", "clearance", "secret").exit_code == 0
    assert _titles(cli, ".*") == ["Rachat confidentiel"]
    assert _titles(cli, "%") == ["Rachat confidentiel"]
    assert _titles(cli, "marc") == [None]
    assert _titles(cli, "m_rc") == [None]
    for probe in ("m%", "_arc", "ma.*", "M_RC"):
        assert cli("agenda", "--as", probe).exit_code == 1


def test_a_disabled_user_can_no_longer_act_and_their_sessions_end(workspace_cli: Cli) -> None:
    cli = workspace_cli
    _add(cli, "marc")
    assert cli("agenda", "--as", "marc").exit_code == 0
    engine = create_engine(cli.db)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tokens (workspace_id, user_id, kind, token_hash, name, created_at) "
                "SELECT workspace_id, id, 'session', 'h1', '', created_at FROM users "
                "WHERE name = 'marc'"
            )
        )
    assert cli("user", "disable", "marc").exit_code == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT revoked_at FROM tokens")).scalar() is not None
    engine.dispose()
    refused = cli("agenda", "--as", "marc", "--lang", "en")
    assert refused.exit_code == 1
    assert "Unknown user: marc." in refused.stderr
    assert cli("user", "disable", "claire").exit_code == 1  # the principal stays


BAD_USERS = [
    ("marc", "assistant"),  # duplicate
    ("new\nline", "assistant"),  # control character (log injection)
    ("a@b", "assistant"),  # looks like an e-mail
    ("ok", "principal"),  # one principal per workspace
    ("ok", "boss"),  # no such role
]


def test_bad_or_duplicate_users_are_refused_and_nothing_changes(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("init", "--principal", "C", "--email", "c@x.fr", "--tz", "UTC").exit_code == 0
    _add(cli, "marc")
    before = cli("user", "list", "--json").json()
    for name, role in BAD_USERS:
        result = cli("user", "add", name, "--email", "x@x.fr", "--role", role)
        assert result.exit_code == 1, (name, role)
        assert result.stderr.count("\n") == 1
    assert cli("user", "list", "--json").json() == before
