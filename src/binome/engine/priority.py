"""Priority scores: what matters most, as a sum of named, explained terms.

In the spirit of Taskwarrior's urgency (a linear sum of coefficient × term value), tuned
for a director: the due date dominates (overdue is the maximum, the ramp starts about two
weeks out), then the strategic objective the task serves, the explicit priority, how many
other open tasks it blocks and its age; waiting on someone else lowers it, because the
principal cannot move it forward today. Each term carries a ``Message`` so that
``binome task why ID`` can say *why* a task ranks where it does.

Coefficients are data (``DEFAULT_COEFFICIENTS``); a profile may override some of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from binome.domain.errors import N_, InvalidInput
from binome.domain.model import Objective, Priority, Task, TaskStatus
from binome.domain.text import Message

__all__ = ["DEFAULT_COEFFICIENTS", "Score", "Term", "by_priority", "score"]

#: Coefficient per term. Term values are in [0, 1] except ``blocking`` (a count, capped).
DEFAULT_COEFFICIENTS: Mapping[str, float] = {
    "due": 12.0,
    "objective": 6.0,
    "priority": 6.0,
    "blocking": 2.0,
    "age": 2.0,
    "waiting": -4.0,
}

DUE_RAMP_DAYS = 14.0  # Taskwarrior's due ramp: 0.2 two weeks out, 1.0 at the due date
AGE_MAX_DAYS = 30.0
BLOCKING_CAP = 4
_PRIORITY_VALUE = {Priority.HIGH: 1.0, Priority.MEDIUM: 0.5, Priority.LOW: 0.0}
_PRIORITY_WHY = {
    Priority.HIGH: Message.of(N_("High priority.")),
    Priority.MEDIUM: Message.of(N_("Medium priority.")),
    Priority.LOW: Message.of(N_("Low priority.")),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One named contribution: ``contribution = value × coefficient``."""

    name: str
    value: float
    coefficient: float
    contribution: float
    explanation: Message


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    total: float
    terms: tuple[Term, ...]

    def term(self, name: str) -> Term:
        return next(t for t in self.terms if t.name == name)


def _due_term(task: Task, now: datetime) -> tuple[float, Message]:
    if task.due is None:
        return 0.0, Message.of(N_("No due date."))
    left = task.due - now
    if left <= timedelta(0):
        return 1.0, Message.of(N_("Overdue since {due}."), due=task.due)
    days = left / timedelta(days=1)
    value = max(0.2, 1.0 - 0.8 * days / DUE_RAMP_DAYS) if days < DUE_RAMP_DAYS else 0.2
    return value, Message.of(N_("Due {due}, in {days} days."), due=task.due, days=round(days, 1))


def _objective_term(task: Task, objectives: Mapping[int, Objective]) -> tuple[float, Message]:
    objective = objectives.get(task.objective_id) if task.objective_id is not None else None
    if objective is None:
        return 0.0, Message.of(N_("Not linked to an objective."))
    heaviest = max(o.weight for o in objectives.values())
    return objective.weight / heaviest, Message.of(
        N_("Serves the objective “{title}” (weight {weight}, heaviest {max})."),
        title=objective.title,
        weight=objective.weight,
        max=heaviest,
    )


def _age_term(task: Task, now: datetime) -> tuple[float, Message]:
    if task.created_at is None:
        return 0.0, Message.of(N_("Creation date unknown."))
    days = max(0.0, (now - task.created_at) / timedelta(days=1))
    return min(1.0, days / AGE_MAX_DAYS), Message.of(N_("Open for {days} days."), days=int(days))


def _blocking_term(task: Task, tasks: Mapping[int, Task]) -> tuple[float, Message]:
    dependants = sorted(
        other.id
        for other in tasks.values()
        if other.status is TaskStatus.OPEN and task.id and task.id in other.depends_on
    )
    count = min(len(dependants), BLOCKING_CAP)
    if not dependants:
        return 0.0, Message.of(N_("Blocks no other task."))
    return float(count), Message.of(
        N_("Blocks {count} other open tasks ({ids})."),
        count=len(dependants),
        ids=", ".join(str(i) for i in dependants),
    )


def _waiting_term(task: Task) -> tuple[float, Message]:
    if task.waiting_on:
        return 1.0, Message.of(N_("Waiting on {who}."), who=task.waiting_on)
    return 0.0, Message.of(N_("Not waiting on anyone."))


def _coefficients(overrides: Mapping[str, float] | None) -> dict[str, float]:
    merged = dict(DEFAULT_COEFFICIENTS)
    for name, value in (overrides or {}).items():
        if name not in merged:
            raise InvalidInput(N_("Unknown priority coefficient: {value}."), value=name)
        merged[name] = float(value)
    return merged


def score(
    task: Task,
    *,
    now: datetime,
    objectives: Mapping[int, Objective],
    tasks: Mapping[int, Task],
    coefficients: Mapping[str, float] | None = None,
) -> Score:
    """The task's priority as a sum of named terms (higher is more urgent)."""
    coef = _coefficients(coefficients)
    raw = {
        "due": _due_term(task, now),
        "objective": _objective_term(task, objectives),
        "priority": (_PRIORITY_VALUE[task.priority], _PRIORITY_WHY[task.priority]),
        "blocking": _blocking_term(task, tasks),
        "age": _age_term(task, now),
        "waiting": _waiting_term(task),
    }
    terms = tuple(
        Term(
            name=name,
            value=round(value, 4),
            coefficient=coef[name],
            contribution=round(value * coef[name], 4),
            explanation=why,
        )
        for name, (value, why) in raw.items()
    )
    return Score(total=round(sum(t.contribution for t in terms), 4), terms=terms)


def by_priority(
    tasks: Iterable[Task],
    *,
    now: datetime,
    objectives: Mapping[int, Objective],
    coefficients: Mapping[str, float] | None = None,
) -> list[Task]:
    """Open tasks, most urgent first; ties by due date (none last), then id."""
    items = [t for t in tasks if t.status is TaskStatus.OPEN]
    index = {t.id: t for t in items}
    totals = {
        t.id: score(t, now=now, objectives=objectives, tasks=index, coefficients=coefficients).total
        for t in items
    }
    return sorted(items, key=lambda t: (-totals[t.id], t.due is None, t.due or now, t.id))
