"""card trust: batch R-MAC capability, registered SE identity, reconciliation flag (issue 9)

Revision ID: 0002_card_trust
Revises: 0001_initial
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_card_trust'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('se_batches') as batch:
        batch.add_column(sa.Column('reported_outcomes', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('secure_elements') as batch:
        batch.add_column(sa.Column('kdd', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('cin', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('iin', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('cplc_serial', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('reconcile', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('reconcile_detail', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('secure_elements') as batch:
        for column in ('reconcile_detail', 'reconcile', 'cplc_serial', 'iin', 'cin', 'kdd'):
            batch.drop_column(column)
    with op.batch_alter_table('se_batches') as batch:
        batch.drop_column('reported_outcomes')
