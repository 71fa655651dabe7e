"""Options offered for a request never collide with the calendar they were computed from.

Property: whatever the principal's Thursday looks like (random meetings, seeded by
Hypothesis), every option offered for "a meeting with Paul next Thursday" lasts the
default hour, starts inside working hours, keeps the 10-minute buffer around every
existing meeting, and no two options overlap. Run on SQLite (the store is not what is
tested here; the CLI tests cover both databases).
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binome.app.calendar import NewEvent, add_event
from binome.app.context import App
from binome.app.items import add_person
from binome.app.requests import ask
from binome.app.workspace import init_workspace
from binome.domain.timing import zone
from tests.conftest import NOW

PARIS = zone("Europe/Paris")
BUFFER = timedelta(minutes=10)

meetings = st.lists(
    st.tuples(st.integers(min_value=32, max_value=70), st.sampled_from((30, 45, 60, 90))),
    max_size=8,
)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=meetings)
def test_no_option_overlaps_a_meeting_or_its_buffer(
    day: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        monkeypatch.setenv("BINOME_SECRET_KEY_FILE", str(Path(tmp) / "keys.json"))
        app = App.open(f"sqlite:///{tmp}/b.db", now=NOW)
        init_workspace(app, principal="Claire Martin", email="claire@example.fr",
                       tz="Europe/Paris", country="FR")  # fmt: skip
        add_person(app, name="Paul Durand", email="paul@example.com", tz="Europe/Paris")
        busy = []
        for quarter, minutes in day:
            start = datetime(2026, 12, 3, tzinfo=PARIS) + timedelta(minutes=15 * quarter)
            end = start + timedelta(minutes=minutes)
            add_event(app, NewEvent(title="Réunion", start=start, end=end))
            busy.append((start, end))
        asked = ask(app, "Réunion avec Paul jeudi prochain")
        spans = [
            (datetime.fromisoformat(o["start"]), datetime.fromisoformat(o["end"]))
            for o in asked["options"]
        ]
        assert spans or asked["question"]
        for start, end in spans:
            assert end - start == timedelta(hours=1)
            assert start.astimezone(PARIS).hour >= 9  # Paul's hours: 09:00-18:00
            assert end.astimezone(PARIS).hour * 60 + end.minute <= 18 * 60
            for b_start, b_end in busy:
                assert end + BUFFER <= b_start or b_end + BUFFER <= start
        ordered = sorted(spans)
        for first, then in pairwise(ordered):
            assert first[1] <= then[0]
