"""``rank_tasks``: the brief's priorities follow the engine's priority score."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from binome.app.brief import rank_tasks
from binome.app.priorities import task_scores
from binome.domain.model import Objective, Priority, Task, TaskStatus

NOW = datetime(2026, 11, 26, 6, 30, tzinfo=UTC)


def task(n: int, due_hours: int | None, priority: Priority = Priority.MEDIUM, **kw: object) -> Task:
    due = None if due_hours is None else NOW + timedelta(hours=due_hours)
    return Task(id=n, title=f"t{n}", estimate=timedelta(hours=1), due=due, priority=priority, **kw)  # type: ignore[arg-type]


def test_an_overdue_task_outranks_one_due_later_at_the_same_priority() -> None:
    ranked = rank_tasks([task(1, 48), task(2, -48)], now=NOW)
    assert [t.id for t in ranked] == [2, 1]


def test_a_high_priority_task_due_soon_outranks_an_overdue_low_priority_one() -> None:
    """The brief follows the priority score: priority and due date both count."""
    ranked = rank_tasks([task(1, 2, Priority.HIGH), task(2, -48, Priority.LOW)], now=NOW)
    assert [t.id for t in ranked] == [1, 2]


def test_the_same_due_date_is_broken_by_priority_then_objective_weight() -> None:
    tasks = [
        task(1, 24, Priority.LOW, objective_id=1),
        task(2, 24, Priority.HIGH, objective_id=1),
        task(3, 24, Priority.HIGH, objective_id=2),
    ]
    objectives = {
        1: Objective(id=1, title="Small", weight=10),
        2: Objective(id=2, title="Big", weight=30),
    }
    ranked = rank_tasks(tasks, now=NOW, objectives=objectives)
    assert [t.id for t in ranked] == [3, 2, 1]


def test_tasks_without_a_due_date_come_last_and_done_tasks_not_at_all() -> None:
    tasks = [task(1, None), task(2, 100), task(3, 1, status=TaskStatus.DONE)]
    assert [t.id for t in rank_tasks(tasks, now=NOW)] == [2, 1]


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(-500, 500)),
            st.sampled_from(list(Priority)),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_the_ranking_keeps_every_open_task_in_decreasing_score(
    specs: list[tuple[int | None, Priority, bool]],
) -> None:
    tasks = [
        task(n, due, prio, status=TaskStatus.DONE if done else TaskStatus.OPEN)
        for n, (due, prio, done) in enumerate(specs, start=1)
    ]
    ranked = rank_tasks(tasks, now=NOW)
    assert sorted(t.id for t in ranked) == sorted(
        t.id for t in tasks if t.status is TaskStatus.OPEN
    )
    scores = task_scores(tasks, now=NOW, objectives={})
    totals = [scores[t.id].total for t in ranked]
    assert totals == sorted(totals, reverse=True)
