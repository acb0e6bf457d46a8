"""The application catalog as the terminal sees it (``GET /api/v1/apps``).

Only applications a clerk can offer are listed: a blacklisted provider's applications are
hidden here as they are refused by the download flow (§5.8.4.1).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.admin import releases
from ota.platform.metadata_cache import CATALOGUE, VersionedCache
from ota.platform.models import AppInstance, Application, Provider
from ota.protocol import Catalog, CatalogEntry

_CATALOG: VersionedCache[str, Catalog] = VersionedCache(CATALOGUE)


def list_catalog(session: Session) -> Catalog:
    """The catalogue, from this process's cache while the catalogue's version holds."""
    return _CATALOG.get(session, "catalog", lambda: _read_catalog(session))


def _read_catalog(session: Session) -> Catalog:
    rows = session.execute(
        sa.select(Application, Provider)
        .outerjoin(Provider, Application.provider_id == Provider.id)
        .order_by(Application.name)
    ).all()
    hidden = releases.hidden_app_ids(session)  # not yet audited, or archived (§5.4.4)
    entries = [
        _entry(session, app, provider)
        for app, provider in rows
        if not (provider and provider.blacklisted) and app.id not in hidden
    ]
    return Catalog(apps=entries)


def _entry(session: Session, app: Application, provider: Provider | None) -> CatalogEntry:
    first_instance = session.scalars(
        sa.select(AppInstance.instance_aid)
        .where(AppInstance.application_id == app.id)
        .order_by(AppInstance.instance_aid)
    ).first()
    return CatalogEntry(
        app_id=app.name,
        name=app.name,
        title_zh=app.title_zh or app.name,
        title_en=app.title_en or app.name,
        version=app.version,
        provider=provider.name if provider else "",
        aid=first_instance or "",
        size=app.code_size,
        needs_personalisation=app.needs_personalisation,
        needs_activation=app.needs_activation,
    )
