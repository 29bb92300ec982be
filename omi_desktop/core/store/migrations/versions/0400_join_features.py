"""Join the sync (0100), head-office sampling (0200) and report (0300) branches into one head.

Those three changes were developed side by side from 0002 and touch different tables; this revision only
records that a store has all three, so that later migrations have a single parent.

Revision ID: 0400
Revises: 0100, 0200, 0300
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0400"
down_revision = ("0100", "0200", "0300")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
