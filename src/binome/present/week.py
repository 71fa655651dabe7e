"""The week grid: where each agenda item sits, which ones conflict, which days are overloaded.

Pure layout over the agenda views the app layer returns (already masked). The grid is a CSS
grid of quarter-hour rows and, per day, ``LANES`` sub-columns; items that overlap share a
day's width in lanes. Positions are expressed as class names (``r37 h4 c13 w6``) from a
fixed stylesheet, because the Content-Security-Policy forbids inline ``style`` attributes.

A conflict is two busy, timed items that overlap. A day is overloaded when its busy time
exceeds ``OVERLOAD_MINUTES``. Integration point: when the principal's profile lands
(``domain/profile.py``), take the threshold from their work style instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from binome.present.agenda import time_range, title_of

SLOT_MINUTES = 15
LANES = 12  # divisible by 1, 2, 3, 4, 6: overlapping items share the day evenly
OVERLOAD_MINUTES = 6 * 60
DEFAULT_HOURS = (8, 19)
LANE_COUNTS = (1, 2, 3, 4, 6, 12)


@dataclass(frozen=True, slots=True)
class Block:
    """One positioned item of the grid."""

    item: dict[str, Any]
    day: int
    row: int
    rows: int
    col: int
    cols: int
    conflict: bool
    title: str
    when: str

    @property
    def css(self) -> str:
        kind = "busy" if self.item.get("masked") else (self.item.get("kind") or "meeting")
        flags = " conflict" if self.conflict else ""
        flags += " important" if self.item.get("important") else ""
        return f"block k-{kind} r{self.row} h{self.rows} c{self.col} w{self.cols}{flags}"


@dataclass(frozen=True, slots=True)
class Grid:
    days: list[date]
    first_hour: int
    last_hour: int
    blocks: list[Block]
    all_day: dict[int, list[dict[str, Any]]]
    busy_minutes: list[int]
    overloaded: list[bool]
    conflicts: int

    @property
    def hours(self) -> list[tuple[int, int]]:
        """(hour, grid row) for each hour label."""
        return [
            (h, (h - self.first_hour) * 60 // SLOT_MINUTES + 1)
            for h in range(self.first_hour, self.last_hour)
        ]

    @property
    def row_count(self) -> int:
        return (self.last_hour - self.first_hour) * 60 // SLOT_MINUTES


def _minutes(value: datetime, day: date) -> int:
    """Minutes since midnight of ``day`` (clamped to the day)."""
    if value.date() < day:
        return 0
    if value.date() > day:
        return 24 * 60
    return value.hour * 60 + value.minute


def _timed_on(
    items: Sequence[dict[str, Any]], days: list[date]
) -> list[tuple[int, int, int, dict[str, Any]]]:
    out = []
    for item in items:
        if item["all_day"]:
            continue
        start = datetime.fromisoformat(item["start"])
        end = datetime.fromisoformat(item["end"])
        for index, day in enumerate(days):
            if start.date() <= day <= end.date():
                lo, hi = _minutes(start, day), _minutes(end, day)
                if hi > lo or (hi == lo and start.date() == day):
                    out.append((index, lo, max(hi, lo + SLOT_MINUTES), item))
    return out


def _lanes(spans: list[tuple[int, int, int, dict[str, Any]]]) -> dict[int, tuple[int, int]]:
    """Lane and lane count for each span (by position in ``spans``), per overlap cluster."""
    result: dict[int, tuple[int, int]] = {}
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1], -spans[i][2]))
    cluster: list[int] = []
    lane_ends: list[int] = []
    cluster_end = -1
    cluster_day = -1

    def close() -> None:
        count = next(n for n in LANE_COUNTS if n >= min(len(lane_ends), LANES))
        for i in cluster:
            result[i] = (min(result[i][0], count - 1), count)

    for i in order:
        day, lo, hi, _ = spans[i]
        if cluster and (day != cluster_day or lo >= cluster_end):
            close()
            cluster, lane_ends, cluster_end = [], [], -1
        cluster_day = day
        lane = next((n for n, end in enumerate(lane_ends) if end <= lo), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(hi)
        else:
            lane_ends[lane] = hi
        result[i] = (lane, 0)
        cluster.append(i)
        cluster_end = max(cluster_end, hi)
    if cluster:
        close()
    return result


def week_grid(data: dict[str, Any], lang: str) -> Grid:
    """Lay out ``cockpit.week`` output for the template."""
    days = [date.fromisoformat(d) for d in data["days"]]
    items = data["items"]
    spans = _timed_on(items, days)
    first, last = DEFAULT_HOURS
    for _, lo, hi, _ in spans:
        first = min(first, lo // 60)
        last = max(last, -(-hi // 60))
    last = min(max(last, first + 1), 24)
    lanes = _lanes(spans)
    busy = [0] * len(days)
    conflict: set[int] = set()
    for i, (day, lo, hi, item) in enumerate(spans):
        if item.get("busy"):
            busy[day] += hi - lo
        for j in range(i + 1, len(spans)):
            d2, lo2, hi2, other = spans[j]
            if d2 == day and lo < hi2 and lo2 < hi and item.get("busy") and other.get("busy"):
                conflict.update((i, j))
    blocks = []
    slots_before = first * 60 // SLOT_MINUTES
    for i, (day, lo, hi, item) in enumerate(spans):
        lane, count = lanes[i]
        width = LANES // count
        row = max(lo // SLOT_MINUTES - slots_before, 0) + 1
        end_row = max(-(-hi // SLOT_MINUTES) - slots_before, row) + 1
        blocks.append(
            Block(
                item=item,
                day=day,
                row=row,
                rows=max(end_row - row, 1),
                col=day * LANES + lane * width + 1,
                cols=width,
                conflict=i in conflict,
                title=title_of(item, lang),
                when=time_range(item, lang),
            )
        )
    all_day: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        if item["all_day"]:
            start = date.fromisoformat(item["start"][:10])
            end = date.fromisoformat(item["end"][:10])
            for index, each in enumerate(days):
                if start <= each < end:
                    all_day.setdefault(index, []).append(item)
    return Grid(
        days=days,
        first_hour=first,
        last_hour=last,
        blocks=blocks,
        all_day=all_day,
        busy_minutes=busy,
        overloaded=[m > OVERLOAD_MINUTES for m in busy],
        conflicts=len(conflict),
    )


def stylesheet_rules(max_rows: int = 24 * 60 // SLOT_MINUTES, days: int = 7) -> str:
    """The positioning classes the grid uses (written into ``static/grid.css``)."""
    lines = []
    for n in range(1, max_rows + 2):
        lines.append(f".r{n}{{grid-row-start:{n}}}")
    for n in range(1, max_rows + 1):
        lines.append(f".h{n}{{grid-row-end:span {n}}}")
    for n in range(1, days * LANES + 1):
        lines.append(f".c{n}{{grid-column-start:{n + 1}}}")
    for n in range(1, LANES + 1):
        lines.append(f".w{n}{{grid-column-end:span {n}}}")
    return "\n".join(lines) + "\n"
