"""Algebraic laws of interval sets, checked against a point-membership oracle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from binome.domain import intervals as iv

BASE = datetime(2026, 3, 1, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return BASE + timedelta(minutes=minutes)


raw_pairs = st.lists(
    st.tuples(st.integers(0, 2000), st.integers(1, 300)).map(lambda p: (at(p[0]), at(p[0] + p[1]))),
    max_size=12,
)
sets = raw_pairs.map(iv.normalize)
points = st.integers(-10, 2400).map(at)


def member(a: iv.IntervalSet, x: datetime) -> bool:
    return any(s <= x < e for s, e in a)


def is_normal(a: iv.IntervalSet) -> bool:
    return all(s < e for s, e in a) and all(a[i][1] < a[i + 1][0] for i in range(len(a) - 1))


@given(raw_pairs, points)
def test_normalize_gives_a_normal_set_with_the_same_points(pairs, x):
    a = iv.normalize(pairs)
    assert is_normal(a)
    assert member(a, x) == any(s <= x < e for s, e in pairs)
    assert iv.normalize(a) == a


@given(sets, sets, points)
def test_union_intersection_and_difference_agree_with_point_membership(a, b, x):
    for result, expected in (
        (iv.union(a, b), member(a, x) or member(b, x)),
        (iv.intersect(a, b), member(a, x) and member(b, x)),
        (iv.subtract(a, b), member(a, x) and not member(b, x)),
    ):
        assert is_normal(result)
        assert member(result, x) == expected


@given(sets, sets)
def test_union_and_intersection_commute_and_measure_adds_up(a, b):
    assert iv.union(a, b) == iv.union(b, a)
    assert iv.intersect(a, b) == iv.intersect(b, a)
    assert iv.total(iv.union(a, b)) + iv.total(iv.intersect(a, b)) == iv.total(a) + iv.total(b)


@given(sets, sets)
def test_a_minus_b_and_a_and_b_partition_a(a, b):
    assert iv.intersect(iv.subtract(a, b), b) == []
    assert iv.union(iv.subtract(a, b), iv.intersect(a, b)) == a


@given(sets, sets, sets)
def test_intersection_distributes_over_union(a, b, c):
    assert iv.intersect(a, iv.union(b, c)) == iv.union(iv.intersect(a, b), iv.intersect(a, c))


@given(sets, st.integers(0, 2000), st.integers(1, 500), points)
def test_clip_and_complement_split_the_window(a, start, length, x):
    window = (at(start), at(start + length))
    inside, outside = iv.clip(a, window), iv.complement(a, window)
    assert iv.union(inside, outside) == [window]
    assert iv.intersect(inside, outside) == []
    assert member(inside, x) == (member(a, x) and window[0] <= x < window[1])


@given(sets, st.integers(0, 60), st.integers(0, 60))
def test_expanding_then_shrinking_keeps_every_point(a, before, after):
    d1, d2 = timedelta(minutes=before), timedelta(minutes=after)
    assert iv.subtract(a, iv.shrink(iv.expand(a, d1, d2), d1, d2)) == []


@given(sets, st.integers(1, 200))
def test_gaps_keep_exactly_the_pairs_long_enough(a, minutes):
    d = timedelta(minutes=minutes)
    assert iv.gaps(a, d) == [p for p in a if p[1] - p[0] >= d]


@given(sets, st.integers(0, 2400), st.integers(1, 300))
def test_contains_means_inside_one_pair(a, start, length):
    item = (at(start), at(start + length))
    assert iv.contains(a, item) == any(s <= item[0] and item[1] <= e for s, e in a)


@given(st.lists(sets, max_size=5))
def test_intersect_all_is_the_fold_of_intersect(many):
    if not many:
        assert iv.intersect_all(many) == []
        return
    expected = many[0]
    for other in many[1:]:
        expected = iv.intersect(expected, other)
    assert iv.intersect_all(many) == expected


def test_spans_round_trip():
    a = [(at(0), at(30)), (at(60), at(90))]
    assert iv.from_spans(iv.to_spans(a)) == a
