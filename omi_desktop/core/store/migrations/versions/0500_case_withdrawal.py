"""Sync: cases withdrawn from an inspector by a newer assignment (laptop tombstones, with a begun review
kept until head office acknowledges it) and reviews of such cases kept aside at head office.

Revision ID: 0500
Revises: 0400
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0500"
down_revision = "0400"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_withdrawal",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.Column("commencement_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("inspector_id", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("assignment_bundle_id", sa.String(), nullable=False),
        sa.Column("assignment_sequence", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=False),
        sa.Column("review_id", sa.String(), nullable=True),
        sa.Column("review_status", sa.String(), nullable=True),
        sa.Column("disposition", sa.String(), nullable=False),
        sa.Column("review", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("exported_bundle_id", sa.String(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_receipt_id", sa.String(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_withdrawal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_withdrawal_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_withdrawal_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_withdrawal_review_id"), ["review_id"], unique=False)

    op.create_table(
        "set_aside_review",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("review_id", sa.String(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=True),
        sa.Column("case_reference", sa.String(), nullable=True),
        sa.Column("sender_id", sa.String(), nullable=False),
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("review", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("set_aside_review", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_set_aside_review_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_set_aside_review_review_id"), ["review_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_set_aside_review_sender_id"), ["sender_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("set_aside_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_aside_review_sender_id"))
        batch_op.drop_index(batch_op.f("ix_set_aside_review_review_id"))
        batch_op.drop_index(batch_op.f("ix_set_aside_review_inspection_id"))
    op.drop_table("set_aside_review")
    with op.batch_alter_table("case_withdrawal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_withdrawal_review_id"))
        batch_op.drop_index(batch_op.f("ix_case_withdrawal_inspection_id"))
        batch_op.drop_index(batch_op.f("ix_case_withdrawal_case_id"))
    op.drop_table("case_withdrawal")
