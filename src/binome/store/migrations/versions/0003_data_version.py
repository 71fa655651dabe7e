"""data version on workspaces

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 17:00:00

``workspaces.data_version`` moves on every transaction that changes anything a reader's
view depends on (``store.data_version``), never on audit appends: read-model caches key
their entries on it, so a cache in any process sees a write made by any other. Existing
rows start at 1. ``batch_alter_table`` for SQLite, as in 0002.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("data_version", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.drop_column("data_version")
