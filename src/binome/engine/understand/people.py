"""Who a request names, and which known person each name is.

Extraction reads the original text (names keep their accents and case) at the indices
found on the folded text: the words after "avec"/"with" up to a time word or a
preposition; otherwise capitalised words that are not the first word, a weekday, a month
or an acronym ("NDA", "EOD"); plus a few role phrases ("call the lawyer").
Matching is accent- and case-insensitive on full name, first name, nickname or e-mail;
two candidates make the match ``ambiguous`` — the caller asks, it never picks one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from binome.engine.understand import lexicon_en as en
from binome.engine.understand import lexicon_fr as fr
from binome.engine.understand.facts import MONTHS, WEEKDAYS
from binome.engine.understand.normalize import fold


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownPerson:
    """A person the principal knows: the directory entry names are matched against."""

    id: int
    name: str
    email: str
    nicknames: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonMatch:
    """One named participant and what it resolved to: ``matched``, ``unknown``, ``ambiguous``."""

    said: str
    status: str
    person_id: int | None = None
    email: str | None = None
    candidates: tuple[KnownPerson, ...] = ()


_STOP = fr.PEOPLE_STOP | en.PEOPLE_STOP | frozenset(WEEKDAYS) | frozenset({"together", "ensemble"})
_ARTICLES = fr.ARTICLES | en.ARTICLES
_AND = fr.CONJUNCTIONS | en.CONJUNCTIONS
_NOT_NAMES = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"noel", "christmas", "i", "dr"}
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_GROUPS = (
    (r"\bcomite de direction\b", None),
    (r"\bdejeuner d'(equipe)\b", 1),
    (r"\bget (?:the )?(?:whole )?([\w -]+?) together\b", 1),
)
_ROLE = re.compile(r"\b(?:call|ring|email|appeler|voir)\s+(?:the|le|la|l')\s*(\w+)")


def _strip_article(word: str, folded: str) -> tuple[str, str]:
    for art in ("l'", "d'"):
        if folded.startswith(art):
            return word[len(art) :], folded[len(art) :]
    return word, folded


def _after_with(text: str, folded: str) -> list[str]:
    names: list[str] = []
    for m in re.finditer(r"\b(?:avec|with)\s+", folded):
        current: list[str] = []
        for w in _WORD.finditer(folded, m.end()):
            low, word = w.group(0), text[w.start() : w.end()]
            nxt = folded[w.end() :].lstrip()[:1]
            if not current and low in _ARTICLES:
                continue
            group_of = low.startswith("d'") and low[2:] not in ("un", "une", "ici", "apres")
            if group_of and current and not low[2:3].isdigit():
                current.append(word)
                continue
            if not re.match(r"[\w']", low) or low in _STOP or low.startswith(("d'", "s'")):
                if low == "de" and text[w.end() :].lstrip()[:1].isupper():
                    current.append(word)
                    continue
                break
            if low in _AND:
                names.append(" ".join(current))
                current = []
                continue
            word, low = _strip_article(word, low)
            if low.endswith("'s"):
                word = word[:-2]
            if low[:1].isdigit():
                break
            current.append(word)
            if nxt in ",.?!;:":
                break
        names.append(" ".join(current))
    return [n for n in names if n]


def _capitalised(text: str, folded: str) -> list[str]:
    names: list[str] = []
    run: list[str] = []
    words = list(_WORD.finditer(text))
    for i, w in enumerate(words):
        word = w.group(0)
        low = fold(word).removesuffix("'s")
        proper = (
            i > 0
            and word[:1].isupper()
            and not word.isupper()
            and low not in _NOT_NAMES
            and words[i - 1].group(0) not in (":", ".", "!", "?")
        )
        if proper or (low == "dr" and word[:1].isupper()):
            run.append(word.removesuffix("'s"))
            continue
        if run:
            names.append(" ".join(run))
            run = []
    if run:
        names.append(" ".join(run))
    return [n for n in names if n.lower() not in ("dr",)]


def extract_participants(text: str, folded: str) -> list[str]:
    """The people or groups a request names, in order, without articles."""
    names = _after_with(text, folded)
    for pattern, group in _GROUPS:
        m = re.search(pattern, folded)
        if m:
            g = group or 0
            names.append(text[m.start(g) : m.end(g)])
    if not names:
        names = _capitalised(text, folded)
        m = _ROLE.search(folded)
        if m and m.group(1) not in _STOP:
            names.append(text[m.start(1) : m.end(1)])
    seen: set[str] = set()
    unique = []
    for n in names:
        if fold(n) not in seen:
            seen.add(fold(n))
            unique.append(n)
    return unique


def _keys(p: KnownPerson) -> set[str]:
    keys = {fold(p.name), fold(p.name.split()[0]) if p.name.split() else "", fold(p.email)}
    keys |= {fold(n) for n in p.nicknames}
    return {k for k in keys if k}


def match_people(names: Sequence[str], people: Sequence[KnownPerson]) -> list[PersonMatch]:
    """Each name against the directory: one hit matches, several are ambiguous."""
    out = []
    for name in names:
        key = fold(name).strip()
        hits = tuple(p for p in people if key in _keys(p))
        exact = tuple(p for p in hits if fold(p.name) == key or fold(p.email) == key)
        hits = exact or hits
        if len(hits) == 1:
            out.append(
                PersonMatch(said=name, status="matched", person_id=hits[0].id, email=hits[0].email)
            )
        elif hits:
            out.append(PersonMatch(said=name, status="ambiguous", candidates=hits))
        else:
            out.append(PersonMatch(said=name, status="unknown"))
    return out
