"""The window (bucket) layer of the planner: sequencing units per window into blocks, and
the repair of the greedy order."""

from datetime import UTC, datetime, timedelta

from binome.domain.model import Task
from binome.domain.timing import Span
from binome.engine.planner import Block, FreeWindow, plan
from binome.engine.planner.bound import forced_misses
from binome.engine.planner.buckets import buckets, sequence, to_assignment
from binome.engine.planner.extract import cost
from binome.engine.planner.greedy import greedy_placement
from binome.engine.planner.problem import Problem, prepare
from binome.engine.planner.repair import repair

MON = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def at(hour: float, day: int = 0) -> datetime:
    return MON.replace(hour=int(hour), minute=int(hour % 1 * 60)) + timedelta(days=day)


def task(tid: int, hours: float, due: datetime | None = None, **kw) -> Task:
    return Task(id=tid, title=f"t{tid}", estimate=timedelta(hours=hours), due=due, **kw)


def problem(tasks, windows, blocks=(), scores=None) -> Problem:
    free = [FreeWindow(span=Span(at(a), at(b))) for a, b in windows]
    return prepare(
        tasks,
        free=free,
        existing_blocks=blocks,
        now=MON,
        horizon_end=at(18),
        scores=scores or {t.id: 1.0 for t in tasks},
    )


def hours(p: Problem, chunks: list[tuple[int, int]]) -> list[tuple[float, float]]:
    def h(u: int) -> float:
        t = p.timeline.at(u)
        return t.hour + t.minute / 60

    return [(h(a), h(b)) for a, b in chunks]


def test_pieces_of_a_window_are_laid_out_from_its_start_in_deadline_order():
    p = problem([task(1, 1, at(17)), task(2, 0.5, at(11))], [(9, 12)])
    placement = sequence(p, buckets(p), {1: {0: 4}, 2: {0: 2}})
    assert placement is not None
    assert hours(p, placement[2]) == [(9, 9.5)]
    assert hours(p, placement[1]) == [(9.5, 10.5)]


def test_a_dependency_sharing_a_window_comes_first_even_when_due_later():
    tasks = [task(1, 1, at(17)), task(2, 1, at(11), depends_on=(1,))]
    p = problem(tasks, [(9, 12)])
    placement = sequence(p, buckets(p), {1: {0: 4}, 2: {0: 4}})
    assert placement is not None
    assert hours(p, placement[1]) == [(9, 10)]
    assert hours(p, placement[2]) == [(10, 11)]


def test_an_existing_block_with_the_same_time_in_its_window_stays_where_it_was():
    kept = Block(task_id=1, span=Span(at(10), at(11)), event_id=7)
    p = problem([task(1, 1, at(17)), task(2, 0.5, at(11))], [(9, 12)], blocks=[kept])
    placement = sequence(p, buckets(p), {1: {0: 4}, 2: {0: 2}})
    assert placement is not None
    assert hours(p, placement[1]) == [(10, 11)]
    assert hours(p, placement[2]) == [(9, 9.5)]


def test_a_task_released_late_in_a_window_starts_no_earlier_and_the_window_still_fits():
    tasks = [task(1, 1, at(11.5), earliest_start=at(10)), task(2, 2, at(12))]
    p = problem(tasks, [(9, 12)])
    placement = sequence(p, buckets(p), {1: {0: 4}, 2: {0: 8}})
    assert placement is not None
    assert hours(p, placement[2]) == [(9, 11)]
    assert hours(p, placement[1]) == [(11, 12)]


def test_a_window_that_cannot_hold_its_pieces_is_reported():
    p = problem([task(1, 2, at(17)), task(2, 2, at(17))], [(9, 12)])
    assert sequence(p, buckets(p), {1: {0: 8}, 2: {0: 8}}) is None


def test_the_greedy_plan_is_unchanged_by_the_round_trip_through_windows():
    tasks = [task(i, 0.5 + i % 3 * 0.5, at(10 + i % 8)) for i in range(1, 9)]
    p = problem(tasks, [(9, 10.5), (11, 12.5), (14, 17)])
    rows = buckets(p)
    greedy = greedy_placement(p)
    again = sequence(p, rows, to_assignment(p, rows, greedy))
    assert again is not None
    assert cost(p, again) <= cost(p, greedy)


def test_the_repair_lets_a_heavier_task_pass_a_lighter_one_that_made_it_miss():
    tasks = [task(1, 2, at(11), splittable=False), task(2, 2, at(12), splittable=False)]
    p = problem(tasks, [(9, 12), (14, 17)], scores={1: 1.0, 2: 10.0})
    greedy = greedy_placement(p)
    assert hours(p, greedy[1]) == [(9, 11)]  # EDF: the light task first, the heavy one late
    fixed = repair(p, list(p.jobs), decodes=10)
    assert hours(p, fixed[2]) == [(9, 11)]
    assert cost(p, fixed) < cost(p, greedy)


def test_plan_misses_the_lighter_deadline_when_both_cannot_be_met():
    tasks = [task(1, 2, at(11), splittable=False), task(2, 2, at(12), splittable=False)]
    free = [FreeWindow(span=Span(at(a), at(b))) for a, b in [(9, 12), (14, 17)]]
    best = plan(
        tasks, free=free, now=MON, horizon_end=at(18), scores={1: 1.0, 2: 10.0}, time_limit_s=1
    )
    assert [lt.task_id for lt in best.late] == [1]
    assert best.status == "optimal"


def test_a_task_that_cannot_finish_in_time_even_alone_is_a_forced_miss():
    tasks = [task(1, 2, at(10), splittable=False), task(2, 1, at(17))]
    p = problem(tasks, [(9, 12)], scores={1: 3.0, 2: 1.0})
    assert forced_misses(p, buckets(p)) == 30  # weight 3 × 10


def test_excess_demand_before_a_due_date_is_covered_by_the_cheapest_tasks():
    # 4 h due by noon in 3 h of free time: 1 h must miss, cheapest per hour is task 2.
    tasks = [task(1, 2, at(12)), task(2, 2, at(12))]
    p = problem(tasks, [(9, 12)], scores={1: 4.0, 2: 2.0})
    assert forced_misses(p, buckets(p)) == 10  # half of task 2's weight 20
    best = plan(
        tasks,
        free=[FreeWindow(span=Span(at(9), at(12)))],
        now=MON,
        horizon_end=at(18),
        scores={1: 4.0, 2: 2.0},
    )
    assert best.bound <= best.objective == 20
