"""Merge every ``FR = {msgid: french}`` dict found in ``messages_fr.py`` under ``src/`` into the
French catalogue ``src/binome/i18n/fr/LC_MESSAGES/binome.po``. Idempotent.

Helpers deliver French beside their modules; this folds it into the one gettext catalogue.
A dict fills a missing, empty or fuzzy entry; an entry already translated differently is
kept and reported (the catalogue is the reviewed text). The dicts are read with ``ast``,
never imported, so a module with heavy imports costs nothing. The file is rewritten only
when something changed.

    python scripts/i18n_merge.py [EXTRA_FILE.py ...]
"""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PO = ROOT / "src" / "binome" / "i18n" / "fr" / "LC_MESSAGES" / "binome.po"


def load_fr(path: Path) -> dict[str, str]:
    """The literal ``FR = {...}`` (or ``FR: dict[...] = {...}``) dict of a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and target.id == "FR" and isinstance(value, ast.Dict):
            # Literal entries only; an entry computed at import time is skipped, not guessed.
            out: dict[str, str] = {}
            for key_node, value_node in zip(value.keys, value.values, strict=True):
                if (
                    isinstance(key_node, ast.Call)
                    and isinstance(key_node.func, ast.Name)
                    and key_node.func.id == "N_"
                    and len(key_node.args) == 1
                ):
                    key_node = key_node.args[0]  # N_("msgid") marks the key for extraction
                try:
                    key, text = ast.literal_eval(key_node), ast.literal_eval(value_node)  # type: ignore[arg-type]
                except ValueError:
                    continue
                if isinstance(key, str) and isinstance(text, str):
                    out[key] = text
            return out
    return {}


def sources(extra: list[str]) -> list[Path]:
    """Every module under src/ that holds a top-level ``FR`` dict (most are messages_fr.py)."""
    found = [p for p in sorted(SRC.rglob("*.py")) if "\nFR" in p.read_text(encoding="utf-8")]
    return found + [Path(p) for p in extra]


def _new_catalog() -> Any:
    from babel.messages.catalog import Catalog

    return Catalog(locale="fr", domain="binome", project="binome", fuzzy=False)


def merge(po: Path, dicts: list[tuple[Path, dict[str, str]]]) -> tuple[int, int, list[str]]:
    """Fold ``dicts`` into ``po``; returns (added, filled, conflicts)."""
    from babel.messages.pofile import read_po, write_po

    if po.exists():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale="fr", domain="binome")
    else:
        catalog = _new_catalog()
    added, filled, conflicts = 0, 0, []
    for path, table in dicts:
        for msgid, text in sorted(table.items()):
            entry = catalog.get(msgid)
            if entry is None:
                catalog.add(msgid, text)
                added += 1
            elif not entry.string or entry.fuzzy:
                entry.string = text
                entry.flags.discard("fuzzy")
                filled += 1
            elif entry.string != text:
                conflicts.append(f"{path}: {msgid!r}: kept {entry.string!r}, not {text!r}")
    for entry in catalog:
        # binome formats with str.format ({field}); Babel guesses "python-format" from a
        # stray "%" ("{due}% of" reads as "% o") and then refuses to compile the entry.
        entry.flags.discard("python-format")
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_previous=False)
    if not po.exists() or po.read_bytes() != out.getvalue():
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(out.getvalue())
    return added, filled, conflicts


def main(argv: list[str]) -> int:
    dicts = [(path, load_fr(path)) for path in sources(argv)]
    added, filled, conflicts = merge(PO, dicts)
    for line in conflicts:
        print(line)
    print(f"{len(dicts)} dicts: {added} added, {filled} filled, {len(conflicts)} conflicts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
