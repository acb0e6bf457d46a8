"""Alembic migrations of the platform schema (run by ``ota.platform.db.upgrade``)."""
