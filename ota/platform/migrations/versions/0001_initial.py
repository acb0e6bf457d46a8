"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('event', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('prev_hash', name=op.f('uq_audit_log_prev_hash'))
    )
    op.create_table('key_sets',
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('kvn', sa.Integer(), nullable=False),
    sa.Column('sealed', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('ref', 'kvn', name=op.f('pk_key_sets'))
    )
    op.create_table('operators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('name', name=op.f('uq_operators_name'))
    )
    op.create_table('providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('blacklisted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers')),
    sa.UniqueConstraint('name', name=op.f('uq_providers_name'))
    )
    op.create_table('se_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('seid_start', sa.String(length=64), nullable=False),
    sa.Column('seid_end', sa.String(length=64), nullable=False),
    sa.Column('chip_type', sa.String(length=64), nullable=False),
    sa.Column('cms2ac_version', sa.String(length=16), nullable=False),
    sa.Column('java_version', sa.String(length=16), nullable=False),
    sa.Column('initial_free_space', sa.Integer(), nullable=False),
    sa.Column('isd_aid', sa.String(length=64), nullable=False),
    sa.Column('key_set_ref', sa.String(length=64), nullable=False),
    sa.Column('diversification', sa.String(length=16), nullable=False),
    sa.Column('scp_i', sa.Integer(), nullable=False),
    sa.Column('scp_level', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_se_batches')),
    sa.UniqueConstraint('name', name=op.f('uq_se_batches_name'))
    )
    op.create_table('subscribers',
    sa.Column('msisdn', sa.String(length=20), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=False),
    sa.Column('imsi', sa.String(length=16), nullable=True),
    sa.Column('in_service', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('msisdn', name=op.f('pk_subscribers'))
    )
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subscribers_region'), ['region'], unique=False)

    op.create_table('terminals',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('region', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terminals'))
    )
    op.create_table('auth_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_auth_sessions_operator_id_operators')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_auth_sessions_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_auth_sessions'))
    )
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_sessions_operator_id'), ['operator_id'], unique=False)

    op.create_table('operations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=128), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('card', sa.JSON(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('checkpoint', sa.JSON(), nullable=False),
    sa.Column('script', sa.JSON(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.JSON(), nullable=True),
    sa.Column('need_card', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_operations_operator_id_operators')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'], name=op.f('fk_operations_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operations')),
    sa.UniqueConstraint('operator_id', 'idempotency_key', name=op.f('uq_operations_operator_id'))
    )
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operations_seid'), ['seid'], unique=False)
        batch_op.create_index(batch_op.f('ix_operations_state'), ['state'], unique=False)

    op.create_table('secure_elements',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recorded_free_space', sa.Integer(), nullable=True),
    sa.Column('measured_free_space', sa.Integer(), nullable=True),
    sa.Column('last_sync', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['se_batches.id'], name=op.f('fk_secure_elements_batch_id_se_batches')),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_secure_elements'))
    )
    with op.batch_alter_table('secure_elements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_secure_elements_batch_id'), ['batch_id'], unique=False)

    op.create_table('security_domains',
    sa.Column('aid', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=32), nullable=False),
    sa.Column('privileges', sa.Integer(), nullable=False),
    sa.Column('key_set_ref', sa.String(length=64), nullable=True),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_security_domains_provider_id_providers')),
    sa.PrimaryKeyConstraint('aid', name=op.f('pk_security_domains'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('title_zh', sa.String(length=128), nullable=False),
    sa.Column('title_en', sa.String(length=128), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('needs_personalisation', sa.Boolean(), nullable=False),
    sa.Column('needs_activation', sa.Boolean(), nullable=False),
    sa.Column('sd_aid', sa.String(length=64), nullable=True),
    sa.Column('perso_template', sa.JSON(), nullable=True),
    sa.Column('code_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_applications_provider_id_providers')),
    sa.ForeignKeyConstraint(['sd_aid'], ['security_domains.aid'], name=op.f('fk_applications_sd_aid_security_domains')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('name', name=op.f('uq_applications_name'))
    )
    op.create_table('lost_list',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['seid'], ['secure_elements.seid'], name=op.f('fk_lost_list_seid_secure_elements')),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_lost_list'))
    )
    op.create_table('msisdn_bindings',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('msisdn', sa.String(length=20), nullable=False),
    sa.Column('bound_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['msisdn'], ['subscribers.msisdn'], name=op.f('fk_msisdn_bindings_msisdn_subscribers')),
    sa.ForeignKeyConstraint(['seid'], ['secure_elements.seid'], name=op.f('fk_msisdn_bindings_seid_secure_elements')),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_msisdn_bindings'))
    )
    with op.batch_alter_table('msisdn_bindings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_msisdn_bindings_msisdn'), ['msisdn'], unique=False)

    op.create_table('operation_steps',
    sa.Column('operation_id', sa.String(length=36), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_operation_steps_operation_id_operations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('operation_id', 'step', name=op.f('pk_operation_steps'))
    )
    op.create_table('se_content',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('measured_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('registry', sa.JSON(), nullable=False),
    sa.Column('free_nvm', sa.Integer(), nullable=True),
    sa.Column('free_vm', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['seid'], ['secure_elements.seid'], name=op.f('fk_se_content_seid_secure_elements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_se_content'))
    )
    with op.batch_alter_table('se_content', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_se_content_seid'), ['seid'], unique=False)

    op.create_table('se_links',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('operation_id', sa.String(length=36), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operation_id'], ['operations.id'], name=op.f('fk_se_links_operation_id_operations')),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_se_links'))
    )
    with op.batch_alter_table('se_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_se_links_operation_id'), ['operation_id'], unique=False)

    op.create_table('tokens',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('token_encrypted', sa.LargeBinary(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seid'], ['secure_elements.seid'], name=op.f('fk_tokens_seid_secure_elements')),
    sa.PrimaryKeyConstraint('seid', name=op.f('pk_tokens'))
    )
    op.create_table('application_batches',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_batches_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['batch_id'], ['se_batches.id'], name=op.f('fk_application_batches_batch_id_se_batches')),
    sa.PrimaryKeyConstraint('application_id', 'batch_id', name=op.f('pk_application_batches'))
    )
    op.create_table('load_files',
    sa.Column('aid', sa.String(length=64), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=128), nullable=False),
    sa.Column('cap', sa.LargeBinary(), nullable=False),
    sa.Column('sha1', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_load_files_application_id_applications')),
    sa.PrimaryKeyConstraint('aid', name=op.f('pk_load_files'))
    )
    with op.batch_alter_table('load_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_load_files_application_id'), ['application_id'], unique=False)

    op.create_table('se_app_states',
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_se_app_states_application_id_applications')),
    sa.ForeignKeyConstraint(['seid'], ['secure_elements.seid'], name=op.f('fk_se_app_states_seid_secure_elements')),
    sa.PrimaryKeyConstraint('seid', 'application_id', name=op.f('pk_se_app_states'))
    )
    op.create_table('subscriptions',
    sa.Column('msisdn', sa.String(length=20), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_subscriptions_application_id_applications')),
    sa.ForeignKeyConstraint(['msisdn'], ['subscribers.msisdn'], name=op.f('fk_subscriptions_msisdn_subscribers')),
    sa.PrimaryKeyConstraint('msisdn', 'application_id', name=op.f('pk_subscriptions'))
    )
    op.create_table('modules',
    sa.Column('aid', sa.String(length=64), nullable=False),
    sa.Column('load_file_aid', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['load_file_aid'], ['load_files.aid'], name=op.f('fk_modules_load_file_aid_load_files'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('aid', name=op.f('pk_modules'))
    )
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_modules_load_file_aid'), ['load_file_aid'], unique=False)

    op.create_table('app_instances',
    sa.Column('instance_aid', sa.String(length=64), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('module_aid', sa.String(length=64), nullable=False),
    sa.Column('privileges', sa.Integer(), nullable=False),
    sa.Column('install_params', sa.String(length=512), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_app_instances_application_id_applications')),
    sa.ForeignKeyConstraint(['module_aid'], ['modules.aid'], name=op.f('fk_app_instances_module_aid_modules')),
    sa.PrimaryKeyConstraint('instance_aid', name=op.f('pk_app_instances'))
    )
    with op.batch_alter_table('app_instances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_app_instances_application_id'), ['application_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('app_instances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_app_instances_application_id'))

    op.drop_table('app_instances')
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_modules_load_file_aid'))

    op.drop_table('modules')
    op.drop_table('subscriptions')
    op.drop_table('se_app_states')
    with op.batch_alter_table('load_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_load_files_application_id'))

    op.drop_table('load_files')
    op.drop_table('application_batches')
    op.drop_table('tokens')
    with op.batch_alter_table('se_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_se_links_operation_id'))

    op.drop_table('se_links')
    with op.batch_alter_table('se_content', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_se_content_seid'))

    op.drop_table('se_content')
    op.drop_table('operation_steps')
    with op.batch_alter_table('msisdn_bindings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_msisdn_bindings_msisdn'))

    op.drop_table('msisdn_bindings')
    op.drop_table('lost_list')
    op.drop_table('applications')
    op.drop_table('security_domains')
    with op.batch_alter_table('secure_elements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_secure_elements_batch_id'))

    op.drop_table('secure_elements')
    with op.batch_alter_table('operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operations_state'))
        batch_op.drop_index(batch_op.f('ix_operations_seid'))

    op.drop_table('operations')
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_sessions_operator_id'))

    op.drop_table('auth_sessions')
    op.drop_table('terminals')
    with op.batch_alter_table('subscribers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscribers_region'))

    op.drop_table('subscribers')
    op.drop_table('se_batches')
    op.drop_table('providers')
    op.drop_table('operators')
    op.drop_table('key_sets')
    op.drop_table('audit_log')
