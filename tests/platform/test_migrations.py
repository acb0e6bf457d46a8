"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.script import ScriptDirectory

from ota.platform.db import alembic_config, schema_diff, upgrade
from ota.platform.models import Base


def test_models_match_migrations(db) -> None:  # noqa: ANN001
    upgrade(db)
    assert schema_diff(db) == []
    tables = set(sa.inspect(db).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_is_repeatable(db) -> None:  # noqa: ANN001
    upgrade(db)
    upgrade(db)
    with db.connect() as connection:
        version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_model_change_without_migration_is_noticed(db) -> None:  # noqa: ANN001
    upgrade(db)
    with db.begin() as connection:
        connection.execute(sa.text("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
    diff = schema_diff(db)
    assert diff and diff[0][0] == "remove_table"
