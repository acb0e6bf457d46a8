"""tasks, SMS PUSH and billing (issue 10)

Revision ID: 0005_tasks
Revises: 0004_scp03
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_tasks'
down_revision = '0004_scp03'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('tasks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('operations', sa.JSON(), nullable=False),
    sa.Column('target', sa.JSON(), nullable=False),
    sa.Column('schedule', sa.String(length=16), nullable=False),
    sa.Column('run_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('delivery', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('retry_of', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('requester', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks'))
    )
    op.create_index(op.f('ix_tasks_requester'), 'tasks', ['requester'], unique=False)
    op.create_index(op.f('ix_tasks_state'), 'tasks', ['state'], unique=False)
    op.create_table('task_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('push_serial', sa.String(length=32), nullable=True),
    sa.Column('pushes', sa.Integer(), nullable=False),
    sa.Column('last_push_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('gateway_msg_id', sa.String(length=32), nullable=True),
    sa.Column('step_index', sa.Integer(), nullable=False),
    sa.Column('operation_id', sa.String(length=36), nullable=True),
    sa.Column('operations_done', sa.JSON(), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=True),
    sa.Column('reason_detail', sa.JSON(), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_items_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_items')),
    sa.UniqueConstraint('push_serial', name=op.f('uq_task_items_push_serial'))
    )
    op.create_index('ix_task_items_due', 'task_items', ['state', 'due_at'], unique=False)
    op.create_index(op.f('ix_task_items_seid'), 'task_items', ['seid'], unique=False)
    op.create_index(op.f('ix_task_items_task_id'), 'task_items', ['task_id'], unique=False)
    op.create_table('charge_types',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('description_zh', sa.String(length=128), nullable=False),
    sa.Column('description_en', sa.String(length=128), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_charge_types'))
    )
    op.create_table('billing_strategies',
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('provider_type', sa.String(length=16), nullable=False),
    sa.Column('sd_space', sa.String(length=16), nullable=False),
    sa.Column('cycle', sa.String(length=8), nullable=False),
    sa.Column('granularity', sa.Integer(), nullable=False),
    sa.Column('space_unit_price', sa.Integer(), nullable=False),
    sa.Column('function_prices', sa.JSON(), nullable=False),
    sa.Column('bundles', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_billing_strategies_provider_id_providers')),
    sa.PrimaryKeyConstraint('provider_id', name=op.f('pk_billing_strategies'))
    )
    op.create_table('bills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('cycle_key', sa.String(length=16), nullable=False),
    sa.Column('file_name', sa.String(length=128), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_bills_provider_id_providers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bills')),
    sa.UniqueConstraint('file_name', name=op.f('uq_bills_file_name')),
    sa.UniqueConstraint('provider_id', 'cycle_key', name=op.f('uq_bills_provider_id'))
    )
    op.create_index(op.f('ix_bills_state'), 'bills', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_bills_state'), table_name='bills')
    op.drop_table('bills')
    op.drop_table('billing_strategies')
    op.drop_table('charge_types')
    op.drop_index(op.f('ix_task_items_task_id'), table_name='task_items')
    op.drop_index(op.f('ix_task_items_seid'), table_name='task_items')
    op.drop_index('ix_task_items_due', table_name='task_items')
    op.drop_table('task_items')
    op.drop_index(op.f('ix_tasks_state'), table_name='tasks')
    op.drop_index(op.f('ix_tasks_requester'), table_name='tasks')
    op.drop_table('tasks')
