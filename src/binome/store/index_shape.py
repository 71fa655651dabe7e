"""The occurrence index's constants and row shape, without a storage library.

``store/occurrence_index.py`` writes and reads the index with SQLAlchemy; the lean
``sqlite3`` read path of ``binome agenda`` (``store/lite.py``) reads the same rows; both
hand ``IndexRow``s to ``app/index_read.from_index``. See ``occurrence_index`` for the
invariants these constants bound.
"""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = ["COVER", "HORIZON", "IS_SENTINEL", "MAX_PER_SERIES", "SENTINEL", "SINGLE", "IndexRow"]

# The index covers [horizon - COVER, horizon): this year and next, whatever the date (a
# year's view of the current year starts at most 365 days back; a later window extends
# the index, an earlier one is expanded from the rules). Wider costs every import and
# ~300 bytes a row: 400 + 400 days holds a 32,000-event calendar under the budget.
# Readers and writers take the floor from these constants and the stored horizon, so
# narrowing COVER keeps existing indexes right (they hold more than is read); widening it
# needs every index rebuilt (a migration that clears ``occurrence_horizon_utc``).
HORIZON = timedelta(days=400)  # how far ahead of "now" the index is built
COVER = timedelta(days=800)
MAX_PER_SERIES = 10_000  # Limits.max_instances_per_series: beyond, a sentinel row
SENTINEL = "*"
SINGLE = ""  # the recurrence id of a single event's one row (it has no RECURRENCE-ID)
# The sentinel rows, as SQL: the predicate of the partial index ``ix_occ_sentinel``. A
# query must spell it as this literal (not a bound parameter) for the index to serve it.
IS_SENTINEL = f"recurrence_id = '{SENTINEL}'"


# One indexed occurrence, as a plain tuple (a year is tens of thousands of rows): the
# event standing for it (the master, or the override), its naive-UTC start and end, its
# RECURRENCE-ID as stored (``SINGLE`` for a single event, ``SENTINEL`` for "expand this
# series"), and its start and end as the workspace's readers are shown them
# (``timing.shown_bounds``; NULL in a sentinel row only).
IndexRow = tuple[int, datetime, datetime, str, str | None, str | None]
