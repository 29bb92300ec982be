"""Reports: the lead inspector's themes for the interim area feedback.

Revision ID: 0300
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0300"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_theme",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("heading", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_theme_inspection_id"), ["inspection_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("report_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_theme_inspection_id"))
    op.drop_table("report_theme")
