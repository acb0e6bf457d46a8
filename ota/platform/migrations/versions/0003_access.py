"""enrolled terminals, idle sessions, login throttling, demo marker (issue 9 items 5, 7, 10)

Revision ID: 0003_access
Revises: 0002_card_trust
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_access'
down_revision = '0002_card_trust'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('terminals') as batch:
        batch.add_column(sa.Column('hall', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('cert_fingerprint', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('cert_serial', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_unique_constraint(op.f('uq_terminals_cert_fingerprint'), ['cert_fingerprint'])
    with op.batch_alter_table('auth_sessions') as batch:
        batch.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('login_throttle',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_login_throttle'))
    )
    op.create_table('platform_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=256), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_platform_meta'))
    )


def downgrade() -> None:
    op.drop_table('platform_meta')
    op.drop_table('login_throttle')
    with op.batch_alter_table('auth_sessions') as batch:
        batch.drop_column('last_seen_at')
    with op.batch_alter_table('terminals') as batch:
        batch.drop_constraint(op.f('uq_terminals_cert_fingerprint'), type_='unique')
        batch.drop_column('revoked_at')
        batch.drop_column('enrolled_at')
        batch.drop_column('cert_serial')
        batch.drop_column('cert_fingerprint')
        batch.drop_column('hall')
