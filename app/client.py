"""The platform client: the relay protocol of ``ota.protocol`` over one ``requests.Session``.

Every call has an explicit time-out.  TLS is verified, against a pinned CA file when the
configuration names one (the demo's self-signed CA, or the operator's private CA).

Retries happen only where the protocol makes them safe:

* posting step *n* again with the same body — the platform answers the stored result;
* starting again with the same idempotency key — the platform returns the same operation;
* reads (GET) and cancel, which change nothing twice.

Login is retried only when the request never left (connection refused), because a second
login would be a second audit record.  Errors come out typed (:mod:`app.errors`).
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, RootModel, ValidationError

from app.errors import (
    LoginExpiredError,
    LoginFailedError,
    PlatformRefusedError,
    PlatformServerError,
    PlatformUnreachableError,
    ProtocolError,
)
from ota.protocol import (
    API_PREFIX,
    CardIdentity,
    Catalog,
    CatalogEntry,
    ErrorBody,
    LoginRequest,
    LoginResponse,
    OperationList,
    OperationView,
    StartOperation,
    StepResult,
)
from ota.push import PushWork

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

DEFAULT_TIMEOUT = (3.05, 30.0)
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
"""Back-off between attempts of a retry-safe call (so at most five attempts)."""

_DROPPED = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class PlatformClient:
    """One terminal's link to the platform.  The bearer token stays inside."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session,
        ca_file: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        client_cert: tuple[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session
        if client_cert is not None:
            # The terminal's enrolment certificate: the platform knows the terminal by it (mutual TLS).
            session.cert = client_cert
        self.timeout = timeout
        self.retry_delays = retry_delays
        # Passed on every request: a session-level ``verify`` loses to REQUESTS_CA_BUNDLE /
        # CURL_CA_BUNDLE in the environment, which would silently un-pin the CA.
        self.verify: str | bool = ca_file or session.verify
        self._token: str | None = None
        self.login_info: LoginResponse | None = None

    def __repr__(self) -> str:
        return f"PlatformClient({self.base_url!r}, logged_in={self._token is not None})"

    # -- the protocol ---------------------------------------------------------------------

    def login(self, operator: str, password: str, terminal_id: str) -> LoginResponse:
        body = LoginRequest(operator=operator, password=password, terminal_id=terminal_id)
        answer = self._call("POST", "/login", body, LoginResponse, retry=False, login=True)
        self._token = answer.token
        self.login_info = answer
        return answer

    def start(self, request: StartOperation) -> OperationView:
        return self._call("POST", "/operations", request, OperationView)

    def post_step(self, op_id: str, result: StepResult) -> OperationView:
        return self._call("POST", f"/operations/{op_id}/steps/{result.step}", result, OperationView)

    def get(self, op_id: str) -> OperationView:
        return self._call("GET", f"/operations/{op_id}", None, OperationView)

    def cancel(self, op_id: str) -> OperationView:
        return self._call("POST", f"/operations/{op_id}/cancel", None, OperationView)

    def list_operations(self, seid: str | None = None, state: str | None = None) -> list[OperationView]:
        params = {k: v for k, v in (("seid", seid), ("state", state)) if v}
        return self._call("GET", "/operations", None, OperationList, params=params).operations

    def pending_work(self, seid: str) -> list[dict[str, Any]]:
        """The SE's pending task work (seed §5.8.8), for the counter to show."""
        data = self._call("GET", f"/queue/{seid}", None, None)
        if not isinstance(data, list):
            raise ProtocolError("pending work answer is not a list")
        return data

    def run_pending(self, card: CardIdentity) -> PushWork:
        """Start the SE's next pending operation as this operator; relay it like any other."""
        return self._call("POST", "/queue/run", card, PushWork)

    def list_apps(self) -> list[CatalogEntry]:
        return self._call("GET", "/apps", None, Catalog).apps

    def health(self) -> dict[str, Any]:
        data = self._call("GET", "/health", None, None, auth=False)
        if not isinstance(data, dict):
            raise ProtocolError("health answer is not an object")
        return data

    def admin_call(
        self, method: str, path: str, body: dict[str, Any] | None = None, params: dict[str, str] | None = None
    ) -> Any:
        """``/api/v1/admin`` (issue 14): JSON in and out, errors typed as for every call; only GETs retried."""
        payload = RootModel[dict[str, Any]](body) if body is not None else None
        return self._call(method, f"/admin{path}", payload, None, params=params, retry=method == "GET")

    def logout(self) -> None:
        """End the session on the platform too (the token is revoked there), then forget it."""
        try:
            if self._token:
                self._call("POST", "/logout", None, None, retry=False)
        except (PlatformUnreachableError, PlatformRefusedError, LoginExpiredError, LoginFailedError,
                PlatformServerError, ProtocolError) as exc:
            log.info("logout on the platform failed (%s); the token expires by itself", type(exc).__name__)
        finally:
            self._token = None
            self.login_info = None

    # -- plumbing -------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        body: BaseModel | None,
        model: type[M] | None,
        *,
        retry: bool = True,
        login: bool = False,
        auth: bool = True,
        params: dict[str, str] | None = None,
    ) -> Any:
        url = f"{self.base_url}{API_PREFIX}{path}"
        # The body is serialised once: a retry sends exactly the same bytes.
        payload = body.model_dump_json().encode() if body is not None else None
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if auth and self._token and not login:
            headers["Authorization"] = f"Bearer {self._token}"

        def send() -> requests.Response:
            return self.session.request(
                method, url, data=payload, headers=headers, params=params,
                timeout=self.timeout, verify=self.verify,
            )

        response = self._send_with_retry(send, url, retry)
        return self._decode(response, model, login)

    def _send_with_retry(self, send: Callable[[], requests.Response], url: str, retry: bool) -> requests.Response:
        for attempt, delay in enumerate((*self.retry_delays, None)):
            try:
                return send()
            except requests.exceptions.SSLError as exc:
                if _tls_rejected(exc):
                    raise PlatformUnreachableError(
                        f"TLS check of {url} failed: {exc}", {"url": url, "tls": True}
                    ) from None
                if delay is None or not retry:  # a connection cut inside TLS: a drop like any other
                    raise PlatformUnreachableError(f"no answer from {url}: TLS connection lost",
                                                   {"url": url, "attempts": attempt + 1}) from None
                log.info("retrying %s after a TLS connection loss (attempt %d)", url, attempt + 1)
                time.sleep(delay)
            except _DROPPED as exc:
                if delay is None or not (retry or _never_sent(exc)):
                    raise PlatformUnreachableError(
                        f"no answer from {url}: {type(exc).__name__}", {"url": url, "attempts": attempt + 1}
                    ) from None
                log.info("retrying %s after %s (attempt %d)", url, type(exc).__name__, attempt + 1)
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _decode(self, response: requests.Response, model: type[M] | None, login: bool) -> Any:
        status = response.status_code
        if status < 300:
            try:
                data = response.json()
                return model.model_validate(data) if model else data
            except (ValueError, ValidationError) as exc:
                raise ProtocolError(f"unexpected answer from {response.url}: {exc}".splitlines()[0]) from None
        error = _error_body(response)
        if status >= 500:
            incident = error.incident if error else response.headers.get("X-Incident")
            raise PlatformServerError(f"platform error {status}", incident=incident, status=status)
        if status == 401:
            if login or (error and error.code == LoginFailedError.code):
                raise LoginFailedError(error.message_en if error else "login refused")
            raise LoginExpiredError(error.message_en if error else "login expired")
        if error:
            raise PlatformRefusedError(
                error.code, error.message_zh, error.message_en, error.detail, status=status
            )
        raise PlatformRefusedError(
            f"http.{status}",
            f"平台拒绝了请求（HTTP {status}）",
            f"the platform refused the request (HTTP {status})",
            {"body": response.text[:500]},
            status=status,
        )


def _tls_rejected(exc: Exception) -> bool:
    """True when TLS said no (certificate, host name), as opposed to a connection cut mid-way."""
    seen: set[int] = set()
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ssl.SSLCertVerificationError):
            return True
        if isinstance(item, BaseException):
            stack += [item.__cause__, item.__context__, *item.args]
        stack += [getattr(item, "reason", None)]
    text = repr(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "doesn't match" in text


def _never_sent(exc: Exception) -> bool:
    """True when the connection was never made, so the platform cannot have seen the request."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    text = repr(exc)
    return "NewConnectionError" in text or "Connection refused" in text


def _error_body(response: requests.Response) -> ErrorBody | None:
    """The platform's ErrorBody, at the top level or under FastAPI's ``detail`` / ``error``."""
    try:
        data = response.json()
    except ValueError:
        return None
    for candidate in (data, *(data.get(k) for k in ("detail", "error") if isinstance(data, dict))):
        if isinstance(candidate, dict):
            try:
                return ErrorBody.model_validate(candidate)
            except ValidationError:
                continue
    return None
