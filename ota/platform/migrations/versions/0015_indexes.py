"""indexes the statistics and the bills read by, found by ``hallterm bench --data-scale`` (issue 15 item 4)

At 1 M SEs (500 k past operations, 1.65 M installed apps) the hot path already reads every big
table through an index; the reports did not: ``/admin/stats`` for a period scanned all of
``operations`` to find one period's rows, and each bill's space charge counted one application's
users by scanning all of ``se_app_states``.  ``operations.created_at`` is written once, at the
insert, so the index adds no work to the step updates.

Revision ID: 0015_indexes
Revises: 0014_versions
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = '0015_indexes'
down_revision = '0014_versions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_operations_created_at', 'operations', ['created_at'])
    op.create_index('ix_se_app_states_application_id', 'se_app_states', ['application_id'])


def downgrade() -> None:
    op.drop_index('ix_se_app_states_application_id', table_name='se_app_states')
    op.drop_index('ix_operations_created_at', table_name='operations')
