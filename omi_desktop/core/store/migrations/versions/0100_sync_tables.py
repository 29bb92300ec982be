"""Sync: trusted keys, inspections received as assignments, bundles sent and received, review sync state,
review versions (the lineage that decides merges) and conflicts.

Revision ID: 0100
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0100"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_key",
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("identity_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("signing_key", sa.String(), nullable=False),
        sa.Column("encryption_key", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_reason", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("fingerprint"),
    )
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trusted_key_identity_id"), ["identity_id"], unique=False)

    op.create_table(
        "inspection_sync",
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("hq_id", sa.String(), nullable=False),
        sa.Column("assignee", sa.String(), nullable=False),
        sa.Column("return_recipients", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("assignment_bundle_id", sa.String(), nullable=False),
        sa.Column("assignment_sequence", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("inspection_id"),
    )

    op.create_table(
        "sent_bundle",
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("contents", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("bundle_id"),
        sa.UniqueConstraint("kind", "inspection_id", "subject", "sequence", name="uq_sent_bundle_sequence"),
    )

    op.create_table(
        "received_bundle",
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("sender_id", sa.String(), nullable=False),
        sa.Column("sender_fingerprint", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.Column("outcome", sa.JSON(none_as_null=True), nullable=True),
        sa.PrimaryKeyConstraint("bundle_id"),
    )
    with op.batch_alter_table("received_bundle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_received_bundle_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_received_bundle_sender_id"), ["sender_id"], unique=False)

    op.create_table(
        "review_sync",
        sa.Column("review_id", sa.String(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("base_sha256", sa.String(), nullable=True),
        sa.Column("exported_revision", sa.Integer(), nullable=True),
        sa.Column("exported_sha256", sa.String(), nullable=True),
        sa.Column("exported_base_revision", sa.Integer(), nullable=True),
        sa.Column("exported_base_sha256", sa.String(), nullable=True),
        sa.Column("exported_bundle_id", sa.String(), nullable=True),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_revision", sa.Integer(), nullable=True),
        sa.Column("acknowledged_sha256", sa.String(), nullable=True),
        sa.Column("acknowledged_receipt_id", sa.String(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("purged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("review_id"),
    )

    op.create_table(
        "review_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.String(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("based_on_revision", sa.Integer(), nullable=False),
        sa.Column("based_on_sha256", sa.String(), nullable=True),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("bundle_id", sa.String(), nullable=True),
        sa.Column("sender_id", sa.String(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("review_id", "revision", "sha256", name="uq_review_version"),
    )
    with op.batch_alter_table("review_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_version_review_id"), ["review_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_version_sender_id"), ["sender_id"], unique=False)

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("review_id", sa.String(), nullable=False),
        sa.Column("inspection_id", sa.String(), nullable=False),
        sa.Column("bundle_id", sa.String(), nullable=False),
        sa.Column("sender_id", sa.String(), nullable=False),
        sa.Column("incoming", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("base_sha256", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("decisions", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_inspection_id"), ["inspection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_conflict_review_id"), ["review_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflict_review_id"))
        batch_op.drop_index(batch_op.f("ix_sync_conflict_inspection_id"))
    op.drop_table("sync_conflict")
    with op.batch_alter_table("review_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_version_sender_id"))
        batch_op.drop_index(batch_op.f("ix_review_version_review_id"))
    op.drop_table("review_version")
    op.drop_table("review_sync")
    with op.batch_alter_table("received_bundle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_received_bundle_sender_id"))
        batch_op.drop_index(batch_op.f("ix_received_bundle_inspection_id"))
    op.drop_table("received_bundle")
    op.drop_table("sent_bundle")
    op.drop_table("inspection_sync")
    with op.batch_alter_table("trusted_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trusted_key_identity_id"))
    op.drop_table("trusted_key")
