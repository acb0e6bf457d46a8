"""Companion terminal apps (seed §5.4.2, §5.4.7): each SE application's phone app.

A provider (or an admin for it) stores either the package itself (an APK or other file the
platform then serves at :data:`DOWNLOAD_PATH`) or a URL where the phone app is published.  A
counter download answers with :func:`link_for`, so the clerk's screen and the receipt can show
it as a QR code; the query lists the installed apps without one (:func:`lacking`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, StringConstraints, model_validator
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin.schemas import _In
from ota.platform.db import utcnow
from ota.platform.errors import ForbiddenError, PlatformError, not_found
from ota.platform.models import Application, CompanionApp
from ota.platform.policy import Actor
from ota.protocol import API_PREFIX, Role

MAX_PACKAGE = 32 * 1024 * 1024
DOWNLOAD_PATH = f"{API_PREFIX}/companions/{{app}}"
"""Served without a login or client certificate: the subscriber's own phone fetches it."""

Url = Annotated[str, StringConstraints(min_length=12, max_length=512, pattern=r"^https://[^\s<>\"']+$")]
FileName = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.\-]+$")]


class CompanionIn(_In):
    """Exactly one of ``url`` or ``package_b64`` (with its ``file_name``)."""

    url: Url | None = None
    file_name: FileName | None = None
    package_b64: Annotated[str, Field(max_length=MAX_PACKAGE * 4 // 3 + 4)] | None = None

    @model_validator(mode="after")
    def _one_source(self) -> CompanionIn:
        if (self.url is None) == (self.package_b64 is None):
            raise ValueError("give either url or package_b64, not both and not neither")
        if self.package_b64 is not None and self.file_name is None:
            raise ValueError("a package needs its file_name")
        return self


class CompanionView(BaseModel):
    app: str
    link: str
    """Absolute ``https://`` URL, or the platform path of the served package."""
    file_name: str | None = None
    size: int = 0
    sha256: str | None = None


def _app(session: Session, ref: str) -> Application:
    app = session.get(Application, int(ref)) if ref.isascii() and ref.isdigit() and int(ref) < 2**31 else None
    app = app or session.scalars(sa.select(Application).where(Application.name == ref)).first()
    if app is None:
        raise not_found("application", ref)
    return app


def _view(app: Application, row: CompanionApp) -> CompanionView:
    link = row.url or DOWNLOAD_PATH.format(app=app.name)
    return CompanionView(app=app.name, link=link, file_name=row.file_name, size=row.size, sha256=row.sha256)


def _bad_package(reason: str) -> PlatformError:
    return PlatformError(
        "companion.invalid",
        status=422,
        detail={"field": "package_b64", "reason": str(reason)},
    )


def store(session: Session, actor: Actor, ref: str, body: CompanionIn) -> CompanionView:
    """Store (or replace) the companion app of ``ref``; a provider only for its own apps."""
    app = _app(session, ref)
    if actor.role == Role.PROVIDER and actor.provider_id != app.provider_id:
        raise ForbiddenError("auth.forbidden", detail={"action": "companion.write"})
    package = None
    if body.package_b64 is not None:
        try:
            package = base64.b64decode(body.package_b64, validate=True)
        except (binascii.Error, ValueError) as e:
            raise _bad_package("not base64") from e
        if not package or len(package) > MAX_PACKAGE:
            raise _bad_package(f"{len(package)} bytes; 1 to {MAX_PACKAGE} allowed")
    row = session.get(CompanionApp, app.id) or CompanionApp(application_id=app.id)
    row.url, row.file_name, row.package = body.url, body.file_name if package else None, package
    row.sha256 = hashlib.sha256(package).hexdigest() if package else None
    row.size = len(package) if package else 0
    row.uploaded_by, row.uploaded_at = actor.operator, utcnow()
    session.add(row)
    audit.record(session, "companion.store", actor.operator, app=app.name,
                 source="package" if package else "url", size=row.size, sha256=row.sha256)
    return _view(app, row)


def view(session: Session, ref: str) -> CompanionView:
    app = _app(session, ref)
    row = session.get(CompanionApp, app.id)
    if row is None:
        raise not_found("companion app", app.name)
    return _view(app, row)


def link_for(session: Session, app: Application) -> dict[str, str] | None:
    """What a counter download answers: where the phone app is, or None when nobody said."""
    row = session.get(CompanionApp, app.id)
    if row is None:
        return None
    found = _view(app, row)
    return {"link": found.link, "file_name": found.file_name or ""}


def lacking(session: Session, app_ids: Iterable[int]) -> set[int]:
    """Which of ``app_ids`` have no companion app information."""
    ids = set(app_ids)
    having = session.scalars(sa.select(CompanionApp.application_id).where(CompanionApp.application_id.in_(ids)))
    return ids - set(having)


public = APIRouter()


@public.get(DOWNLOAD_PATH, response_class=Response, responses={404: {}})
def download_package(app: str, request: Request) -> Response:
    """The package itself, for the subscriber's phone (no login: it is the provider's public app)."""
    with request.app.state.sessions() as session:
        found = session.scalars(sa.select(Application).where(Application.name == app)).first()
        row = session.get(CompanionApp, found.id) if found else None
        if row is None or row.package is None:
            raise not_found("companion app package", app)
        return Response(
            row.package,
            media_type="application/vnd.android.package-archive" if (row.file_name or "").endswith(".apk")
            else "application/octet-stream",
            headers={"Content-Disposition": f'attachment; filename="{row.file_name}"'},
        )
