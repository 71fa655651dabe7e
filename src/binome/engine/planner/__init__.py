"""The planner: open tasks into free time before their deadlines (issue 6, engine part).

``plan`` solves with OR-Tools CP-SAT (``model``, ``solve``); ``greedy_edf`` is the
earliest-deadline-first baseline it is measured against and starts from. Missed deadlines
come back as ``LateTask`` values with a reason and ranked ``Proposal``s (``explain``).
"""

from binome.engine.planner.greedy import greedy_edf
from binome.engine.planner.solve import plan
from binome.engine.planner.types import (
    UNIT,
    Block,
    FreeWindow,
    LateTask,
    MovableMeeting,
    Owner,
    Plan,
)

__all__ = [
    "UNIT",
    "Block",
    "FreeWindow",
    "LateTask",
    "MovableMeeting",
    "Owner",
    "Plan",
    "greedy_edf",
    "plan",
]
