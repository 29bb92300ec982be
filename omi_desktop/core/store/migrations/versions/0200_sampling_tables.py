"""Sampling: samples drawn from long lists, every row's fate, replacements, allocation changes.

Revision ID: 0200
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0200"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sample",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("algorithm", sa.String(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("source_name", sa.String(), nullable=False),
        sa.Column("source_sha256", sa.String(), nullable=False),
        sa.Column("source_encoding", sa.String(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sample", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sample_inspection_id"), ["inspection_id"], unique=False)

    op.create_table(
        "sample_row",
        sa.Column("sample_id", sa.String(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("crn", sa.String(), nullable=False),
        sa.Column("fate", sa.String(), nullable=False),
        sa.Column("drawn_fate", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("detail", sa.String(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("stratum", sa.String(), nullable=True),
        sa.Column("priority", sa.Float(), nullable=True),
        sa.Column("buffer_rank", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(), nullable=True),
        sa.Column("sentence_type", sa.String(), nullable=True),
        sa.Column("rosh_level", sa.String(), nullable=True),
        sa.Column("ppo", sa.Boolean(), nullable=True),
        sa.Column("tier", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("cluster", sa.String(), nullable=True),
        sa.Column("ldu", sa.String(), nullable=True),
        sa.Column("team", sa.String(), nullable=True),
        sa.Column("responsible_officer", sa.String(), nullable=True),
        sa.Column("pnc", sa.String(), nullable=True),
        sa.Column("family_name", sa.String(), nullable=True),
        sa.Column("first_name", sa.String(), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["sample_id"], ["sample.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sample_id", "row"),
    )

    op.create_table(
        "sample_replacement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.String(), nullable=False),
        sa.Column("replaced_row", sa.Integer(), nullable=False),
        sa.Column("replaced_crn", sa.String(), nullable=False),
        sa.Column("replacement_row", sa.Integer(), nullable=False),
        sa.Column("replacement_crn", sa.String(), nullable=False),
        sa.Column("stratum", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sample_id"], ["sample.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sample_replacement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sample_replacement_sample_id"), ["sample_id"], unique=False)

    op.create_table(
        "allocation_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("case_reference", sa.String(), nullable=False),
        sa.Column("from_inspector", sa.String(), nullable=True),
        sa.Column("to_inspector", sa.String(), nullable=True),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("allocation_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_allocation_change_inspection_id"), ["inspection_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("allocation_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocation_change_inspection_id"))
    op.drop_table("allocation_change")
    with op.batch_alter_table("sample_replacement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sample_replacement_sample_id"))
    op.drop_table("sample_replacement")
    op.drop_table("sample_row")
    with op.batch_alter_table("sample", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sample_inspection_id"))
    op.drop_table("sample")
