"""SE batches choose their secure channel protocol (SCP02 or SCP03) and key version (issue 12)

Revision ID: 0004_scp03
Revises: 0003_access
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_scp03'
down_revision = '0003_access'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('se_batches') as batch:
        batch.add_column(sa.Column('scp', sa.Integer(), server_default='2', nullable=False))
        batch.add_column(sa.Column('scp_kvn', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('se_batches') as batch:
        batch.drop_column('scp_kvn')
        batch.drop_column('scp')
