"""per-instance personalisation and labels (seed §5.8.4.1, §5.8.4.6)

Revision ID: 0013_instance_perso
Revises: 0012_tokens
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013_instance_perso'
down_revision = '0012_tokens'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_instances') as batch:
        batch.add_column(sa.Column('label_zh', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('label_en', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('perso_template', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('app_instances') as batch:
        for column in ('perso_template', 'label_en', 'label_zh'):
            batch.drop_column(column)
