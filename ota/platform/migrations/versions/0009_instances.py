"""companion terminal apps of the catalog's applications

Revision ID: 0009_instances
Revises: 0008_challenge
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_instances'
down_revision = '0008_challenge'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('companion_apps',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=512), nullable=True),
    sa.Column('file_name', sa.String(length=128), nullable=True),
    sa.Column('package', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_companion_apps_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_companion_apps'))
    )


def downgrade() -> None:
    op.drop_table('companion_apps')
