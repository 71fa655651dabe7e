import ast
import itertools
import pathlib
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binome.domain.model import Task
from binome.domain.timing import Span
from binome.engine.planner import Block, FreeWindow, MovableMeeting, Plan, greedy_edf, plan
from binome.engine.planner.messages_fr import FR

MON = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday, 08:00 UTC = now
H = timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MON.replace(hour=hour, minute=minute) + timedelta(days=day)


def window(day: int, h1: float, h2: float, *, focus=False, owner="principal") -> FreeWindow:
    start = at(day, int(h1), int(h1 % 1 * 60))
    end = at(day, int(h2), int(h2 % 1 * 60))
    return FreeWindow(span=Span(start, end), focus=focus, owner=owner)


def task(tid: int, hours: float, due: datetime | None = None, **kw) -> Task:
    return Task(id=tid, title=f"task {tid}", estimate=timedelta(hours=hours), due=due, **kw)


def run(tasks, free, **kw) -> Plan:
    kw.setdefault("scores", {t.id: 1.0 for t in tasks})
    kw.setdefault("horizon_end", at(5, 18))
    return plan(tasks, free=free, now=MON, time_limit_s=kw.pop("limit", 1.0), **kw)


def spans(p: Plan, tid: int) -> list[tuple[datetime, datetime]]:
    return [(b.span.start, b.span.end) for b in p.blocks_of(tid)]


def test_in_a_tight_week_cp_sat_finds_the_only_order_that_meets_every_deadline():
    free = [window(0, 9, 11), window(0, 11.5, 12.5), window(1, 9, 10), window(1, 14, 15)]
    tasks = [
        task(1, 1, at(0, 12, 30), splittable=False),
        task(2, 2, at(0, 13), splittable=False),
        task(3, 1, at(1, 10), splittable=False),
        task(4, 1, at(1, 16), splittable=False),
    ]
    kw = {"scores": {1: 2.0, 2: 1.0, 3: 1.0, 4: 1.0}, "horizon_end": at(1, 18)}
    greedy = greedy_edf(tasks, free=free, now=MON, **kw)
    best = run(tasks, free, **kw)
    assert [lt.task_id for lt in greedy.late] == [2]
    assert best.late == ()
    assert best.status == "optimal"
    assert spans(best, 2) == [(at(0, 9), at(0, 11))]
    assert spans(best, 1) == [(at(0, 11, 30), at(0, 12, 30))]
    assert best.objective < greedy.objective


def test_a_dependency_chain_is_placed_in_order_even_against_due_dates():
    free = [window(d, 9, 12) for d in range(3)]
    tasks = [
        task(1, 2, at(2, 12)),
        task(2, 2, at(1, 12), depends_on=(1,)),
        task(3, 1, at(0, 12), depends_on=(2,)),
    ]
    p = run(tasks, free)
    first, second, third = (min(s for s, _ in spans(p, t)) for t in (1, 2, 3))
    assert max(e for _, e in spans(p, 1)) <= second
    assert max(e for _, e in spans(p, 2)) <= third
    assert first < second < third


def test_a_split_task_uses_chunks_of_at_least_its_minimum():
    free = [window(0, 9, 9.75), window(0, 10, 11), window(0, 13, 14.5)]
    t = task(1, 2, at(0, 18), splittable=True, min_chunk=H)
    p = run([t], free, horizon_end=at(0, 18))
    chunks = spans(p, 1)
    assert sum((e - s for s, e in chunks), timedelta()) == 2 * H
    assert all(e - s >= H for s, e in chunks)
    assert all(not (s < at(0, 9, 45) and e > at(0, 9)) for s, e in chunks)


def test_an_unsplittable_task_is_placed_whole():
    free = [window(0, 9, 10), window(0, 11, 12), window(0, 14, 16)]
    p = run([task(1, 2, splittable=False)], free, horizon_end=at(0, 18))
    assert spans(p, 1) == [(at(0, 14), at(0, 16))]


def test_deep_work_goes_to_focus_windows_and_short_tasks_to_the_gaps():
    free = [window(0, 9, 9.5), window(0, 10, 12, focus=True), window(0, 14, 16)]
    tasks = [task(1, 2, splittable=False), task(2, 0.5)]
    p = run(tasks, free, horizon_end=at(0, 18))
    assert spans(p, 1) == [(at(0, 10), at(0, 12))]
    assert spans(p, 2) == [(at(0, 9), at(0, 9, 30))]


def _week() -> tuple[list[Task], list[FreeWindow]]:
    free = [
        w for d in range(5) for w in (window(d, 9, 12.5, focus=d % 2 == 0), window(d, 14, 17.5))
    ]
    tasks = [
        task(i, 0.5 + (i % 4) * 0.5, at(i % 5, 17, 30) if i % 3 else None) for i in range(1, 13)
    ]
    return tasks, free


def test_adding_a_half_hour_task_moves_at_most_a_few_existing_blocks():
    tasks, free = _week()
    before = run(tasks, free)
    existing = [
        Block(task_id=b.task_id, span=b.span, event_id=100 + i) for i, b in enumerate(before.blocks)
    ]
    extra = task(99, 0.5, at(2, 17))
    after = run([*tasks, extra], free, existing_blocks=existing)
    assert after.moved_blocks <= 2
    assert after.late == ()
    kept = {b.event_id for b in after.blocks if b.event_id is not None}
    assert len(kept) == len(existing)


def test_the_same_input_gives_the_same_plan():
    tasks, free = _week()
    assert run(tasks, free, seed=3, limit=2.0) == run(tasks, free, seed=3, limit=2.0)


def test_started_blocks_stay_put_and_count_towards_the_estimate():
    free = [window(0, 9, 12)]
    started = Block(task_id=1, span=Span(at(0, 7), at(0, 8)), event_id=5, started=True)
    p = run([task(1, 2)], free, existing_blocks=[started], horizon_end=at(0, 18))
    assert started in p.blocks
    assert sum((e - s for s, e in spans(p, 1)), timedelta()) == 2 * H


def _infeasible() -> Plan:
    free = [
        window(0, 9, 10),
        window(1, 9, 11),
        window(2, 9, 12),
        window(0, 9, 17, owner="assistant"),
    ]
    tasks = [
        task(1, 5, at(1, 12), priority="high"),
        task(2, 1, None, priority="low"),
        task(7, 1, at(2, 10)),
        task(8, 2, at(2, 11, 30), depends_on=(7,)),
    ]
    meeting = MovableMeeting(
        event_id=42,
        span=Span(at(0, 13), at(0, 18)),
        title="Strategy offsite",
        attendees_count=4,
        vip=False,
    )
    return run(
        tasks,
        free,
        scores={1: 20.0, 2: 2.0, 7: 5.0, 8: 5.0},
        movable=[meeting],
        owed_to={1: "client@example.com"},
    )


def test_an_impossible_deadline_comes_back_late_with_the_right_reason():
    late = {lt.task_id: lt for lt in _infeasible().late}
    assert late[1].reason.msgid.startswith("not enough free time before the due date")
    assert late[1].reason.params == {"free": 3 * H, "needed": 5 * H}
    assert late[1].due == at(1, 12)


def test_a_late_dependency_is_named_in_the_reason():
    free = [window(d, 9, 12) for d in range(3)]
    tasks = [task(7, 1, earliest_start=at(2, 10, 30)), task(8, 2, at(2, 11, 30), depends_on=(7,))]
    late = run(tasks, free).late
    assert [lt.task_id for lt in late] == [8]
    assert late[0].reason.msgid == "depends on task {task}, which finishes {when}"
    assert late[0].reason.params == {"task": 7, "when": at(2, 11, 30)}


def test_a_late_task_offers_ranked_alternatives():
    lt = next(lt for lt in _infeasible().late if lt.task_id == 1)
    kinds = [p.kind for p in lt.alternatives]
    assert {"reassign_task", "renegotiate_due", "move_meeting"} <= set(kinds)
    assert [p.cost for p in lt.alternatives] == sorted(p.cost for p in lt.alternatives)
    renegotiate = next(p for p in lt.alternatives if p.kind == "renegotiate_due")
    draft = renegotiate.changes[0].params["draft"]
    assert draft["to"] == ["client@example.com"]  # one list of recipients, as the radar's
    assert draft["body"]["msgid"] in FR


def test_deferring_a_named_lower_priority_task_is_offered_when_it_frees_enough():
    # Equal weights: meeting task 2's earlier deadline costs task 1 1h30 of lateness, less
    # than the 2h30 task 2 would lose, so the plan keeps task 2 on time; task 2 is still
    # (slightly) less important, so deferring it is offered.
    free = [window(0, 9, 12), window(0, 12.5, 13.5)]
    tasks = [task(1, 2, at(0, 12)), task(2, 2, at(0, 11))]
    p = run(tasks, free, scores={1: 10.0, 2: 9.99}, horizon_end=at(0, 18))
    assert [lt.task_id for lt in p.late] == [1]
    defer = [a for a in p.late[0].alternatives if a.kind == "defer_task"]
    assert [d.changes[0].target for d in defer] == ["task:2"]
    assert defer[0].summary.params["task"] == 2


@st.composite
def instances(draw):
    n_windows = draw(st.integers(1, 5))
    free = []
    for d in range(n_windows):
        start = draw(st.integers(8, 14))
        length = draw(st.integers(1, 4))
        owner = draw(st.sampled_from(["principal", "assistant"]))
        free.append(window(d % 3, start, start + length, focus=draw(st.booleans()), owner=owner))
    tasks = []
    for i in range(1, draw(st.integers(1, 6)) + 1):
        quarters = draw(st.integers(1, 12))
        tasks.append(
            Task(
                id=i,
                title=f"t{i}",
                estimate=timedelta(minutes=15 * quarters),
                due=at(draw(st.integers(0, 3)), 12) if draw(st.booleans()) else None,
                owner=draw(st.sampled_from(["principal", "assistant"])),
                splittable=draw(st.booleans()),
                min_chunk=timedelta(minutes=15 * draw(st.integers(1, 4))),
                depends_on=(i - 1,) if i > 1 and draw(st.booleans()) else (),
            )
        )
    return tasks, free


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_blocks_lie_in_free_windows_never_overlap_and_beat_the_greedy(instance):
    tasks, free = instance
    p = run(tasks, free, limit=0.3, horizon_end=at(3, 18))
    owner = {t.id: t.owner for t in tasks}
    quarter = timedelta(minutes=15)
    for b in p.blocks:  # every quarter of a block is free time of its owner
        t = b.span.start
        while t < b.span.end:
            assert any(
                w.owner == owner[b.task_id] and w.span.contains(t) and t + quarter <= w.span.end
                for w in free
            )
            t += quarter
    for who in ("principal", "assistant"):
        mine = sorted((b.span.start, b.span.end) for b in p.blocks if owner[b.task_id] == who)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(mine))
    for t in tasks:
        placed = sum((e - s for s, e in spans(p, t.id)), timedelta())
        assert placed in (
            timedelta(0),
            timedelta(minutes=15) * -(-t.estimate // timedelta(minutes=15)),
        )
        for dep in t.depends_on:
            if spans(p, t.id):
                assert max(e for _, e in spans(p, dep)) <= min(s for s, _ in spans(p, t.id))
    greedy = greedy_edf(
        tasks, free=free, now=MON, horizon_end=at(3, 18), scores={t.id: 1.0 for t in tasks}
    )
    assert p.objective <= greedy.objective
    assert p.lateness <= greedy.lateness


def test_every_msgid_of_the_planner_priority_and_proposals_has_a_french_text():
    root = pathlib.Path(__file__).parents[2] / "src" / "binome"
    files = [
        root / "domain" / "proposal.py",
        root / "engine" / "priority.py",
        *sorted((root / "engine" / "planner").glob("*.py")),
    ]
    msgids = {
        node.args[0].value
        for f in files
        for node in ast.walk(ast.parse(f.read_text()))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_"
    }
    assert msgids - FR.keys() == set()
