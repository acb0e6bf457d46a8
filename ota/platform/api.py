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
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ota.platform import audit, auth, busy, catalog, challenges, metadata_cache, policy, terminals
from ota.platform.admin import routes as admin_routes
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.engine import OperationEngine, new_incident
from ota.platform.errors import PlatformError
from ota.platform.flows import FlowRegistry, default_registry
from ota.platform.guard import RequestGuard
from ota.platform.incidents import IncidentGuard, incident_response
from ota.platform.keystore import KeyStore, SoftwareKeyStore, load_master_key
from ota.platform.models import AuditEntry
from ota.platform.principal import client_cert, principal
from ota.platform.proxy import ForwardedIdentity
from ota.platform.settings import PlatformSettings
from ota.protocol import (
    API_PREFIX,
    MAX_STEP,
    Catalog,
    ChallengeBatch,
    ChallengeRequest,
    ErrorBody,
    Health,
    LinkList,
    LoginRequest,
    LoginResponse,
    OperationList,
    OperationState,
    OperationView,
    Service,
    StartOperation,
    StepResult,
)

log = logging.getLogger(__name__)

_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 429, 500)
}

OpId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")]
SeId = Annotated[str, Path(min_length=2, max_length=64, pattern=r"^[0-9A-Fa-f]+$")]
TerminalId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]
StepNo = Annotated[int, Path(ge=1, le=MAX_STEP)]


def _allowed(service: Service):  # noqa: ANN202 - a FastAPI dependency factory
    def check(request: Request, who: Annotated[auth.Principal, Depends(principal)]) -> auth.Principal:
        policy.require(request.app.state.sessions, who, service)
        return who

    return check


Who = Annotated[auth.Principal, Depends(principal)]
Admin = Annotated[auth.Principal, Depends(_allowed(Service.ADMINISTRATION))]
Auditor = Annotated[auth.Principal, Depends(_allowed(Service.AUDIT_READ))]
Technician = Annotated[auth.Principal, Depends(_allowed(Service.DIAGNOSTICS))]


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
    metadata_cache.install(db)  # issue 15 item 1: per-process caches know what a transaction wrote
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
    app.state.keystore = keystore
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes, sessions=sessions)
    app.add_middleware(ForwardedIdentity, trusted_proxies=settings.trusted_proxies,  # behind a proxy
                       terminal_ca=settings.terminal_ca, sessions=sessions)
    app.add_middleware(IncidentGuard)  # outermost of ours: an unexpected exception anywhere is a 500 answer
    _install_error_handlers(app)
    admin_routes.install(app)

    @app.get(f"{API_PREFIX}/health", response_model=Health)
    def health() -> Health:
        with sessions() as session:
            session.execute(sa.text("SELECT 1"))
        return Health(database=db.dialect.name, version=settings.version)

    @app.post(f"{API_PREFIX}/login", response_model=LoginResponse, responses=_ERRORS)
    def login(request: Request, body: LoginRequest) -> LoginResponse:
        # A failed login must still leave its audit row, so it commits before answering.
        with transaction(sessions) as session:
            try:
                terminal = terminals.terminal_for_request(session, client_cert(request), request.url.path)
                return auth.login(session, body, settings, terminal)
            except PlatformError as e:
                failure = e
        raise failure

    @app.post(f"{API_PREFIX}/logout", responses=_ERRORS)
    def logout(who: Who) -> dict[str, bool]:
        with transaction(sessions) as session:
            auth.logout(session, who)
        return {"ok": True}

    @app.get(f"{API_PREFIX}/diagnostics", responses=_ERRORS)
    def diagnostics(who: Technician) -> dict[str, object]:
        with sessions() as session:
            session.execute(sa.text("SELECT 1"))
        return {
            "version": settings.version,
            "database": db.dialect.name,
            "operations": ops.registry.kinds(),
            "terminal": {"id": who.terminal_id, "kind": who.terminal_kind, "hall": who.hall,
                         "region": who.terminal_region},
        }

    @app.get(f"{API_PREFIX}/apps", response_model=Catalog, responses=_ERRORS)
    def list_apps(who: Who) -> Catalog:
        with sessions() as session:
            return catalog.list_catalog(session)

    @app.post(f"{API_PREFIX}/operations", response_model=OperationView, responses=_ERRORS)
    def start_operation(body: StartOperation, who: Who) -> OperationView:
        policy.require(sessions, who, Service(body.kind))
        return ops.start(who, body)

    @app.post(f"{API_PREFIX}/challenges", response_model=ChallengeBatch, responses=_ERRORS)
    def issue_challenges(body: ChallengeRequest, who: Who) -> ChallengeBatch:
        """Host challenges for this terminal's next starts (issue 15 item 2, ``challenges.py``)."""
        with transaction(sessions) as session:
            return ChallengeBatch(challenges=challenges.issue(session, who.terminal_id, body.count))

    @app.get(f"{API_PREFIX}/operations", response_model=OperationList, responses=_ERRORS)
    def list_operations(
        who: Who,
        state: OperationState | None = None,
        seid: Annotated[str | None, Query(max_length=64, pattern=r"^[0-9A-Fa-f]*$")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> OperationList:
        return OperationList(operations=ops.list(who, state, seid, limit))

    @app.get(f"{API_PREFIX}/operations/{{op_id}}", response_model=OperationView, responses=_ERRORS)
    def get_operation(op_id: OpId, who: Who) -> OperationView:
        return ops.get(who, op_id)

    @app.post(
        f"{API_PREFIX}/operations/{{op_id}}/steps/{{n}}", response_model=OperationView, responses=_ERRORS
    )
    def post_step(op_id: OpId, n: StepNo, body: StepResult, who: Who) -> OperationView:
        # The policy holds for every step, not only the start (an admin sees others' operations).
        policy.require(sessions, who, Service(ops.kind_of(who, op_id)))
        return ops.post_step(who, op_id, n, body)

    @app.post(f"{API_PREFIX}/operations/{{op_id}}/cancel", response_model=OperationView, responses=_ERRORS)
    def cancel_operation(op_id: OpId, who: Who) -> OperationView:
        return ops.cancel(who, op_id)

    @app.post(f"{API_PREFIX}/operations/{{op_id}}/wait", response_model=OperationView, responses=_ERRORS)
    def wait_operation(
        op_id: OpId, who: Who, timeout: Annotated[float, Query(ge=0, le=30)] = 10.0
    ) -> OperationView:
        """Long-poll a queued operation (seed §5.8.8, se_queue.py)."""
        policy.require(sessions, who, Service(ops.get(who, op_id).kind))
        return ops.wait(who, op_id, timeout)

    @app.get(f"{API_PREFIX}/admin/links", response_model=LinkList, responses=_ERRORS)
    def list_links(who: Admin) -> LinkList:
        return LinkList(links=ops.links())

    @app.post(f"{API_PREFIX}/admin/links/{{seid}}/abort", response_model=OperationView, responses=_ERRORS)
    def abort_link(seid: SeId, who: Admin) -> OperationView:
        return ops.abort_link(who, seid)

    @app.get(f"{API_PREFIX}/admin/terminals", responses=_ERRORS)
    def list_terminals(who: Admin) -> dict[str, object]:
        with sessions() as session:
            rows = terminals.list_terminals(session)
        return {"terminals": [
            {"id": t.terminal_id, "kind": t.kind, "hall": t.hall, "region": t.region, "active": t.active}
            for t in rows
        ]}

    @app.post(f"{API_PREFIX}/admin/terminals/{{terminal_id}}/revoke", responses=_ERRORS)
    def revoke_terminal(terminal_id: TerminalId, who: Admin) -> dict[str, object]:
        with transaction(sessions) as session:
            t = terminals.revoke(session, terminal_id, who.operator)
        return {"id": t.terminal_id, "active": t.active}

    @app.get(f"{API_PREFIX}/audit", responses=_ERRORS)
    def read_audit(
        who: Auditor,
        after_id: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> dict[str, object]:
        query = sa.select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id).limit(limit)
        with sessions() as session:
            rows = [
                {"id": r.id, "at": r.at.isoformat(), "actor": r.actor, "event": r.event, "detail": r.detail}
                for r in session.scalars(query)
            ]
        return {"entries": rows}
    from ota.platform.billing import router as billing_router  # issue 10: billing (§5.7.2)
    from ota.platform.tasks import router as tasks_router  # issue 10: tasks, queue, PUSH pull

    app.include_router(tasks_router.build(Admin, Who, sessions, ops), prefix=API_PREFIX)
    app.include_router(billing_router.build(Admin, sessions), prefix=API_PREFIX)

    @app.get(f"{API_PREFIX}/admin/audit/verify", responses=_ERRORS)
    def verify_audit(who: Auditor) -> dict[str, object]:
        with sessions() as session:
            report = audit.verify(session)
        return {"ok": report.ok, "rows": report.rows, "first_bad_id": report.first_bad_id,
                "reason": report.reason}

    return app


def _error_response(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers or None)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(PlatformError)
    async def platform_error(_request: Request, exc: PlatformError) -> JSONResponse:
        if exc.status >= 500:
            incident = new_incident()
            log.error("incident %s: %s", incident, exc.code, exc_info=exc)
            return _error_response(exc.status, exc.body(incident))
        if isinstance(exc, auth.LockedOutError):
            return _error_response(exc.status, exc.body(), {"Retry-After": str(exc.retry_after)})
        return _error_response(exc.status, exc.body())

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Only locations and messages: the rejected input may hold a password.
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
        )
        await run_in_threadpool(_audit_refusal, request, "request.invalid")
        body = ErrorBody(code="request.invalid", detail={"problems": problems})
        return _error_response(422, body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code != 404:
            await run_in_threadpool(_audit_refusal, request, f"http.{exc.status_code}")
        body = ErrorBody(code=f"http.{exc.status_code}", detail={"reason": str(exc.detail)})
        return _error_response(exc.status_code, body)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if busy.is_contention(exc):  # rolled back whole: the same request may come again
            log.warning("database busy: %s %s", request.method, request.url.path)
            return _error_response(503, ErrorBody(code="platform.busy"), {"Retry-After": str(busy.RETRY_AFTER_S)})
        return incident_response(request.method, request.url.path, exc)
    # Any other exception: IncidentGuard (ota/platform/incidents.py), not an ``Exception`` handler,
    # which Starlette would answer from and then re-raise to the server.


def _audit_refusal(request: Request, code: str) -> None:
    """A request refused before any route ran (bad shape, bad method): who sent it, and where."""
    with transaction(request.app.state.sessions) as session:
        audit.record(session, "request.refused", "-", reason=code, path=request.url.path[:200].replace("\x00", ""))
