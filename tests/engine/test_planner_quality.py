"""Quality of ``plan`` against the EDF greedy on seeded instances (issue 6's targets):
never worse on weighted misses nor on weighted lateness, strictly fewer misses when the
week is tight, the same plan for the same input."""

from binome.engine.planner import Block, greedy_edf, plan
from tests.engine.planner_workload import at, instance

_at = at


def _instance(seed: int, n: int, load: float, days: int = 5):
    return instance(seed, n, load, days=days)


def test_a_tight_week_misses_strictly_fewer_deadlines_than_the_greedy():
    tasks, kw = _instance(seed=11, n=40, load=1.1)
    greedy = greedy_edf(tasks, **kw)
    best = plan(tasks, time_limit_s=1.0, **kw)
    assert len(best.late) < len(greedy.late)
    assert best.objective < greedy.objective
    assert best.lateness <= greedy.lateness


def test_the_plan_is_never_worse_than_the_greedy_on_misses_or_lateness():
    for seed in range(4):
        tasks, kw = _instance(seed=seed, n=25, load=(0.8, 1.0, 1.1, 1.3)[seed])
        greedy = greedy_edf(tasks, **kw)
        best = plan(tasks, time_limit_s=0.5, **kw)
        assert best.objective <= greedy.objective
        assert best.lateness <= greedy.lateness


def test_a_larger_tight_plan_is_the_same_on_every_run():
    tasks, kw = _instance(seed=5, n=120, load=1.1, days=10)
    first = plan(tasks, time_limit_s=1.0, seed=2, **kw)
    assert first == plan(tasks, time_limit_s=1.0, seed=2, **kw)


def test_the_gap_is_zero_when_the_plan_is_proven_optimal():
    tasks, kw = _instance(seed=3, n=8, load=0.6, days=2)
    best = plan(tasks, time_limit_s=1.0, **kw)
    assert best.status == "optimal"
    assert best.gap == 0.0
    assert best.bound <= best.objective


def test_re_planning_the_same_tasks_moves_no_block():
    tasks, kw = _instance(seed=7, n=30, load=0.9)
    first = plan(tasks, time_limit_s=1.0, **kw)
    existing = [
        Block(task_id=b.task_id, span=b.span, event_id=100 + i) for i, b in enumerate(first.blocks)
    ]
    again = plan(tasks, existing_blocks=existing, time_limit_s=1.0, **kw)
    assert again.moved_blocks == 0
    assert len(again.late) <= len(first.late)
