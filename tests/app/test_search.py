"""``binome search``: literal matching among readable items only (SECURITY.md rows 1, 13),
and one audit entry per read of confidential material (row 58)."""

from __future__ import annotations

import pytest

from binome.app.search import matches, query_words
from binome.domain.errors import InvalidInput
from tests.conftest import Cli


def _seed(cli: Cli) -> None:
    assert cli("user", "add", "marc", "--email", "m@x.fr", "--role", "assistant").exit_code == 0
    assert cli("user", "add", "bob", "--email", "b@x.fr", "--role", "backup").exit_code == 0
    for title, level in (
        ("Budget 100% validé", "internal"),
        ("Plan_B fusion", "confidential"),
        ("Projet Orion rachat", "secret"),
    ):
        added = cli("task", "add", title, "--estimate", "1h", "--classification", level)
        assert added.exit_code == 0, added.stderr


def _found(cli: Cli, query: str, who: str = "claire") -> list[str]:
    result = cli("search", query, "--json", "--as", who)
    assert result.exit_code == 0, result.stderr
    return [hit["title"] for hit in result.json()]


def test_search_finds_words_only_among_what_the_reader_may_read(workspace_cli: Cli) -> None:
    cli = workspace_cli
    _seed(cli)
    assert _found(cli, "orion") == ["Projet Orion rachat"]
    assert _found(cli, "orion", "marc") == []
    assert _found(cli, "fusion", "marc") == ["Plan_B fusion"]
    assert _found(cli, "fusion", "bob") == []
    assert _found(cli, "budget", "bob") == ["Budget 100% validé"]


def test_metacharacters_in_a_query_match_only_themselves(workspace_cli: Cli) -> None:
    cli = workspace_cli
    _seed(cli)
    for wildcard in ("%", "_", ".*", "*", "%%", "_%_", "[a-z]*", "\\"):
        expected = {"%": ["Budget 100% validé"], "_": ["Plan_B fusion"]}.get(wildcard, [])
        assert _found(cli, wildcard) == expected, wildcard
        assert _found(cli, wildcard, "bob") == [t for t in expected if "Budget" in t]
    assert _found(cli, "100%") == ["Budget 100% validé"]


def test_every_search_that_shows_confidential_items_leaves_an_audit_entry(
    workspace_cli: Cli,
) -> None:
    cli = workspace_cli
    _seed(cli)
    cli("search", "fusion", "--as", "marc")
    cli("search", "budget", "--as", "bob")  # internal only: no confidential read
    cli("task", "list", "--as", "marc")
    entries = [e for e in cli("audit", "--json").json() if e["action"] == "read.confidential"]
    assert [(e["actor"], e["object_type"], e["object_id"]) for e in entries] == [
        ("marc", "search", "T2"),
        ("marc", "task", "T2"),
    ]
    assert "fusion" not in cli("audit", "--json").stdout


def test_an_empty_or_huge_query_is_refused() -> None:
    with pytest.raises(InvalidInput):
        query_words("   ")
    with pytest.raises(InvalidInput):
        query_words("w " * 21)
    assert matches(["a", "b"], {"title": "A", "place": "b"}) == ["place", "title"]
    assert matches(["a", "z"], {"title": "A"}) == []
