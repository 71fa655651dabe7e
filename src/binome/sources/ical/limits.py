"""Parsing budgets, checked by a cheap line scan BEFORE the bytes reach ``icalendar``.

SECURITY.md row 30 (libical PR#381, CVE-2016-9584): a 10 MB line, a 200 MB file, 10k-deep
nesting or unbalanced BEGIN/END must be refused with a clear error before full parsing,
and never as a ``RecursionError``. Row 29 (GHSA-cv84): thousands of duplicate
subcomponents in one VEVENT are refused here too, since icalendar parses about 15k lines
per second and such a file has no legitimate use. The scan is linear and allocation-light:
it looks at each physical line once, counts unfolded lengths (RFC 5545 §3.1 folding:
CRLF then one space or tab), and tracks the BEGIN/END stack. Text is decoded as UTF-8; invalid bytes
are replaced and reported (ical4j's bloc.jp sample), NUL and other binary bytes refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from binome.domain.errors import N_, ParseError
from binome.domain.text import Message

__all__ = ["Limits", "Scan", "scan"]

_BINARY = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Budgets for one file. ``max_instances_per_series`` applies per query window."""

    max_bytes: int = 20_000_000
    max_line: int = 1_000_000
    max_components: int = 200_000
    max_depth: int = 20
    max_children: int = 1_000  # subcomponents of one component (VALARMs of a VEVENT)
    max_instances_per_series: int = 10_000
    max_total_instances: int = 2_000_000  # index rows one import may write (~300 B each)
    parse_seconds: float = 120.0  # checked between components; hard limits belong to app/


@dataclass(frozen=True, slots=True, kw_only=True)
class Scan:
    """What the line scan learnt: the decoded text and where each component begins."""

    text: str
    warnings: tuple[Message, ...] = ()
    component_lines: dict[str, list[int]] = field(default_factory=dict)


def _refuse(name: str, line: int, msgid: str, **params: Any) -> ParseError:
    return ParseError(msgid, where=f"{name}:{line}", **params)


def decode(data: bytes, name: str, limits: Limits) -> tuple[str, list[Message]]:
    """UTF-8 text of ``data`` (BOM dropped); invalid bytes replaced and reported."""
    if len(data) > limits.max_bytes:
        raise _refuse(
            name,
            1,
            N_("The file is too large ({size} bytes, limit {limit})."),
            size=len(data),
            limit=limits.max_bytes,
        )
    data = data.removeprefix(codecs.BOM_UTF8)
    bad = _BINARY.search(data)
    if bad is not None:
        line = data.count(b"\n", 0, bad.start()) + 1
        raise _refuse(
            name,
            line,
            N_("The file contains binary data (byte {byte})."),
            byte=f"0x{data[bad.start()]:02x}",
        )
    warnings: list[Message] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("utf-8", errors="replace")
        warnings.append(
            Message.of(N_("{where}: invalid UTF-8 replaced by U+FFFD."), where=f"{name}:{line}")
        )
    return text, warnings


def scan(data: bytes, *, name: str, limits: Limits) -> Scan:
    """Decode and check ``data`` against ``limits``; ``ParseError`` naming file and line."""
    text, warnings = decode(data, name, limits)
    # Leading blanks before BEGIN:VCALENDAR (node-ical dst-transition-rules) are not a
    # folded line; strip them on the first line only so line numbers stay true.
    text = text.lstrip(" \t")
    if "BEGIN:" not in text[:4096].upper():
        raise _refuse(name, 1, N_("This is not an iCalendar file (no BEGIN:VCALENDAR)."))
    stack: list[str] = []
    children: list[int] = [0]
    lines: dict[str, list[int]] = {}
    components = 0
    logical = 0
    start_line = 1
    # split("\n"), not splitlines(): U+2028 or a form feed inside a TEXT value is not a
    # line break for RFC 5545 and must not shift the line numbers we report.
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r")
        if raw[:1] in (" ", "\t"):
            logical += len(raw) - 1
        else:
            logical, start_line = len(raw), number
            head = raw[:6].upper()
            if head.startswith("BEGIN:"):
                kind = raw[6:].strip().upper()
                stack.append(kind)
                children[-1] += 1
                children.append(0)
                components += 1
                if len(stack) > 2 and children[-2] > limits.max_children:
                    raise _refuse(
                        name,
                        number,
                        N_("{kind} holds too many subcomponents (limit {limit})."),
                        kind=stack[-2][:40],
                        limit=limits.max_children,
                    )
                lines.setdefault(kind, []).append(number)
                if len(stack) > limits.max_depth:
                    raise _refuse(
                        name,
                        number,
                        N_("Components are nested too deeply (limit {limit})."),
                        limit=limits.max_depth,
                    )
                if components > limits.max_components:
                    raise _refuse(
                        name,
                        number,
                        N_("Too many components (limit {limit})."),
                        limit=limits.max_components,
                    )
            elif head.startswith("END:"):
                kind = raw[4:].strip().upper()
                if not stack or stack[-1] != kind:
                    raise _refuse(
                        name,
                        number,
                        N_("END:{kind} does not close the open component."),
                        kind=kind[:40],
                    )
                stack.pop()
                children.pop()
        if logical > limits.max_line:
            raise _refuse(
                name,
                start_line,
                N_("A line is too long ({size} characters, limit {limit})."),
                size=logical,
                limit=limits.max_line,
            )
    if stack:
        raise _refuse(
            name,
            text.count("\n") + 1,
            N_("The file ends inside {kind} (truncated?)."),
            kind=stack[-1][:40],
        )
    return Scan(text=text, warnings=tuple(warnings), component_lines=lines)
