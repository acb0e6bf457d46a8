"""security-domain attributes (seed §5.3.1) and third-party SD keys under a transport key

Revision ID: 0010_sd_attrs
Revises: 0009_instances
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010_sd_attrs'
down_revision = '0009_instances'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('security_domains') as batch:
        batch.add_column(sa.Column('space_type', sa.String(length=8), server_default='flexible', nullable=False))
        batch.add_column(sa.Column('space_size', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('mode', sa.String(length=16), server_default='normal', nullable=False))
        batch.add_column(sa.Column('deletion_rule', sa.String(length=16), server_default='separate', nullable=False))
        batch.add_column(sa.Column('key_update_days', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('install_params', sa.String(length=256), server_default='', nullable=False))
        batch.add_column(sa.Column('provider_keys', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('dap_key', sa.JSON(), nullable=True))
    with op.batch_alter_table('load_files') as batch:
        batch.add_column(sa.Column('dap_signature', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('load_files') as batch:
        batch.drop_column('dap_signature')
    with op.batch_alter_table('security_domains') as batch:
        for column in ('dap_key', 'created_at', 'provider_keys', 'install_params', 'key_update_days', 'deletion_rule',
                       'mode', 'space_size', 'space_type'):
            batch.drop_column(column)
