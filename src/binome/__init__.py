"""binome: the system a director and their executive assistant work in.

Layers (see DESIGN.md): ``domain`` (model, time algebra) and ``engine`` (pure decisions)
at the core; ``store`` (persistence) and ``sources`` (iCalendar, CalDAV, mail) around it;
``app`` (use cases, transactions); ``cli`` and ``web`` (interfaces) on top.
"""

__version__ = "0.1.0"
