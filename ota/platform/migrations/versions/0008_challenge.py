"""host challenges issued ahead of a start (issue 15 item 2)

Revision ID: 0008_challenge
Revises: 0007_admin
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_challenge'
down_revision = '0007_admin'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('host_challenges',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('challenge', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_host_challenges_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host_challenges'))
    )
    op.create_index(op.f('ix_host_challenges_expires_at'), 'host_challenges', ['expires_at'], unique=False)
    op.create_index(op.f('ix_host_challenges_terminal_id'), 'host_challenges', ['terminal_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_host_challenges_terminal_id'), table_name='host_challenges')
    op.drop_index(op.f('ix_host_challenges_expires_at'), table_name='host_challenges')
    op.drop_table('host_challenges')
