"""Interval sets over UTC instants: the algebra the slot finder computes with.

An *interval set* is a plain ``list`` of ``(start, end)`` pairs of aware datetimes that is
*normal*: every pair has ``start < end``, pairs are sorted by start, and no two pairs touch
or overlap (``prev.end < next.start``). Each pair is half-open ``[start, end)``, like
``Span``. Plain tuples rather than ``Span`` objects because the hot loops of the slot finder
run over thousands of them; converting at the edges (``from_spans``/``to_spans``) is cheap.

Every operation takes normal sets and returns a new normal set in linear time (merging two
sorted lists), except ``normalize`` which sorts (n log n). Nothing is mutated in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from binome.domain.timing import Span

__all__ = [
    "Interval",
    "IntervalSet",
    "clip",
    "complement",
    "contains",
    "expand",
    "from_spans",
    "gaps",
    "intersect",
    "intersect_all",
    "normalize",
    "shrink",
    "subtract",
    "to_spans",
    "total",
    "union",
]

Interval = tuple[datetime, datetime]
IntervalSet = list[Interval]


def normalize(pairs: Iterable[Interval]) -> IntervalSet:
    """Sort, drop empty pairs, and merge overlapping or touching ones."""
    out: IntervalSet = []
    for start, end in sorted(p for p in pairs if p[0] < p[1]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def from_spans(spans: Iterable[Span]) -> IntervalSet:
    return normalize((s.start, s.end) for s in spans)


def to_spans(intervals: Iterable[Interval]) -> list[Span]:
    return [Span(start, end) for start, end in intervals]


def union(a: Sequence[Interval], b: Sequence[Interval]) -> IntervalSet:
    """``a ∪ b`` by merging the two sorted lists (no re-sort)."""
    out: IntervalSet = []
    i = j = 0
    while i < len(a) or j < len(b):
        if j >= len(b) or (i < len(a) and a[i][0] <= b[j][0]):
            start, end = a[i]
            i += 1
        else:
            start, end = b[j]
            j += 1
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> IntervalSet:
    """``a ∩ b``: two pointers, advance whichever pair ends first."""
    out: IntervalSet = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def intersect_all(sets: Iterable[Sequence[Interval]]) -> IntervalSet:
    """The intersection of several sets; stops early once it is empty."""
    iterator = iter(sets)
    first = next(iterator, None)
    if first is None:
        return []
    result = list(first)
    for other in iterator:
        if not result:
            break
        result = intersect(result, other)
    return result


def subtract(a: Sequence[Interval], b: Sequence[Interval]) -> IntervalSet:
    """``a \\ b``: what of ``a`` no pair of ``b`` covers."""
    out: IntervalSet = []
    j = 0
    for start, end in a:
        cursor = start
        while j < len(b) and b[j][1] <= cursor:
            j += 1
        k = j
        while k < len(b) and b[k][0] < end:
            if b[k][0] > cursor:
                out.append((cursor, b[k][0]))
            cursor = max(cursor, b[k][1])
            if cursor >= end:
                break
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


def complement(a: Sequence[Interval], within: Interval) -> IntervalSet:
    """What of ``within`` is not in ``a``."""
    return subtract([within], a)


def clip(a: Sequence[Interval], within: Interval) -> IntervalSet:
    """``a ∩ [within)``."""
    return intersect(a, [within]) if within[0] < within[1] else []


def total(a: Iterable[Interval]) -> timedelta:
    """Sum of the lengths (a normal set has no overlap, so nothing is counted twice)."""
    return sum((end - start for start, end in a), timedelta(0))


def gaps(a: Sequence[Interval], at_least: timedelta) -> IntervalSet:
    """The pairs of ``a`` that last at least ``at_least`` (the places a meeting fits)."""
    return [(start, end) for start, end in a if end - start >= at_least]


def expand(a: Sequence[Interval], before: timedelta, after: timedelta) -> IntervalSet:
    """Grow every pair by ``before``/``after`` (buffers, travel) and re-merge."""
    return normalize((start - before, end + after) for start, end in a)


def shrink(a: Sequence[Interval], before: timedelta, after: timedelta) -> IntervalSet:
    """Shrink every pair from both ends, dropping those that vanish (the dual of ``expand``)."""
    return [(s + before, e - after) for s, e in a if s + before < e - after]


def contains(a: Sequence[Interval], item: Interval) -> bool:
    """Whether ``item`` lies inside a single pair of ``a`` (binary search)."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid][1] < item[1]:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(a) and a[lo][0] <= item[0] and item[1] <= a[lo][1]
