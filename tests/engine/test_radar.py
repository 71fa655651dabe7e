"""The radar engine on plain values: detectors, keys and fingerprints, proposals, French."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from binome.domain.model import EventKind, EventStatus, Task
from binome.domain.profile import Profile
from binome.domain.risk import RiskKind
from binome.domain.timing import Span
from binome.engine.radar import DETECTORS, Item, RadarInput, RadarPerson, scan
from binome.engine.radar.messages_fr import FR

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday 9:00 in Paris
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 10:00 in Paris
SRC = Path(__file__).resolve().parents[2] / "src" / "binome"


def item(title: str, start: datetime, minutes: int = 60, n: int = 0, **fields: object) -> Item:
    ref = f"event:{n or abs(hash(title)) % 10_000}"
    span = Span(start, start + timedelta(minutes=minutes))
    return Item(ref=ref, occurrence=ref, title=title, span=span, description="Agenda",
                **fields)  # type: ignore[arg-type]  # fmt: skip


def radar(*items: Item, **fields: object) -> RadarInput:
    ordered = sorted(items, key=lambda i: i.span.start)
    return RadarInput(now=NOW, horizon=Span(NOW, NOW + timedelta(days=14)),
                      principal="claire@example.fr", profile=Profile(), items=ordered,
                      **fields)  # type: ignore[arg-type]  # fmt: skip


def kinds(inp: RadarInput) -> list[str]:
    return [r.kind.value for r in scan(inp)]


def test_every_named_kind_has_a_detector_and_at_least_eleven_are_registered() -> None:
    scan(radar())
    assert len(DETECTORS) >= 11
    assert {k.value for k in RiskKind} - {"commitment_overdue"} <= set(DETECTORS)


def test_two_meetings_at_once_are_a_double_booking_with_moves_and_a_decline() -> None:
    a, b = item("Budget", MONDAY, n=1), item("Call", MONDAY + timedelta(minutes=30), n=2)
    risks = scan(radar(a, b))
    assert [r.kind for r in risks] == [RiskKind.DOUBLE_BOOKING]
    kinds_ = {p.kind for p in risks[0].proposals}
    assert "move_event" in kinds_
    assert risks[0].proposals == tuple(sorted(risks[0].proposals, key=lambda p: (p.cost, p.key)))


def test_transparent_and_cancelled_items_never_conflict() -> None:
    a = item("Budget", MONDAY, n=1)
    b = item("Webinar", MONDAY, n=2, transparent=True)
    c = item("Old", MONDAY, n=3, status=EventStatus.CANCELLED)
    assert kinds(radar(a, b, c)) == []


def test_the_key_is_stable_and_the_fingerprint_follows_the_facts() -> None:
    a, b = item("Budget", MONDAY, n=1), item("Call", MONDAY + timedelta(minutes=30), n=2)
    first = scan(radar(a, b))[0]
    again = scan(radar(a, b))[0]
    moved = scan(radar(a, item("Call", MONDAY + timedelta(minutes=45), n=2)))[0]
    assert first.key == again.key == moved.key
    assert first.fingerprint == again.fingerprint != moved.fingerprint


def test_a_participant_at_midnight_is_outside_hours_and_the_move_fits_everyone() -> None:
    tokyo = RadarPerson(email="kenji@example.jp", name="Kenji", tz="Asia/Tokyo", country="JP")
    late = item("Japan", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), n=1,
                attendees=("kenji@example.jp",))  # fmt: skip
    risks = scan(radar(late, people={"kenji@example.jp": tokyo}))
    assert [r.kind for r in risks] == [RiskKind.OUTSIDE_HOURS]
    assert risks[0].severity == 3  # midnight is night
    moves = [p for p in risks[0].proposals if p.kind == "move_event"]
    assert moves
    for p in moves:
        start = datetime.fromisoformat(p.changes[0].params["start"])
        local = start.astimezone(ZoneInfo("Asia/Tokyo"))
        assert 9 <= local.hour < 18


def test_an_important_meeting_gets_a_preparation_block_before_it() -> None:
    vip = item("Board", datetime(2026, 12, 1, 9, 0, tzinfo=UTC), n=1, important=True)
    risks = scan(radar(vip))
    assert [r.kind for r in risks] == [RiskKind.NO_PREPARATION]
    change = risks[0].proposals[0].changes[0]
    assert change.params["kind"] == "preparation"
    assert datetime.fromisoformat(change.params["end"]) <= vip.span.start
    prep = item("Prep", datetime(2026, 11, 30, 16, 0, tzinfo=UTC), 30, n=2,
                kind=EventKind.PREPARATION)  # fmt: skip
    assert kinds(radar(vip, prep)) == []


def test_the_deadline_check_is_earliest_deadline_first_over_free_time() -> None:
    due = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # Friday noon in Paris
    big = Task(id=1, title="Board pack", estimate=timedelta(hours=16), due=due)
    small = Task(id=2, title="Memo", estimate=timedelta(hours=3), due=due)
    assert kinds(radar(tasks=[big])) == ["deadline_at_risk"]
    assert kinds(radar(tasks=[small])) == []
    busy = item("Offsite", datetime(2026, 11, 26, 8, 0, tzinfo=UTC), 600, n=3,
                kind=EventKind.PERSONAL)  # fmt: skip
    four = Task(id=3, title="Review", estimate=timedelta(hours=4), due=due)
    assert kinds(radar(tasks=[four])) == []
    assert "deadline_at_risk" in kinds(radar(busy, tasks=[four]))  # only Friday 8:30-12 left


def test_masked_items_count_for_time_but_say_nothing() -> None:
    secret = Item(ref="event:9", occurrence="event:9", title="", masked=True,
                  span=Span(MONDAY, MONDAY + timedelta(hours=1)))  # fmt: skip
    other = item("Budget", MONDAY + timedelta(minutes=30), n=1)
    risks = scan(radar(secret, other))
    assert [r.kind for r in risks] == [RiskKind.DOUBLE_BOOKING]
    risk = risks[0]
    assert risk.explanation.params["first"].msgid == "a busy slot"
    assert all(c.target != "event:9" for p in risk.proposals for c in p.changes)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), min_size=0, max_size=12))
def test_double_bookings_are_exactly_the_overlapping_pairs(slots: list[tuple[int, int]]) -> None:
    items = [
        item(f"M{n}", MONDAY + timedelta(minutes=15 * s), 15 * d, n=n + 1)
        for n, (s, d) in enumerate(slots)
    ]
    found = {frozenset(r.about[:2]) for r in scan(radar(*items), only=["double_booking"])}
    expected = {
        frozenset((a.ref, b.ref))
        for i, a in enumerate(items)
        for b in items[i + 1 :]
        if a.span.overlaps(b.span)
    }
    assert found == expected


def test_every_radar_msgid_has_its_french() -> None:
    from binome.app.wording import FR as PLAN_FR  # app/changes.py also carries plan changes

    known = {**FR, **PLAN_FR}
    missing = []
    files = [*sorted((SRC / "engine" / "radar").glob("*.py")), SRC / "domain" / "risk.py",
             SRC / "app" / "radar.py", SRC / "app" / "changes.py"]  # fmt: skip
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_":
                msgid = node.args[0]
                if isinstance(msgid, ast.Constant) and msgid.value not in known:
                    missing.append(msgid.value)
    assert missing == []


def test_planner_results_become_deadline_risks_with_the_planners_alternatives() -> None:
    from binome.engine.planner import FreeWindow, plan

    due = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    task = Task(id=1, title="Board pack", estimate=timedelta(hours=16), due=due)
    free = [FreeWindow(span=Span(NOW, NOW + timedelta(hours=8)))]
    result = plan([task], free=free, now=NOW, horizon_end=due + timedelta(days=7),
                  scores={1: 1.0}, time_limit_s=0.5)  # fmt: skip
    risks = scan(radar(tasks=[task], late=result.late), only=["deadline_at_risk"])
    assert [r.kind for r in risks] == [RiskKind.DEADLINE_AT_RISK]
    planner_kinds = {p.kind for lt in result.late for p in lt.alternatives}
    assert planner_kinds & {p.kind for p in risks[0].proposals}


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(2, 8)), min_size=2, max_size=10))
def test_a_proposed_move_lands_on_free_time_inside_working_hours(
    slots: list[tuple[int, int]],
) -> None:
    items = [
        item(f"M{n}", MONDAY + timedelta(minutes=15 * s), 15 * d, n=n + 1)
        for n, (s, d) in enumerate(slots)
    ]
    paris = ZoneInfo("Europe/Paris")
    for risk in scan(radar(*items), only=["double_booking"]):
        for p in risk.proposals:
            if p.kind != "move_event":
                continue
            change = p.changes[0]
            start = datetime.fromisoformat(change.params["start"])
            end = datetime.fromisoformat(change.params["end"])
            moved = Span(start, end)
            others = [i for i in items if i.ref != change.target]
            assert not any(moved.overlaps(i.span) for i in others)
            local = (start.astimezone(paris), end.astimezone(paris))
            assert local[0].isoweekday() <= 5
            assert (local[0].hour, local[0].minute) >= (8, 30)
            assert (local[1].hour, local[1].minute) <= (19, 0)


def test_a_new_due_date_is_proposed_in_working_hours_never_on_a_weekend() -> None:
    from binome.domain.model import Commitment

    paris = ZoneInfo("Europe/Paris")
    # Due Thursday evening: the warning lead would push the new date to Saturday.
    due = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
    promise = Commitment(id=7, what="Send the deck", beneficiary="oliver@example.co.uk",
                         owner="claire@example.fr", due=due)  # fmt: skip
    risks = [r for r in scan(radar(commitments=[promise])) if r.kind.value == "commitment_due"]
    assert risks
    dues = [
        datetime.fromisoformat(c.params["new_due"]).astimezone(paris)
        for r in risks
        for p in r.proposals
        if p.kind == "renegotiate_due"
        for c in p.changes
        if "new_due" in c.params
    ]
    # Saturday morning, moved to Monday when the default working hours begin (8:30)
    assert dues == [datetime(2026, 11, 30, 8, 30, tzinfo=paris)]
