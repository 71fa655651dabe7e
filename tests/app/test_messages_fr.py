"""Every msgid added for confidentiality and trust has a French text with the same fields."""

from __future__ import annotations

import re
from pathlib import Path

from binome.app.messages_fr import FR

MODULES = [
    "app/users.py",
    "app/search.py",
    "app/keys.py",
    "app/passwords.py",
    "app/delegation.py",
    "cli/users_cmd.py",
    "cli/search_cmd.py",
    "cli/keys_cmd.py",
]
SRC = Path(__file__).resolve().parents[2] / "src" / "binome"


def _msgids(text: str) -> set[str]:
    found = set(re.findall(r'N_\(\s*"([^"]+)"\s*\)', text))
    found |= set(re.findall(r'render\(\s*"([^"]+)"', text))
    found |= set(re.findall(r't\(lang, "([^"]+)"\)', text))
    return found


def test_every_new_msgid_has_a_french_text() -> None:
    ids = set().union(*(_msgids((SRC / m).read_text("utf-8")) for m in MODULES))
    assert ids
    assert sorted(ids - FR.keys()) == []


def test_french_texts_keep_the_same_fields() -> None:
    for msgid, french in FR.items():
        assert set(re.findall(r"\{(\w+)\}", msgid)) == set(re.findall(r"\{(\w+)\}", french))
