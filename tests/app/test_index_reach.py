"""When the occurrence index answers a window, is extended (or first built) for it, or
leaves it to the rules (``app/index_read.reach_of``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from binome.app.index_read import MAX_AHEAD, Reach, extended_horizon, reach_of
from binome.domain.timing import Span
from binome.store.index_shape import COVER, HORIZON

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def window(start: datetime, days: int) -> Span:
    return Span(start, start + days * DAY)


@pytest.mark.parametrize(
    ("horizon", "span", "expected"),
    [
        (NOW + HORIZON, window(NOW, 30), Reach.INDEX),
        (NOW + HORIZON, window(NOW + HORIZON - 30 * DAY, 30), Reach.INDEX),  # ends on it
        (NOW + HORIZON, window(NOW + HORIZON - 10 * DAY, 30), Reach.EXTEND),
        (NOW + HORIZON, window(NOW + HORIZON - COVER - DAY, 30), Reach.EXPAND),  # floor
        (NOW + HORIZON, window(NOW + MAX_AHEAD, 30), Reach.EXPAND),  # too far ahead
        (None, window(NOW, 365), Reach.EXTEND),  # no index yet: built
        (None, window(NOW - 300 * DAY, 30), Reach.EXTEND),
        (None, window(NOW - 500 * DAY, 30), Reach.EXPAND),  # before a new index's floor
        (None, window(NOW, 900), Reach.EXPAND),  # longer than one index holds
        (None, window(NOW + MAX_AHEAD, 30), Reach.EXPAND),
    ],
)
def test_reach(horizon: datetime | None, span: Span, expected: Reach) -> None:
    assert reach_of(horizon, span, NOW) is expected


@pytest.mark.parametrize("days", [1, 30, 365, 700])
def test_an_extended_index_answers_the_window_it_was_extended_for(days: int) -> None:
    for start in (NOW - 300 * DAY, NOW, NOW + 2000 * DAY):
        span = window(start, days)
        if reach_of(None, span, NOW) is Reach.EXTEND:
            assert reach_of(extended_horizon(NOW, span), span, NOW) is Reach.INDEX
