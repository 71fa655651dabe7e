"""occurrence index horizon on workspaces

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 14:15:00

``workspaces.occurrence_horizon_utc`` records how far the ``occurrences`` index has been
materialised (naive UTC, like every stored instant); NULL means "not built yet". Written with
``batch_alter_table`` because SQLite cannot ALTER a table in place beyond ADD COLUMN, and
batch mode keeps one code path for both backends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurrence_horizon_utc", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("occurrence_horizon_utc")
