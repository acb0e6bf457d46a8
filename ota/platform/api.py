"""The platform's HTTP API under ``/api/v1`` (DESIGN.md §3); ``create_app`` builds it.

Every error leaves as an :class:`ota.protocol.ErrorBody` (zh + en) with a fitting status code;
anything unexpected becomes ``500 internal`` with an incident id, and the traceback stays in
the server log.  Routes are synchronous: FastAPI runs them in its thread pool, and the database
work inside them is short (no transaction spans two requests).
"""

from __future__ import annotations

import logging
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from ota.platform import audit, auth, catalog
from ota.platform.admin import routes as admin_routes
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.engine import OperationEngine, incident_error, new_incident
from ota.platform.errors import ForbiddenError, PlatformError
from ota.platform.flows import FlowRegistry, default_registry
from ota.platform.keystore import KeyStore, SoftwareKeyStore, load_master_key
from ota.platform.settings import PlatformSettings
from ota.protocol import (
    API_PREFIX,
    Catalog,
    ErrorBody,
    Health,
    LinkList,
    LoginRequest,
    LoginResponse,
    OperationList,
    OperationState,
    OperationView,
    Role,
    StartOperation,
    StepResult,
)

log = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False)
_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422, 500)
}


def _principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.Principal:
    with request.app.state.sessions() as session:
        return auth.authenticate(session, credentials.credentials if credentials else None)


def _admin(who: Annotated[auth.Principal, Depends(_principal)]) -> auth.Principal:
    if who.role != Role.ADMIN:
        raise ForbiddenError("auth.forbidden", "需要管理员权限", "administrator role required")
    return who


Who = Annotated[auth.Principal, Depends(_principal)]
Admin = Annotated[auth.Principal, Depends(_admin)]


def create_app(
    engine_or_url: Engine | str,
    keystore: KeyStore | None = None,
    settings: PlatformSettings | None = None,
    registry: FlowRegistry | None = None,
    migrate: bool = True,
) -> FastAPI:
    """Build the platform app on a database; migrations run first unless ``migrate=False``."""
    settings = settings or PlatformSettings()
    db = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    if migrate:
        upgrade(db)
    sessions = session_factory(db)
    if keystore is None:
        keystore = SoftwareKeyStore(sessions, load_master_key(settings.master_key_path))
    ops = OperationEngine(sessions, keystore, registry or default_registry(), settings)

    app = FastAPI(
        title="HallTerm reference platform",
        version=settings.version,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.db = db
    app.state.sessions = sessions
    app.state.operations = ops
    app.state.settings = settings
    _install_error_handlers(app)
    admin_routes.install(app)

    @app.get(f"{API_PREFIX}/health", response_model=Health)
    def health() -> Health:
        with sessions() as session:
            session.execute(sa.text("SELECT 1"))
        return Health(database=db.dialect.name, version=settings.version)

    @app.post(f"{API_PREFIX}/login", response_model=LoginResponse, responses=_ERRORS)
    def login(body: LoginRequest) -> LoginResponse:
        # A failed login must still leave its audit row, so it commits before answering.
        with transaction(sessions) as session:
            try:
                return auth.login(session, body, settings)
            except PlatformError as e:
                failure = e
        raise failure

    @app.get(f"{API_PREFIX}/apps", response_model=Catalog, responses=_ERRORS)
    def list_apps(who: Who) -> Catalog:
        with sessions() as session:
            return catalog.list_catalog(session)

    @app.post(f"{API_PREFIX}/operations", response_model=OperationView, responses=_ERRORS)
    def start_operation(body: StartOperation, who: Who) -> OperationView:
        return ops.start(who, body)

    @app.get(f"{API_PREFIX}/operations", response_model=OperationList, responses=_ERRORS)
    def list_operations(
        who: Who,
        state: OperationState | None = None,
        seid: str | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> OperationList:
        return OperationList(operations=ops.list(who, state, seid, limit))

    @app.get(f"{API_PREFIX}/operations/{{op_id}}", response_model=OperationView, responses=_ERRORS)
    def get_operation(op_id: str, who: Who) -> OperationView:
        return ops.get(who, op_id)

    @app.post(
        f"{API_PREFIX}/operations/{{op_id}}/steps/{{n}}", response_model=OperationView, responses=_ERRORS
    )
    def post_step(op_id: str, n: int, body: StepResult, who: Who) -> OperationView:
        return ops.post_step(who, op_id, n, body)

    @app.post(f"{API_PREFIX}/operations/{{op_id}}/cancel", response_model=OperationView, responses=_ERRORS)
    def cancel_operation(op_id: str, who: Who) -> OperationView:
        return ops.cancel(who, op_id)

    @app.get(f"{API_PREFIX}/admin/links", response_model=LinkList, responses=_ERRORS)
    def list_links(who: Admin) -> LinkList:
        return LinkList(links=ops.links())

    @app.post(f"{API_PREFIX}/admin/links/{{seid}}/abort", response_model=OperationView, responses=_ERRORS)
    def abort_link(seid: str, who: Admin) -> OperationView:
        return ops.abort_link(who, seid)

    @app.get(f"{API_PREFIX}/admin/audit/verify", responses=_ERRORS)
    def verify_audit(who: Admin) -> dict[str, object]:
        with sessions() as session:
            report = audit.verify(session)
        return {"ok": report.ok, "rows": report.rows, "first_bad_id": report.first_bad_id,
                "reason": report.reason}

    return app


def _error_response(status: int, body: ErrorBody) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PlatformError)
    async def platform_error(_request: Request, exc: PlatformError) -> JSONResponse:
        if exc.status >= 500:
            incident = new_incident()
            log.error("incident %s: %s", incident, exc.code, exc_info=exc)
            return _error_response(exc.status, exc.body(incident))
        return _error_response(exc.status, exc.body())

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Only locations and messages: the rejected input may hold a password.
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
        )
        body = ErrorBody(
            code="request.invalid", message_zh="请求格式错误", message_en=f"invalid request: {problems}"
        )
        return _error_response(422, body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = ErrorBody(
            code=f"http.{exc.status_code}", message_zh="请求无法处理", message_en=str(exc.detail)
        )
        return _error_response(exc.status_code, body)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        incident = new_incident()
        log.error("incident %s: %s %s", incident, request.method, request.url.path, exc_info=exc)
        return _error_response(500, incident_error(incident))
