"""occurrence index: local times, and a covering window index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 17:30:00

A year's agenda reads tens of thousands of index rows. Two changes make that a plain
range scan with no per-row work the writer could have done once:

- ``occurrences.local_start`` / ``local_end``: the occurrence's bounds as the
  workspace's readers are shown them (ISO 8601: dates for all-day occurrences, else in the
  workspace zone with its offset), written when the series is indexed. NULL in rows
  indexed before this revision: readers then compute them from the UTC bounds, so no
  rebuild is needed.
- ``ix_occ_window`` now covers every column a window read selects, so SQLite and
  PostgreSQL answer it from the index alone instead of one table lookup per row (rows are
  stored series by series, so those lookups were scattered: ~0.3 s for a year of 100,000).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COVERED = ["workspace_id", "start_utc", "end_utc", "event_id", "recurrence_id"]


def upgrade() -> None:
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("local_start", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("local_end", sa.String(length=40), nullable=True))
        batch_op.drop_index("ix_occ_window")
        batch_op.create_index("ix_occ_window", [*COVERED, "local_start", "local_end"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_occ_window")
        batch_op.create_index("ix_occ_window", COVERED[:3], unique=False)
        batch_op.drop_column("local_end")
        batch_op.drop_column("local_start")
