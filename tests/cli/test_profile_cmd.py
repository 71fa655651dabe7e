"""``binome profile show|set|import`` on both databases."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "profil.toml"


def test_show_set_and_show_again_in_words_and_in_json(workspace_cli: Cli) -> None:
    cli = workspace_cli
    first = cli("profile", "show", "--json")
    assert first.exit_code == 0, first.stderr
    assert first.json()["stored"] is False
    assert first.json()["profile"]["timezone"] == "Europe/Paris"
    changed = cli("profile", "set", "buffer_minutes", "15", "--lang", "en")
    assert changed.exit_code == 0, changed.stderr
    assert "buffer_minutes = 15" in changed.stdout
    shown = cli("profile", "show", "--json").json()
    assert shown == {**shown, "stored": True}
    assert shown["profile"]["buffer_minutes"] == 15
    words = cli("profile", "show", "--lang", "fr").stdout
    assert "15 min de battement entre réunions." in words
    assert "lun" in words or "mon" in words
    english = cli("profile", "show", "--lang", "en").stdout
    assert "15 min of buffer between meetings." in english


def test_an_invalid_value_is_one_line_naming_key_and_value_and_changes_nothing(
    workspace_cli: Cli,
) -> None:
    cli = workspace_cli
    for key, value in (("buffer_minutes", "-3"), ("hours.fri", "8h-zz"), ("lunch", "14:00-12:00")):
        result = cli("profile", "set", key, value)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1
        assert key in result.stderr
        assert value in result.stderr
    unknown = cli("profile", "set", "coffee", "3")
    assert unknown.exit_code == 1
    assert "coffee" in unknown.stderr
    assert cli("profile", "show", "--json").json()["stored"] is False


def test_import_replaces_the_profile_and_a_bad_file_is_refused(
    workspace_cli: Cli, tmp_path: Path
) -> None:
    cli = workspace_cli
    imported = cli("profile", "import", str(EXAMPLE), "--json")
    assert imported.exit_code == 0, imported.stderr
    profile = imported.json()["profile"]
    assert profile["no_meeting"] == ["wed-pm"]
    assert profile["travel"]["minutes"]["Part-Dieu"] == 20
    bad = tmp_path / "bad.toml"
    bad.write_text('[hours]\nfri = "17:00-09:00"\n', encoding="utf-8")
    refused = cli("profile", "import", str(bad))
    assert refused.exit_code == 1
    assert "hours.fri" in refused.stderr
    assert "17:00-09:00" in refused.stderr
    missing = cli("profile", "import", str(tmp_path / "nowhere.toml"))
    assert missing.exit_code == 1
    assert missing.stderr.count("\n") == 1
    assert cli("profile", "show", "--json").json()["profile"] == profile
