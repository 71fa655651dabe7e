"""The week grid layout: lanes never overlap, conflicts are exactly the overlapping busy
items, and every block stays inside its day and the grid."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from binome.present.week import LANES, OVERLOAD_MINUTES, SLOT_MINUTES, stylesheet_rules, week_grid

MONDAY = date(2026, 11, 23)
DAYS = [(MONDAY + timedelta(days=i)).isoformat() for i in range(7)]


def item(
    day: int, start_min: int, minutes: int, *, busy: bool = True, **extra: Any
) -> dict[str, Any]:
    start = datetime(2026, 11, 23 + day) + timedelta(minutes=start_min)
    end = start + timedelta(minutes=minutes)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "all_day": False,
        "masked": False,
        "busy": busy,
        "kind": "meeting",
        "title": "x",
        **extra,
    }


def week(*items: dict[str, Any]) -> dict[str, Any]:
    return {"days": DAYS, "items": list(items)}


def test_two_overlapping_meetings_conflict_and_share_the_day() -> None:
    grid = week_grid(week(item(0, 600, 60), item(0, 630, 60), item(0, 720, 30)), "en")
    a, b, c = grid.blocks
    assert a.conflict
    assert b.conflict
    assert not c.conflict
    assert a.cols == b.cols == LANES // 2
    assert a.col != b.col
    assert c.cols == LANES
    assert grid.conflicts == 2


def test_a_free_item_overlapping_a_meeting_is_no_conflict() -> None:
    grid = week_grid(week(item(1, 600, 60), item(1, 600, 60, busy=False)), "en")
    assert not any(b.conflict for b in grid.blocks)


def test_a_masked_item_is_a_busy_block_with_no_title() -> None:
    grid = week_grid(week(item(2, 540, 30, masked=True, title=None, kind=None)), "en")
    [block] = grid.blocks
    assert block.title == "Busy"
    assert "k-busy" in block.css


def test_a_day_with_more_than_the_threshold_of_meetings_is_overloaded() -> None:
    long_day = [item(3, 480 + 60 * i, 60) for i in range(OVERLOAD_MINUTES // 60 + 1)]
    grid = week_grid(week(*long_day), "en")
    assert grid.overloaded == [False, False, False, True, False, False, False]


def test_the_grid_grows_to_show_an_early_meeting() -> None:
    grid = week_grid(week(item(0, 6 * 60, 30)), "en")
    assert grid.first_hour == 6
    assert grid.blocks[0].row == 1


def test_all_day_items_go_in_the_day_header() -> None:
    holiday = {
        "start": "2026-11-24",
        "end": "2026-11-26",
        "all_day": True,
        "masked": False,
        "busy": False,
        "title": "Off",
    }
    grid = week_grid(week(holiday), "en")
    assert set(grid.all_day) == {1, 2}
    assert grid.blocks == []


def test_the_stylesheet_has_a_class_for_every_position() -> None:
    css = stylesheet_rules()
    assert ".r97{" in css
    assert ".h96{" in css
    assert ".c84{" in css
    assert ".w12{" in css


spans = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 95), st.integers(1, 16), st.booleans()).map(
        lambda t: (t[0], t[1], min(t[2], 96 - t[1]), t[3])  # within the day
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(spans)
def test_blocks_in_one_day_never_overlap_on_screen(raw: list[tuple[int, int, int, bool]]) -> None:
    items = [item(d, s * SLOT_MINUTES, n * SLOT_MINUTES, busy=b) for d, s, n, b in raw]
    grid = week_grid(week(*items), "en")
    blocks = grid.blocks
    for block in blocks:
        assert block.day * LANES + 1 <= block.col
        assert block.col + block.cols <= (block.day + 1) * LANES + 1
        assert block.row >= 1
        assert block.row + block.rows <= grid.row_count + 2
    for i, x in enumerate(blocks):
        for y in blocks[i + 1 :]:
            rows_meet = x.row < y.row + y.rows and y.row < x.row + x.rows
            cols_meet = x.col < y.col + y.cols and y.col < x.col + x.cols
            if len(blocks) <= LANES:
                assert not (rows_meet and cols_meet and x.day == y.day)


@settings(max_examples=150, deadline=None)
@given(spans)
def test_conflicts_are_exactly_the_overlapping_busy_items(
    raw: list[tuple[int, int, int, bool]],
) -> None:
    items = [item(d, s * SLOT_MINUTES, n * SLOT_MINUTES, busy=b) for d, s, n, b in raw]
    grid = week_grid(week(*items), "en")
    for i, (d, s, n, b) in enumerate(raw):
        expected = b and any(
            j != i and d2 == d and b2 and s < s2 + n2 and s2 < s + n
            for j, (d2, s2, n2, b2) in enumerate(raw)
        )
        assert grid.blocks[i].conflict == expected
