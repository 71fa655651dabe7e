"""``python -m bench`` (``make bench``): run every benchmark module, write ``bench/report.md``.

A benchmark module is any ``bench/<name>.py`` (not starting with ``_``) exposing
``run(report)``; ``report`` follows the protocol in ``bench/_report.py`` (``section``,
``row``, ``note``). Modules run one after another under a Rich progress display; a module
that fails is reported as failed and the others still run.

    python -m bench [--only NAME ...] [--output bench/report.md]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from bench._report import Report, machine_facts

HERE = Path(__file__).parent


def discover(only: list[str] | None = None) -> list[tuple[str, Any]]:
    """(name, run) for every bench module, in name order, filtered by ``only``."""
    names = sorted(p.stem for p in HERE.glob("*.py") if not p.stem.startswith("_"))
    if only:
        unknown = set(only) - set(names)
        if unknown:
            raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
        names = [n for n in names if n in only]
    found = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        run = getattr(module, "run", None)
        if callable(run):
            found.append((name, run))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this module")
    parser.add_argument("--output", type=Path, default=HERE / "report.md")
    args = parser.parse_args(argv)

    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from bench._timing import ensure_bytecode

    ensure_bytecode()  # measured processes start as an installed binome does
    console = Console(stderr=True)
    modules = discover(args.only)
    report = Report()
    failed = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("benchmarks", total=len(modules))
        report.on_change = lambda sec: progress.update(
            task, description=f"{sec.module}: {sec.title} ({len(sec.rows)} rows)"
        )
        for name, run in modules:
            progress.update(task, description=name)
            report.module = name
            started = time.perf_counter()
            try:
                run(report)
            except Exception:  # noqa: BLE001 - one failing bench must not hide the others
                failed.append(name)
                report.section(f"{name}: FAILED")
                report.note(traceback.format_exc().strip().splitlines()[-1])
            report.note(f"`{name}` ran in {time.perf_counter() - started:.1f} s.")
            progress.advance(task)
    args.output.write_text(report.to_markdown(machine_facts()), encoding="utf-8")
    console.print(f"wrote {args.output} ({len(modules)} modules, {len(failed)} failed)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
