"""Delegated Management (token-mode SDs): the Card Issuer's token and receipt keys, and receipts

Revision ID: 0012_tokens
Revises: 0011_sd_keys_due
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012_tokens'
down_revision = '0011_sd_keys_due'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dm_keys',
        sa.Column('name', sa.String(length=16), nullable=False),
        sa.Column('sealed', sa.LargeBinary(), nullable=False),
        sa.Column('public', sa.JSON(), nullable=True),
        sa.Column('kcv', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    op.create_table(
        'dm_receipts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('operation_id', sa.String(length=36), nullable=False),
        sa.Column('seid', sa.String(length=64), nullable=False),
        sa.Column('sd_aid', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('aids', sa.JSON(), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.Column('card_unique_data', sa.String(length=64), nullable=False),
        sa.Column('receipt', sa.String(length=64), nullable=False),
        sa.Column('valid', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_dm_receipts_operation_id', 'dm_receipts', ['operation_id'])
    op.create_index('ix_dm_receipts_seid', 'dm_receipts', ['seid'])
    op.create_index('ix_dm_receipts_sd_aid', 'dm_receipts', ['sd_aid'])


def downgrade() -> None:
    op.drop_table('dm_receipts')
    op.drop_table('dm_keys')
