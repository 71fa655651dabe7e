"""occurrence index: single events too, and sentinels found without a scan

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 23:30:00

A year's agenda read series occurrences from the index and single events from ``events``,
then merged the two by their UTC bounds: a second query, an ``Occurrence`` built per
single event, a sort, and bounds fetched only to merge. Single events now have one index
row each (``recurrence_id = ''``), so the agenda's lines are one range scan of
``ix_occ_window`` in the order they are shown, three columns a row.

- Indexes written before this revision hold no single events: they are dropped and
  ``occurrence_horizon_utc`` cleared ("no index yet"). The next read that the index
  would answer builds it again (``app/index_read.reach_of``), as does the next import;
  until then readers expand the rules, which gives the same answer.
- ``ix_occ_sentinel``, a partial index of the sentinel rows only: "which series in this
  window must be expanded?" was a scan of every row in the window (a year: ~10^5) for a
  handful of sentinels; it is now a lookup. It covers the query (without statistics,
  SQLite prefers a covering index and would scan ``ix_occ_window``), and holds no other
  row: a full index on these columns cost an import 14 % more.

Downgrade drops the index rows again (older code reads single events from ``events``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SENTINEL_KEY = ["workspace_id", "recurrence_id", "start_utc", "end_utc", "event_id"]
IS_SENTINEL = "recurrence_id = '*'"


def _drop_every_index() -> None:
    op.execute("DELETE FROM occurrences")
    op.execute("UPDATE workspaces SET occurrence_horizon_utc = NULL")


def upgrade() -> None:
    _drop_every_index()
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.create_index(
            "ix_occ_sentinel",
            SENTINEL_KEY,
            unique=False,
            sqlite_where=sa.text(IS_SENTINEL),
            postgresql_where=sa.text(IS_SENTINEL),
        )


def downgrade() -> None:
    _drop_every_index()
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_occ_sentinel")
