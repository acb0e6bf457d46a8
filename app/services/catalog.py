"""The applications a clerk may offer for download (the download screen's list, ``GET /apps``).

An application's title is operator-entered data in two languages (``title_zh`` / ``title_en``,
the catalogue's own), not wording: a screen shows the one in its language, else the other, else
the internal name.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.base import ServiceContext
from ota.protocol import CatalogEntry


@dataclass(frozen=True)
class CatalogApp:
    app_id: str
    name: str
    aid: str
    version: str | None = None
    size: int | None = None
    needs_personalization: bool = False
    needs_activation: bool = False
    title_zh: str = ""
    title_en: str = ""
    provider: str = ""


def _app(entry: CatalogEntry) -> CatalogApp:
    return CatalogApp(
        app_id=entry.app_id,
        name=entry.name,
        aid=entry.aid,
        version=entry.version or None,
        size=entry.size or None,
        needs_personalization=entry.needs_personalisation,
        needs_activation=entry.needs_activation,
        title_zh=entry.title_zh or "",
        title_en=entry.title_en or "",
        provider=entry.provider,
    )


def list_apps(ctx: ServiceContext) -> list[CatalogApp]:
    return [_app(e) for e in ctx.client.list_apps()]
