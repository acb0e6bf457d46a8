"""when each SE's SD keys were last set, for the SD key-update period (seed §5.3.1, §5.8.3.2)

Revision ID: 0011_sd_keys_due
Revises: 0010_sd_attrs
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011_sd_keys_due'
down_revision = '0010_sd_attrs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('se_sd_keys',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('sd_aid', sa.String(length=64), nullable=False),
    sa.Column('kvn', sa.Integer(), nullable=False),
    sa.Column('keys_set_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('update_task_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('seid', 'sd_aid', name=op.f('pk_se_sd_keys'))
    )
    op.create_index(op.f('ix_se_sd_keys_sd_aid'), 'se_sd_keys', ['sd_aid'], unique=False)
    op.create_index(op.f('ix_se_sd_keys_keys_set_at'), 'se_sd_keys', ['keys_set_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_se_sd_keys_keys_set_at'), table_name='se_sd_keys')
    op.drop_index(op.f('ix_se_sd_keys_sd_aid'), table_name='se_sd_keys')
    op.drop_table('se_sd_keys')
