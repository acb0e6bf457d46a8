"""Alembic environment, driven programmatically by ``ota.platform.db.upgrade``.

The engine comes from ``config.attributes["engine"]``; there is no alembic.ini and no URL in
a file.  ``render_as_batch`` lets later migrations alter tables on SQLite.
"""

from __future__ import annotations

from alembic import context

from ota.platform.models import Base

engine = context.config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run migrations through ota.platform.db.upgrade(engine)")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
