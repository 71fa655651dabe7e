"""Understanding a request typed in French or English (issue 8, engine part).

``interpret(text, now=..., tz=...)`` returns an ``Understanding``: the structured
interpretation (SCHEMA.md keys), the named people matched against ``KnownPerson``\\ s, one
clarifying ``question`` when the request is ambiguous, and a ``restatement``. Pure: ``now``
is a parameter, no I/O. Modules: ``temporal`` (time words), ``intent``, ``people``,
``titles``, ``interpretation`` (assembly helpers), ``reformulate`` (messages), lexicons.
"""

from __future__ import annotations

from binome.engine.understand.clock import duration_minutes
from binome.engine.understand.people import KnownPerson, PersonMatch
from binome.engine.understand.reformulate import render, render_restatement
from binome.engine.understand.understanding import Understanding, detect_lang, interpret

__all__ = [
    "KnownPerson",
    "PersonMatch",
    "Understanding",
    "detect_lang",
    "duration_minutes",
    "interpret",
    "render",
    "render_restatement",
]
