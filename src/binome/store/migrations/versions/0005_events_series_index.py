"""events: the series index also names the workspace

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 20:00:00

Every read of a series' overrides asks ``workspace_id = ? AND series_id = ?``. With
``ix_events_series`` on ``series_id`` alone, SQLite's planner (no statistics) took
``ix_events_workspace_id`` instead, one equality each, and scanned every event of the
workspace for each series: importing a calendar re-indexed its series at O(events) each,
so import time grew with the square of its size (8,000 events: 6.8 ms a series; 32,000:
about 27 ms, three quarters of the import). On ``(series_id, workspace_id)`` both
equalities match one index, which the planner prefers, and a lookup by ``series_id``
alone still uses it.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_series")
        batch_op.create_index("ix_events_series", ["series_id", "workspace_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_series")
        batch_op.create_index("ix_events_series", ["series_id"], unique=False)
