"""The work style in the store: default, edits, imports, rights and audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from binome.app.audit import list_audit
from binome.app.profile import (
    DEMO_PROFILE_TOML,
    demo_profile,
    import_profile,
    set_profile_value,
    show_profile,
)
from binome.app.uow import unit_of_work
from binome.app.workspace import init_workspace
from binome.domain.errors import InvalidInput, PermissionDenied
from binome.domain.model import Role
from binome.domain.profile import profile_from_toml
from tests.app.conftest import add_user, open_app

REPO = Path(__file__).resolve().parents[2]


def stored_data(url: str) -> dict[str, object]:
    with unit_of_work(open_app(url), write=False) as uow:
        return uow.repos.profile_data()


def test_with_nothing_stored_the_default_profile_is_in_the_workspace_zone(sqlite_url: str) -> None:
    init_workspace(
        open_app(sqlite_url),
        principal="Ann Lee",
        email="ann@example.com",
        tz="America/New_York",
        country="US",
    )
    view = show_profile(open_app(sqlite_url))
    assert not view.stored
    assert (view.profile.timezone, view.profile.country) == ("America/New_York", "US")
    assert view.as_dict()["profile"]["buffer_minutes"] == 10


def test_a_set_value_is_stored_shown_and_audited(workspace_url: str) -> None:
    view = set_profile_value(open_app(workspace_url), "buffer_minutes", "15")
    assert view.stored
    assert view.profile.buffer_minutes == 15
    shown = show_profile(open_app(workspace_url))
    assert shown.stored
    assert shown.profile.buffer_minutes == 15
    assert stored_data(workspace_url)["buffer_minutes"] == 15
    actions = [e["action"] for e in list_audit(open_app(workspace_url))]
    assert actions[-1] == "profile.set"


def test_an_invalid_value_names_key_and_value_and_changes_nothing(workspace_url: str) -> None:
    set_profile_value(open_app(workspace_url), "hours.fri", "08:30-16:00")
    before = stored_data(workspace_url)
    with pytest.raises(InvalidInput) as caught:
        set_profile_value(open_app(workspace_url), "hours.fri", "17:00-09:00")
    assert caught.value.params["key"] == "hours.fri"
    assert caught.value.params["value"] == "17:00-09:00"
    with pytest.raises(InvalidInput) as unknown:
        set_profile_value(open_app(workspace_url), "coffee_breaks", "3")
    assert "coffee_breaks" in unknown.value.english()
    assert stored_data(workspace_url) == before


def test_an_import_replaces_the_whole_profile_and_a_bad_file_changes_nothing(
    workspace_url: str,
) -> None:
    text = (REPO / "examples" / "profil.toml").read_text(encoding="utf-8")
    view = import_profile(open_app(workspace_url), text)
    assert view.profile == profile_from_toml(text)
    before = stored_data(workspace_url)
    with pytest.raises(InvalidInput) as caught:
        import_profile(open_app(workspace_url), 'buffer_minutes = 10\n[lunch]\nwindow = "14-12"\n')
    assert caught.value.params["key"] == "lunch.window"
    with pytest.raises(InvalidInput):
        import_profile(open_app(workspace_url), "buffer_minutes = = 3")
    assert stored_data(workspace_url) == before
    assert list_audit(open_app(workspace_url))[-1]["action"] == "profile.import"


def test_an_assistant_edits_the_profile_a_backup_reads_it_a_viewer_does_not(
    workspace_url: str,
) -> None:
    add_user(workspace_url, "sam", Role.ASSISTANT)
    add_user(workspace_url, "bob", Role.BACKUP)
    add_user(workspace_url, "val", Role.VIEWER)
    set_profile_value(open_app(workspace_url, actor="sam"), "no_meeting", "wed-pm")
    assert show_profile(open_app(workspace_url, actor="bob")).profile.no_meeting[0].render() == (
        "wed-pm"
    )
    with pytest.raises(PermissionDenied):
        set_profile_value(open_app(workspace_url, actor="bob"), "buffer_minutes", "0")
    with pytest.raises(PermissionDenied):
        show_profile(open_app(workspace_url, actor="val"))
    entry = list_audit(open_app(workspace_url))[-1]
    assert (entry["action"], entry["actor"]) == ("profile.set", "sam")


def test_the_demo_profile_is_complete_and_the_example_file_is_the_same() -> None:
    profile = demo_profile()
    shipped = DEMO_PROFILE_TOML.read_text(encoding="utf-8")
    assert shipped == (REPO / "examples" / "profil.toml").read_text(encoding="utf-8")
    assert profile.timezone == "Europe/Paris"
    assert set(profile.preferred) == {"1on1", "external", "lunch", "call"}
    assert profile.focus_windows
    assert profile.no_meeting
    assert profile.travel_minutes


def test_the_demo_workspace_holds_the_demo_profile(sqlite_url: str) -> None:
    from argon2 import PasswordHasher

    from binome.app.demo import build_demo

    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    result = build_demo(open_app(sqlite_url), hasher=lambda p: str(fast.hash(p)))
    view = show_profile(open_app(sqlite_url, now=result.now))
    assert view.stored
    assert view.profile == demo_profile()
    assert result.profile["buffer_minutes"] == 15
