"""versions of cached metadata, bumped by triggers (issue 15 item 1)

Revision ID: 0014_versions
Revises: 0013_instance_perso
Create Date: 2026-12-02

Every INSERT, UPDATE or DELETE of a scope's tables adds one to the scope's row in
``metadata_versions``, in the writer's own transaction, so a re-import of a key set under the same
key version, an administrator's change through any process, or a change made with psql all count.

On SQLite a later migration that rebuilds one of these tables (``batch_alter_table``) drops its
triggers: such a migration must create them again (``create_triggers`` below).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014_versions'
down_revision = '0013_instance_perso'
branch_labels = None
depends_on = None

SCOPES: dict[str, tuple[str, ...]] = {
    'keys': ('key_sets',),
    'batches': ('se_batches',),
    'catalogue': ('applications', 'providers', 'app_releases', 'app_instances'),
    'principals': ('operators', 'terminals'),
}
"""The tables of each scope (``ota.platform.metadata_cache.SCOPES`` names the same)."""


def _bump(scope: str) -> str:
    return f"UPDATE metadata_versions SET version = version + 1 WHERE scope = '{scope}'"


def create_triggers(table: str, scope: str) -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION hallterm_bump_version('{scope}')"
        )
        return
    for event in ('INSERT', 'UPDATE', 'DELETE'):
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS {table}_version_{event.lower()} AFTER {event} ON {table} "
            f"BEGIN {_bump(scope)}; END"
        )


def upgrade() -> None:
    op.create_table(
        'metadata_versions',
        sa.Column('scope', sa.String(length=32), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('scope'),
    )
    op.bulk_insert(
        sa.table('metadata_versions', sa.column('scope', sa.String), sa.column('version', sa.BigInteger)),
        [{'scope': scope, 'version': 1} for scope in SCOPES],
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(
            "CREATE FUNCTION hallterm_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN UPDATE metadata_versions SET version = version + 1 WHERE scope = TG_ARGV[0]; "
            "RETURN NULL; END $$"
        )
    for scope, tables in SCOPES.items():
        for table in tables:
            create_triggers(table, scope)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == 'postgresql'
    for tables in SCOPES.values():
        for table in tables:
            if postgres:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            else:
                for event in ('insert', 'update', 'delete'):
                    op.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS hallterm_bump_version()")
    op.drop_table('metadata_versions')
