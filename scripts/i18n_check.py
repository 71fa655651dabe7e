"""Check the French catalogue against the code: every msgid translated, same ``{fields}``.

Msgids are found with Babel's Python extractor and binome's keywords: ``N_("...")`` (error
classes' ``message = N_(...)``, ``Message.of(N_(...))``, ``InvalidInput(N_(...))``),
``t(lang, "...")`` (the 2nd argument) and ``render("...", lang, ...)`` (the 1st). The same
keywords are given to ``pybabel extract`` in ``make i18n``. Exit status 1 lists problems.

    python scripts/i18n_check.py [--missing]   # --missing prints the untranslated msgids
"""

from __future__ import annotations

import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "binome"
PO = SRC / "i18n" / "fr" / "LC_MESSAGES" / "binome.po"
KEYWORDS: dict[str, tuple[int, ...] | None] = {"N_": None, "t": (2,), "render": (1,)}
PYBABEL_KEYWORDS = "-k N_ -k t:2 -k render:1"


def extract(src: Path = SRC) -> dict[str, list[str]]:
    """Every msgid in ``src`` with where it is used (``path:line``)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    method_map = [("**.py", "python")]
    for filename, lineno, message, _comments, _ctx in extract_from_dir(
        str(src), method_map=method_map, keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    return found


def fields(text: str) -> set[str]:
    """The ``{names}`` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def read_catalog(path: Path = PO) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        m.id: m.string if isinstance(m.string, str) else ""
        for m in catalog
        if isinstance(m.id, str) and m.id and "fuzzy" not in m.flags
    }


def problems(msgids: dict[str, list[str]], french: dict[str, str]) -> list[str]:
    out = []
    for msgid, where in sorted(msgids.items()):
        text = french.get(msgid, "")
        if not text.strip():
            out.append(f"untranslated: {msgid!r} ({where[0]})")
        elif fields(text) != fields(msgid):
            out.append(f"fields differ: {msgid!r} -> {text!r}")
    return out


def main(argv: list[str]) -> int:
    found = extract()
    issues = problems(found, read_catalog())
    for issue in issues:
        print(issue)
    print(f"{len(found)} msgids, {len(issues)} problems")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
