"""The ``Report`` every benchmark module writes to, and the facts that make figures comparable.

The protocol is three methods: ``section(title)`` starts a table, ``row(**fields)`` adds a
row (columns are the union of field names, in first-seen order), ``note(text)`` adds a line
under the current section. ``to_markdown`` renders the whole report with the machine facts
(CPU count and model, load, Python, SQLite, PostgreSQL if configured) that a figure needs
to be read: the same bench on a loaded machine can be several times slower.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Section:
    module: str
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self.rows:
            seen.update(dict.fromkeys(row))
        return list(seen)


@dataclass
class Report:
    """Collects sections, rows and notes from benchmark modules."""

    module: str = ""
    sections: list[Section] = field(default_factory=list)
    on_change: Callable[[Section], None] | None = None

    def section(self, title: str) -> None:
        self.sections.append(Section(self.module, title))

    def _current(self) -> Section:
        if not self.sections or self.sections[-1].module != self.module:
            self.section(self.module or "results")
        return self.sections[-1]

    def row(self, **fields: Any) -> None:
        current = self._current()
        current.rows.append(fields)
        if self.on_change is not None:
            self.on_change(current)

    def note(self, text: str) -> None:
        self._current().notes.append(text)

    def to_markdown(self, facts: dict[str, str]) -> str:
        lines = ["# binome benchmarks", ""]
        lines += [f"- **{k}**: {v}" for k, v in facts.items()]
        for sec in self.sections:
            lines += ["", f"## {sec.title}", ""]
            cols = sec.columns()
            if cols:
                lines.append("| " + " | ".join(cols) + " |")
                lines.append("|" + "---|" * len(cols))
                for row in sec.rows:
                    lines.append("| " + " | ".join(fmt(row.get(c, "")) for c in cols) + " |")
            lines += ["", *(f"> {note}" for note in sec.notes)] if sec.notes else []
        return "\n".join(lines).rstrip() + "\n"


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value).replace("|", "\\|")


def machine_facts() -> dict[str, str]:
    """What a reader needs to compare two reports."""
    facts = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "load average (1/5/15 min)": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "platform": platform.platform(),
        "backend": f"SQLite {sqlite3.sqlite_version}",
    }
    pg = os.environ.get("BINOME_BENCH_PG")
    if pg:
        facts["backend"] += f"; PostgreSQL at {pg.split('@')[-1]}"
    return facts


def _cpu_model() -> str:
    path = Path("/proc/cpuinfo")
    if path.exists():
        for line in path.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"
