from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binome.domain.errors import InvalidInput
from binome.domain.model import Objective, Priority, Task, TaskStatus
from binome.engine.priority import DEFAULT_COEFFICIENTS, by_priority, score

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
OBJECTIVES = {
    1: Objective(id=1, title="Growth", weight=80),
    2: Objective(id=2, title="Hygiene", weight=20),
}


def _task(tid: int, **kw) -> Task:
    return Task(id=tid, title=f"task {tid}", estimate=timedelta(hours=1), **kw)


def _score(task: Task, *others: Task, **kw):
    tasks = {t.id: t for t in (task, *others)}
    return score(task, now=NOW, objectives=OBJECTIVES, tasks=tasks, **kw)


def test_an_overdue_task_gets_the_full_due_term():
    s = _score(_task(1, due=NOW - timedelta(hours=2)))
    assert s.term("due").value == 1.0
    assert s.term("due").contribution == DEFAULT_COEFFICIENTS["due"]


def test_an_overdue_task_outranks_one_due_in_three_weeks():
    late, calm = _task(1, due=NOW - timedelta(days=1)), _task(2, due=NOW + timedelta(days=21))
    assert _score(late).total > _score(calm).total


@given(st.floats(min_value=0.01, max_value=30), st.floats(min_value=0.01, max_value=30))
def test_the_due_term_never_decreases_as_the_due_date_nears(a, b):
    near, far = sorted((a, b))
    v_near = _score(_task(1, due=NOW + timedelta(days=near))).term("due").value
    v_far = _score(_task(1, due=NOW + timedelta(days=far))).term("due").value
    assert 0.2 <= v_far <= v_near <= 1.0


def test_the_objective_weight_is_normalised_by_the_heaviest_objective():
    assert _score(_task(1, objective_id=1)).term("objective").value == 1.0
    assert _score(_task(1, objective_id=2)).term("objective").value == 0.25
    assert _score(_task(1)).term("objective").value == 0.0


def test_a_task_blocking_open_tasks_counts_its_dependants():
    blocker = _task(1)
    waiting = [
        _task(2, depends_on=(1,)),
        _task(3, depends_on=(1,)),
        _task(4, depends_on=(1,), status=TaskStatus.DONE),
    ]
    term = _score(blocker, *waiting).term("blocking")
    assert term.value == 2.0
    assert term.explanation.params["ids"] == "2, 3"


def test_waiting_on_someone_lowers_the_score():
    assert _score(_task(1, waiting_on="paul@example.com")).total < _score(_task(1)).total


def test_explicit_priority_orders_otherwise_equal_tasks():
    totals = [
        _score(_task(1, priority=p)).total for p in (Priority.HIGH, Priority.MEDIUM, Priority.LOW)
    ]
    assert totals == sorted(totals, reverse=True)


def test_age_grows_with_time_open_and_caps_at_one():
    young = _score(_task(1, created_at=NOW - timedelta(days=3))).term("age").value
    old = _score(_task(1, created_at=NOW - timedelta(days=300))).term("age").value
    assert 0 < young < old == 1.0


def test_the_total_is_the_sum_of_the_contributions_and_each_term_explains_itself():
    s = _score(_task(1, due=NOW + timedelta(days=2), objective_id=1, priority=Priority.HIGH))
    assert s.total == pytest.approx(sum(t.contribution for t in s.terms))
    assert {t.name for t in s.terms} == set(DEFAULT_COEFFICIENTS)
    assert all(t.explanation.msgid for t in s.terms)


def test_coefficients_can_be_overridden_but_not_invented():
    s = _score(_task(1, priority=Priority.HIGH), coefficients={"priority": 10})
    assert s.term("priority").contribution == 10
    with pytest.raises(InvalidInput):
        _score(_task(1), coefficients={"mood": 1.0})


def test_by_priority_puts_the_most_urgent_first_and_skips_closed_tasks():
    tasks = [
        _task(1, due=NOW + timedelta(days=20)),
        _task(2, due=NOW - timedelta(hours=1), priority=Priority.HIGH),
        _task(3, status=TaskStatus.DONE, due=NOW),
        _task(4, due=NOW + timedelta(days=2), objective_id=2),
    ]
    assert [t.id for t in by_priority(tasks, now=NOW, objectives=OBJECTIVES)] == [2, 4, 1]
