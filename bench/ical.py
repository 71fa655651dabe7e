"""iCalendar bench (pure part): parse + one-year expansion vs icalendar + recurring_ical_events.

Workloads: generated director calendars (~2,000 / 8,000 / 32,000 events; a quarter are
recurring series with EXDATEs and moved instances, in four zones; seeded) and the largest
real files of the shared corpus. For each: median wall time of ``read_calendar``, of our
expansion of every series over one year, and of the baseline (icalendar parse +
``recurring_ical_events.between`` over the same year); peak traced memory of each path.
Second section, whole processes on the same generated calendars: ``binome import`` then
``binome agenda`` over 2026 (from the store's occurrence index) vs re-expanding the file
with icalendar + recurring_ical_events vs ``khal import`` then ``khal list`` (temporary
config and vdir); medians, ratios and peak RSS.
Run alone with ``python -m bench.ical`` (``--store [--quick]`` for the second section
only); ``make bench`` calls ``run(report)``.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import recurring_ical_events

from bench._timing import measure, standalone
from binome.domain.recurrence import expand
from binome.domain.timing import Span, zone
from binome.sources.ical.limits import Limits
from binome.sources.ical.read import ParsedCalendar, read_calendar

ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/London"]
YEAR = Span(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
SHARED = Path(os.environ.get("BINOME_SHARED", Path(__file__).parents[1] / ".." / "shared"))
LARGEST = [
    "ical4j__valid__mathBirthdays.ics",
    "node-ical__large-file-with-late-error.ics",
    "allenporter-ical__google_calendar_public_holidays.ics",
]


def director_calendar(n: int, seed: int = 7) -> bytes:
    """A seeded calendar of about ``n`` events: 3/4 single meetings, 1/4 series with
    exceptions (one EXDATE and one moved instance each), spread over 2025-2027."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//binome//bench//EN"]
    for i in range(n):
        tz = rng.choice(ZONES)
        start = datetime(2025, 1, 1, 8) + timedelta(
            days=rng.randrange(900), minutes=30 * rng.randrange(20)
        )
        stamp = start.strftime("%Y%m%dT%H%M%S")
        event = [
            f"UID:bench-{i}",
            f"DTSTART;TZID={tz}:{stamp}",
            "DURATION:PT45M",
            f"SUMMARY:Meeting {i}",
            "ATTENDEE;CN=Paul:mailto:paul@example.com",
        ]
        if i % 4 == 0:
            rule = rng.choice(
                [
                    "FREQ=WEEKLY",
                    "FREQ=DAILY;COUNT=200",
                    "FREQ=WEEKLY;BYDAY=MO,TH",
                    "FREQ=MONTHLY;BYDAY=1TU",
                ]
            )
            skip = (start + timedelta(weeks=2)).strftime("%Y%m%dT%H%M%S")
            moved = start + timedelta(weeks=3)
            event += [f"RRULE:{rule}", f"EXDATE;TZID={tz}:{skip}"]
            lines += [
                "BEGIN:VEVENT",
                *event,
                "END:VEVENT",
                "BEGIN:VEVENT",
                f"UID:bench-{i}",
                f"RECURRENCE-ID;TZID={tz}:{moved:%Y%m%dT%H%M%S}",
                f"DTSTART;TZID={tz}:{moved + timedelta(hours=2):%Y%m%dT%H%M%S}",
                "DURATION:PT45M",
                f"SUMMARY:Moved {i}",
                "END:VEVENT",
            ]
        else:
            lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


LIMITS = Limits(parse_seconds=3600)


def _read(data: bytes) -> ParsedCalendar:
    return read_calendar(data, name="bench.ics", default_tz="Europe/Paris", limits=LIMITS)


def _ours(data: bytes) -> tuple[ParsedCalendar, int]:
    parsed = _read(data)
    return parsed, _expand(parsed)


def _expand(parsed: ParsedCalendar) -> int:
    tz = zone("Europe/Paris")
    masters, overrides = {}, defaultdict(list)
    for item in parsed.events:
        if item.recurrence_id is None:
            masters[item.uid] = item.event
        else:
            overrides[item.uid].append(item.event)
    return sum(
        len(expand(m, overrides[uid], YEAR, tz, max_instances=10_000)) for uid, m in masters.items()
    )


def _baseline(data: bytes) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cal = icalendar.Calendar.from_ical(data)
        query = recurring_ical_events.of(cal, skip_bad_series=True)
        return len(list(query.between(YEAR.start, YEAR.end)))


def _peak(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _measure(report: Any, label: str, data: bytes, runs: int) -> None:
    parse = measure(lambda: _read(data), runs)
    parse_s, parsed = parse.median_s, parse.last
    expand = measure(lambda: _expand(parsed), runs)
    expand_s, count = expand.median_s, expand.last
    try:
        base = measure(lambda: _baseline(data), runs)
        base_s, base_count = base.median_s, base.last
    except Exception as exc:  # noqa: BLE001 - the baseline cannot read every real file
        report.row(
            workload=label,
            kb=len(data) // 1024,
            events=len(parsed.events),
            instances=count,
            parse_ms=round(parse_s * 1e3, 1),
            expand_ms=round(expand_s * 1e3, 1),
            baseline=f"fails: {type(exc).__name__}",
        )
        return
    report.row(
        workload=label,
        kb=len(data) // 1024,
        events=len(parsed.events),
        instances=count,
        baseline_instances=base_count,
        parse_ms=round(parse_s * 1e3, 1),
        expand_ms=round(expand_s * 1e3, 1),
        ours_ms=round((parse_s + expand_s) * 1e3, 1),
        baseline_ms=round(base_s * 1e3, 1),
        ratio=round((parse_s + expand_s) / base_s, 2),
        ours_peak_mb=round(_peak(lambda: _ours(data)), 1),
        baseline_peak_mb=round(_peak(lambda: _baseline(data)), 1),
        runs=runs,
    )


def run(report: Any) -> None:
    run_pure(report)
    run_store(report)


def run_pure(report: Any) -> None:
    report.section("iCalendar: parse + one-year expansion vs icalendar + recurring_ical_events")
    for n, runs in ((2_000, 3), (8_000, 2), (32_000, 1)):
        _measure(report, f"director-{n}", director_calendar(n), runs)
    folder = SHARED / "fixtures" / "ics"
    for name in LARGEST:
        if (folder / name).is_file():
            _measure(report, name[:40], (folder / name).read_bytes(), 5)
    report.note(
        "ratio = (our parse + our expansion) / baseline; < 1 means binome is faster. "
        "Instance counts differ where the baseline keeps cancelled or duplicate items."
    )


# --- whole process: binome import + agenda vs re-expanding the file vs khal --------------

_AGENDA = ("--from", "2026-01-01", "--to", "2026-12-31")
# One day of the same calendar: the command's fixed cost (interpreter, imports, opening the
# store), which a year's agenda cannot go below.
_ONE_DAY = ("--from", "2026-06-03", "--to", "2026-06-03")
_REEXPAND = (
    "import sys, warnings, icalendar, recurring_ical_events\n"
    "warnings.simplefilter('ignore')\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "q = recurring_ical_events.of(cal, skip_bad_series=True)\n"
    "print(len(list(q.between((2026, 1, 1), (2027, 1, 1)))))\n"
)
_KHAL_CONFIG = """[calendars]
[[bench]]
path = {vdir}
type = calendar
[locale]
local_timezone = Europe/Paris
default_timezone = Europe/Paris
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[sqlite]
path = {db}
"""


def _process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one whole process, reaped here with ``os.wait4`` so
    its own resource usage is read without a wrapper process in the timing."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        if child.returncode != 0:
            err.seek(0)
            raise RuntimeError(err.read().decode(errors="replace")[-300:])
    return seconds, usage.ru_maxrss / 1024


AGENDA_RUNS = 5  # agenda runs per import (an import costs far more than an agenda)


def _binome(folder: Path, path: Path) -> tuple[float, ...]:
    """Import once, then the one-year agenda as text and as --json, ``AGENDA_RUNS`` times
    each: import seconds and MB, then median seconds and peak MB of each agenda."""
    env = {**os.environ, "BINOME_SECRET_KEY_FILE": str(folder / "keys.json")}
    exe = str(Path(sys.executable).with_name("binome"))
    db = ["--db", f"sqlite:///{folder / 'binome.db'}"]
    init = ["init", "--principal", "C", "--email", "c@example.fr", "--tz", "Europe/Paris"]
    subprocess.run([exe, *db, *init], env=env, capture_output=True, check=True)
    imp_s, imp_mb = _process([exe, *db, "import", str(path), "--json"], env)
    text = [_process([exe, *db, "agenda", *_AGENDA], env) for _ in range(AGENDA_RUNS)]
    json = [_process([exe, *db, "agenda", *_AGENDA, "--json"], env) for _ in range(AGENDA_RUNS)]
    day = [_process([exe, *db, "agenda", *_ONE_DAY], env) for _ in range(AGENDA_RUNS)]
    warm = _warm_agenda(folder)
    return (
        imp_s,
        imp_mb,
        statistics.median(t for t, _ in text),
        max(m for _, m in text),
        statistics.median(t for t, _ in json),
        max(m for _, m in json),
        warm,
        statistics.median(t for t, _ in day),
    )


def _warm_agenda(folder: Path) -> float:
    """The one-year agenda's lines in a warm process (as the web app or API serves it):
    median seconds of ``AGENDA_RUNS``, the same read path as the command."""
    from binome.app.lite import lite_agenda
    from binome.present.agenda import listing_lines

    saved = os.environ.get("BINOME_SECRET_KEY_FILE")
    os.environ["BINOME_SECRET_KEY_FILE"] = str(folder / "keys.json")
    try:

        def once() -> int:
            found = lite_agenda(
                str(folder / "binome.db"), actor=None, workspace=None, now=None, what=None,
                start=_AGENDA[1], end=_AGENDA[3], listing=True,
            )  # fmt: skip
            assert not isinstance(found.result, dict)
            return len(listing_lines(found.result, "fr"))

        return measure(once, AGENDA_RUNS).median_s
    finally:
        if saved is None:
            os.environ.pop("BINOME_SECRET_KEY_FILE", None)
        else:
            os.environ["BINOME_SECRET_KEY_FILE"] = saved


def _warm_reexpand(data: bytes) -> float:
    return measure(lambda: _baseline(data), 2).median_s


def _khal(folder: Path, path: Path) -> tuple[float, float, float, float]:
    exe = str(Path(sys.executable).with_name("khal"))
    (folder / "vdir").mkdir()
    config = folder / "khal.conf"
    config.write_text(_KHAL_CONFIG.format(vdir=folder / "vdir", db=folder / "khal.db"))
    env = dict(os.environ)
    imp_s, imp_mb = _process(
        [exe, "-c", str(config), "import", "--batch", "-a", "bench", str(path)], env
    )
    ls_s, ls_mb = _process([exe, "-c", str(config), "list", "2026-01-01", "2026-12-31"], env)
    return imp_s, imp_mb, ls_s, ls_mb


def _median(runs: int, fn: Callable[[Path], tuple[float, ...]]) -> tuple[float, ...]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="binome-bench-") as tmp:
            results.append(fn(Path(tmp)))
    return tuple(statistics.median(r[i] for r in results) for i in range(len(results[0])))


def _measure_store(report: Any, label: str, data: bytes, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="binome-bench-") as tmp:
        path = Path(tmp) / f"{label}.ics"
        path.write_bytes(data)
        try:
            b_imp, b_imp_mb, b_ag, b_ag_mb, b_js, b_js_mb, b_warm, b_day = _median(
                runs, lambda f: _binome(f, path)
            )
        except RuntimeError as exc:  # refused by a budget (Limits.max_total_instances)
            report.row(workload=label, import_s=f"refused: {str(exc).strip()[-90:]}")
            return
        r_s, r_mb = _median(
            runs, lambda f: _process([sys.executable, "-c", _REEXPAND, str(path)], dict(os.environ))
        )
        warm_reexpand = _warm_reexpand(data)
        try:
            if label.endswith(tuple(f"-{n}" for n in _KHAL_SKIPPED)):
                raise _NotRun
            k_imp, k_imp_mb, k_ls, k_ls_mb = _median(runs, lambda f: _khal(f, path))
            khal: dict[str, Any] = {
                "khal_import_s": round(k_imp, 2),
                "khal_list_s": round(k_ls, 2),
                "import_vs_khal": round(b_imp / k_imp, 2),
                "agenda_vs_khal_list": round(k_ls / b_ag, 1),
                "khal_peak_mb": round(max(k_imp_mb, k_ls_mb)),
            }
        except _NotRun:
            khal = {"khal_import_s": f"not run (over BINOME_BENCH_KHAL_MAX={KHAL_MAX})"}
        except (RuntimeError, OSError) as exc:
            khal = {"khal_import_s": f"fails: {str(exc)[-60:]}"}
    report.row(
        workload=label,
        events=data.count(b"BEGIN:VEVENT"),
        import_s=round(b_imp, 2),
        import_ms_per_event=round(1000 * b_imp / max(1, data.count(b"BEGIN:VEVENT")), 2),
        agenda_year_s=round(b_ag, 3),
        agenda_day_s=round(b_day, 3),
        agenda_json_s=round(b_js, 3),
        reexpand_s=round(r_s, 2),
        agenda_speedup=round(r_s / b_ag, 1),
        speedup_ceiling=round(r_s / b_day, 1),
        json_speedup=round(r_s / b_js, 1),
        warm_agenda_s=round(b_warm, 3),
        warm_speedup=round(warm_reexpand / b_warm, 1),
        **khal,
        binome_peak_mb=round(max(b_imp_mb, b_ag_mb, b_js_mb)),
        reexpand_peak_mb=round(r_mb),
        runs=runs,
    )


# khal takes about 5 min to import and list 8,000 events here, and grows faster than
# linearly: the 32,000-event run is left out unless BINOME_BENCH_KHAL_MAX allows it.
KHAL_MAX = int(os.environ.get("BINOME_BENCH_KHAL_MAX", "8000"))


class _NotRun(Exception):
    """khal is not run on this size (``KHAL_MAX``)."""


_KHAL_SKIPPED = tuple(n for n in (2_000, 8_000, 32_000) if n > KHAL_MAX)


def run_store(
    report: Any, sizes: tuple[tuple[int, int], ...] = ((2_000, 3), (8_000, 2), (32_000, 1))
) -> None:
    report.section(
        "iCalendar in the store (whole processes): binome import + one-year agenda vs "
        "re-expanding the file (icalendar + recurring_ical_events) vs khal import + khal list"
    )
    for n, runs in sizes:
        _measure_store(report, f"director-{n}", director_calendar(n), runs)
    report.note(
        "agenda_speedup = re-expanding the file / `binome agenda --from 2026-01-01 --to "
        "2026-12-31` from the store, its lines printed (target >= 20); agenda_day_s = the "
        "same command over one day (its fixed cost: interpreter, imports, opening the store) "
        "and speedup_ceiling = re-expanding / that cost, the most any year's agenda could "
        "reach as a whole process; import_ms_per_event = import_s per event of the file "
        "(flat when import grows linearly); json_speedup = the "
        "same with --json (every field of every occurrence); import_vs_khal = binome import "
        "/ khal import (target <= 1); agenda_vs_khal_list = khal list / binome agenda; "
        "warm_speedup = the same two in an already running process (the agenda as the web app "
        "serves it; icalendar parse + expansion of the bytes already read). Each "
        "figure is a whole process (interpreter start included, bytecode compiled as an "
        "installed binome has it); the agenda's median is over "
        f"{AGENDA_RUNS} runs after each import, then the median over `runs` imports; peak = "
        "max resident set size."
    )


class _Table:
    """Stand-in for the orchestrator's report: prints rows as they come, aligned."""

    def __init__(self) -> None:
        self.keys: list[str] | None = None

    def section(self, title: str) -> None:
        self.keys = None
        print(f"\n## {title}", flush=True)

    def row(self, **fields: Any) -> None:
        if self.keys is None:
            self.keys = list(fields)
            print("  ".join(f"{k:>{max(len(k), 8)}}" for k in self.keys), flush=True)
        cells = (f"{fields.get(k, '')!s:>{max(len(k), 8)}}" for k in self.keys)
        print("  ".join(cells), flush=True)

    def note(self, text: str) -> None:
        print(f"note: {text}", flush=True)


if __name__ == "__main__":
    from bench._timing import ensure_bytecode

    ensure_bytecode()
    if "--store" in sys.argv:
        quick = "--quick" in sys.argv
        run_store(
            _Table(), ((2_000, 1), (8_000, 1)) if quick else ((2_000, 3), (8_000, 2), (32_000, 1))
        )
    else:
        standalone(run)
