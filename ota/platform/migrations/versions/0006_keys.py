"""key service: key versions, per-SE key state, batch roll-overs (issue 13)

Revision ID: 0006_keys
Revises: 0005_tasks
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_keys'
down_revision = '0005_tasks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('key_versions',
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('kvn', sa.Integer(), nullable=False),
    sa.Column('backend', sa.String(length=16), nullable=False),
    sa.Column('kcv_enc', sa.String(length=6), nullable=False),
    sa.Column('kcv_mac', sa.String(length=6), nullable=False),
    sa.Column('kcv_dek', sa.String(length=6), nullable=False),
    sa.Column('components', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('ref', 'kvn', name=op.f('pk_key_versions'))
    )
    op.create_table('se_key_states',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('kvn', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('near_limit', sa.Boolean(), nullable=False),
    sa.Column('rolled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_se_key_states'))
    )
    op.create_table('key_rollovers',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('target_kvn', sa.Integer(), nullable=False),
    sa.Column('started_by', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['se_batches.id'], name=op.f('fk_key_rollovers_batch_id_se_batches')),
    sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_key_rollovers'))
    )


def downgrade() -> None:
    op.drop_table('key_rollovers')
    op.drop_table('se_key_states')
    op.drop_table('key_versions')
