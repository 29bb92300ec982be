"""Framework pinning and feedback marks.

Keep the text of every framework version a review was started on, so reviews still open and score after a
newer version ships; let the inspector mark a note as a strength or an area for improvement; remember
whether each answer's question applies, so scoring need not re-evaluate every condition.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "framework_definition",
        sa.Column("framework_id", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("installed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("framework_id", "version"),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("feedback", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("relevant", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("relevant")
        batch_op.drop_column("feedback")
    op.drop_table("framework_definition")
