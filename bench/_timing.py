"""What every benchmark module shares: timing medians and a report that prints to stdout.

Each ``bench/<name>.py`` used to carry its own ``perf_counter`` loop, median and report
stand-in; they live here once. ``measure`` times several runs of a call (one optional
warm-up first: imports, caches, first connection) and keeps the results a bench compares;
``pooled_median_ms`` times a call over a set of inputs (understanding a list of texts).
``TablePrinter`` follows the protocol of ``bench._report.Report`` (``section``, ``row``,
``note``) and prints each section as an aligned table, so ``python -m bench.<name>``
runs alone; ``standalone(run)`` is that module's ``__main__``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bench._report import fmt

__all__ = [
    "ReportLike",
    "TablePrinter",
    "Timing",
    "ensure_bytecode",
    "measure",
    "median_ms",
    "median_s",
    "pooled_median_ms",
    "ratio",
    "standalone",
]


def ensure_bytecode() -> None:
    """Compile binome's sources as a regular install does, before timing whole processes.

    The development install is editable, and with ``PYTHONDONTWRITEBYTECODE`` (set on some
    machines) every ``binome`` process compiled its ~200 modules from source: ~0.1 s of
    each measured run that no user pays. Installed dependencies are compiled by pip."""
    import compileall
    from pathlib import Path

    import binome

    compileall.compile_dir(Path(binome.__file__).parent, quiet=1)


class ReportLike(Protocol):
    """The report protocol (``bench._report.Report`` and ``TablePrinter`` follow it)."""

    def section(self, title: str) -> None: ...
    def row(self, **fields: Any) -> None: ...
    def note(self, text: str) -> None: ...


@dataclass
class Timing:
    """Seconds of each run and what the runs returned (all of them, or the last one)."""

    seconds: list[float] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_ms(self) -> float:
        return self.median_s * 1000

    @property
    def last(self) -> Any:
        return self.results[-1] if self.results else None

    @property
    def all_same(self) -> bool:
        """Whether every kept result equals the first (a deterministic computation)."""
        return all(r == self.results[0] for r in self.results)


def measure(
    call: Callable[[], Any],
    runs: int,
    *,
    warmup: bool = False,
    keep_all: bool = False,
    clock: Callable[[], float] = time.perf_counter,
) -> Timing:
    """Time ``runs`` calls of ``call`` with ``clock`` (wall time unless told otherwise)."""
    if warmup:
        call()
    timing = Timing()
    for _ in range(runs):
        start = clock()
        result = call()
        timing.seconds.append(clock() - start)
        if keep_all or not timing.results:
            timing.results.append(result)
        else:
            timing.results[-1] = result
    return timing


def median_s(call: Callable[[], Any], runs: int, *, warmup: bool = False) -> float:
    """Median wall seconds of ``runs`` calls (after one warm-up call if asked)."""
    return measure(call, runs, warmup=warmup).median_s


def median_ms(call: Callable[[], Any], runs: int, *, warmup: bool = False) -> float:
    """Median wall milliseconds of ``runs`` calls (after one warm-up call if asked)."""
    return measure(call, runs, warmup=warmup).median_ms


def pooled_median_ms(call: Callable[[Any], Any], inputs: Iterable[Any], runs: int) -> float:
    """Median milliseconds of one call on one input, over ``runs`` rounds of every input
    (after a warm-up round: imports, regex compilation, caches)."""
    items = list(inputs)
    for item in items:
        call(item)
    samples = []
    for _ in range(runs):
        for item in items:
            start = time.perf_counter()
            call(item)
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def ratio(value: float, baseline: float, digits: int = 3) -> float:
    """``value / baseline`` rounded (1.0 when there is no baseline to compare with)."""
    return round(value / baseline, digits) if baseline else 1.0


class TablePrinter:
    """Stand-in for ``bench._report.Report``: prints each section as an aligned table (rows
    are kept until the section ends; call ``close`` at the end)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def section(self, title: str) -> None:
        self.close()
        print(f"\n## {title}", flush=True)

    def row(self, **fields: Any) -> None:
        self.rows.append(fields)

    def note(self, text: str) -> None:
        self.close()
        print(f"note: {text}", flush=True)

    def close(self) -> None:
        if not self.rows:
            return
        cols = list(dict.fromkeys(k for r in self.rows for k in r))
        cells = [[fmt(r.get(c, "")) for c in cols] for r in self.rows]
        widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
        print("  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True)))
        for row in cells:
            print("  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)), flush=True)
        self.rows = []


def standalone(run: Callable[[TablePrinter], None]) -> None:
    """``python -m bench.<name>``: run the module with a ``TablePrinter``."""
    printer = TablePrinter()
    try:
        run(printer)
    finally:
        printer.close()
