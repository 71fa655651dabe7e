"""iCalendar files in and out (RFC 5545), pure: bytes → values, values → bytes.

``read_calendar`` turns an .ics file into ``ParsedEvent``/``ParsedTask`` values keyed for
upsert by ``(uid, recurrence_id)``, plus what was skipped and why; ``write_calendar`` turns
events back into a file any client accepts. Expansion of series lives in
``binome.domain.recurrence``; budgets in ``limits``. No database, no network here.
"""

from binome.sources.ical.limits import Limits
from binome.sources.ical.read import ParsedCalendar, ParsedEvent, ParsedTask, Skip, read_calendar
from binome.sources.ical.write import ExportEvent, write_calendar

__all__ = [
    "ExportEvent",
    "Limits",
    "ParsedCalendar",
    "ParsedEvent",
    "ParsedTask",
    "Skip",
    "read_calendar",
    "write_calendar",
]
