"""the index the statistics' free space per batch is counted from (r5reports)

``/admin/stats`` sums, per SE batch, the recorded free space of every SE: at 1 M SEs a seq scan of
the wide ``secure_elements`` rows was most of a period's statistics.  ``(batch_id,
recorded_free_space)`` lets PostgreSQL answer from the index alone; the free space changes once
per download or delete, never per step.

Revision ID: 0016_report_indexes
Revises: 0015_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = '0016_report_indexes'
down_revision = '0015_indexes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_secure_elements_batch_free', 'secure_elements', ['batch_id', 'recorded_free_space'])


def downgrade() -> None:
    op.drop_index('ix_secure_elements_batch_free', table_name='secure_elements')
