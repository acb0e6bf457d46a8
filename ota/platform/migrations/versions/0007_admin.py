"""administration: releases, removals, provider profiles and accounts, batch preloads, regions, parameters,
business platforms

Revision ID: 0007_admin
Revises: 0006_keys
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_admin'
down_revision = '0006_keys'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_releases',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('version_id', sa.String(length=96), nullable=False),
    sa.Column('release_date', sa.String(length=8), nullable=False),
    sa.Column('main_module_aid', sa.String(length=64), nullable=False),
    sa.Column('nv_size', sa.Integer(), nullable=False),
    sa.Column('volatile_size', sa.Integer(), nullable=False),
    sa.Column('deletion_mode', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('province', sa.String(length=32), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('submitted_by', sa.String(length=64), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_app_releases_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_app_releases'))
    )
    op.create_index(op.f('ix_app_releases_state'), 'app_releases', ['state'], unique=False)
    op.create_table('app_user_lists',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('msisdn', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_app_user_lists_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', 'msisdn', name=op.f('pk_app_user_lists'))
    )
    op.create_table('archive_removals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('seid', sa.String(length=64), nullable=False),
    sa.Column('msisdn', sa.String(length=20), nullable=True),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('consent', sa.Boolean(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_archive_removals_application_id_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_removals')),
    sa.UniqueConstraint('application_id', 'seid', name=op.f('uq_archive_removals_application_id'))
    )
    op.create_index(op.f('ix_archive_removals_application_id'), 'archive_removals', ['application_id'], unique=False)
    op.create_index(op.f('ix_archive_removals_seid'), 'archive_removals', ['seid'], unique=False)
    op.create_table('provider_profiles',
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('spid', sa.String(length=32), nullable=True),
    sa.Column('basic', sa.JSON(), nullable=False),
    sa.Column('extended', sa.JSON(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_provider_profiles_provider_id_providers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('provider_id', name=op.f('pk_provider_profiles')),
    sa.UniqueConstraint('spid', name=op.f('uq_provider_profiles_spid'))
    )
    op.create_index(op.f('ix_provider_profiles_state'), 'provider_profiles', ['state'], unique=False)
    op.create_table('provider_accounts',
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_provider_accounts_operator_id_operators')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_provider_accounts_provider_id_providers')),
    sa.PrimaryKeyConstraint('operator_id', name=op.f('pk_provider_accounts'))
    )
    op.create_index(op.f('ix_provider_accounts_provider_id'), 'provider_accounts', ['provider_id'], unique=False)
    op.create_table('batch_preloads',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('aid', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('memory', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['se_batches.id'], name=op.f('fk_batch_preloads_batch_id_se_batches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', 'aid', name=op.f('pk_batch_preloads'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=64), nullable=False),
    sa.Column('name_en', sa.String(length=64), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('parent', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['parent'], ['regions.code'], name=op.f('fk_regions_parent_regions')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_table('platform_parameters',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_platform_parameters'))
    )


    op.create_table('business_platforms',
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=False),
    sa.Column('capabilities', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_business_platforms_operator_id_operators')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_business_platforms_provider_id_providers')),
    sa.PrimaryKeyConstraint('operator_id', name=op.f('pk_business_platforms'))
    )
    op.create_index(op.f('ix_business_platforms_provider_id'), 'business_platforms', ['provider_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_business_platforms_provider_id'), table_name='business_platforms')
    op.drop_table('business_platforms')
    op.drop_table('platform_parameters')
    op.drop_table('regions')
    op.drop_table('batch_preloads')
    op.drop_index(op.f('ix_provider_accounts_provider_id'), table_name='provider_accounts')
    op.drop_table('provider_accounts')
    op.drop_index(op.f('ix_provider_profiles_state'), table_name='provider_profiles')
    op.drop_table('provider_profiles')
    op.drop_index(op.f('ix_archive_removals_seid'), table_name='archive_removals')
    op.drop_index(op.f('ix_archive_removals_application_id'), table_name='archive_removals')
    op.drop_table('archive_removals')
    op.drop_table('app_user_lists')
    op.drop_table('app_releases')
