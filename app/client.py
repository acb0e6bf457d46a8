"""The platform client: the relay protocol of ``ota.protocol`` over one ``requests.Session``.

Every call has an explicit time-out.  TLS is verified, against a pinned CA file when the
configuration names one (the demo's self-signed CA, or the operator's private CA).

Retries happen only where the protocol makes them safe:

* posting step *n* again with the same body — the platform answers the stored result;
* starting again with the same idempotency key — the platform returns the same operation;
* reads (GET) and cancel, which change nothing twice.

Login is retried only when the request never left (connection refused), because a second
login would be a second audit record.  The retries are urllib3's ``Retry``, which classifies
failures by exception type (connect / read / other); a certificate the pinned CA refuses is never
retried.  Errors come out typed (:mod:`app.errors`).
"""

from __future__ import annotations

import logging
import ssl
from types import TracebackType
from typing import Any, Self, TypeVar

import requests
from pydantic import BaseModel, RootModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3 import BaseHTTPResponse
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import MaxRetryError
from urllib3.util.retry import Retry

from app.errors import (
    LoginExpiredError,
    LoginFailedError,
    PlatformRefusedError,
    PlatformServerError,
    PlatformUnreachableError,
    ProtocolError,
)
from app.opening import ChallengePool
from ota.protocol import (
    API_PREFIX,
    CardIdentity,
    Catalog,
    CatalogEntry,
    ChallengeBatch,
    ChallengeRequest,
    ErrorBody,
    HostChallenge,
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
QUEUE_POLL_SECONDS = 10.0
"""One long-poll while queued: well inside the read time-out, short enough to notice a cancel."""
RETRIES = 4
"""Retries of a retry-safe call (so at most five attempts)."""
RETRY_BACKOFF = 0.25
"""urllib3's back-off factor: no wait before the first retry, then 0.5, 1, 2 s."""


class _RetryPolicy(Retry):
    """urllib3's Retry, except that a certificate the pinned CA refuses ends the call at once, and
    that running out of retries says how many attempts were made."""

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if error is not None and _certificate_refused(error):
            raise error
        try:
            return super().increment(method, url, response, error, _pool, _stacktrace)
        except MaxRetryError as exc:
            exc.attempts = len(self.history) + 1  # type: ignore[attr-defined]
            raise


def _policy(retries: int, backoff: float, *, after_sent: bool) -> _RetryPolicy:
    """Connection failures are always retried (the request never left); read and other failures
    (the request may have arrived) only when ``after_sent``, for any method: our POSTs are safe."""
    return _RetryPolicy(
        total=None, connect=retries, read=retries if after_sent else False, other=retries if after_sent else 0,
        status=retries if after_sent else 0, status_forcelist=(503,),  # platform.busy: rolled back whole
        redirect=0, allowed_methods=None, raise_on_status=False, backoff_factor=backoff,
        respect_retry_after_header=False,
    )


class PlatformClient:
    """One terminal's link to the platform.  The bearer token stays inside."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session,
        ca_file: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retries: int = RETRIES,
        retry_backoff: float = RETRY_BACKOFF,
        client_cert: tuple[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session
        if client_cert is not None:
            # The terminal's enrolment certificate: the platform knows the terminal by it (mutual TLS).
            session.cert = client_cert
        self.timeout = timeout
        self.retries = retries
        # Two adapters with their retry policy each: one for retry-safe calls, one for login ...
        self._adapters = {
            safe: HTTPAdapter(max_retries=_policy(retries, retry_backoff, after_sent=safe)) for safe in (True, False)
        }
        # ... over one pool of kept-alive connections (the policy goes with each request, not the
        # pool): the TLS connection the login opened carries the first service too, instead of a
        # second handshake (two more round trips) inside it.
        self._adapters[False].poolmanager = self._adapters[True].poolmanager
        # Passed on every request: a session-level ``verify`` loses to REQUESTS_CA_BUNDLE /
        # CURL_CA_BUNDLE in the environment, which would silently un-pin the CA.
        self.verify: str | bool = ca_file or (True if session.verify is None else session.verify)
        self._token: str | None = None
        self.login_info: LoginResponse | None = None
        self.openings = ChallengePool(self.challenges)
        """Host challenges for starts that carry script 1's answers (``app.opening``)."""

    def __repr__(self) -> str:
        return f"PlatformClient({self.base_url!r}, logged_in={self._token is not None})"

    # -- the protocol ---------------------------------------------------------------------

    def login(self, operator: str, password: str, terminal_id: str) -> LoginResponse:
        body = LoginRequest(operator=operator, password=password, terminal_id=terminal_id)
        answer = self._call("POST", "/login", body, LoginResponse, retry=False, login=True)
        self._token = answer.token
        self.login_info = answer
        self.openings.clear()
        return answer

    def challenges(self, count: int) -> list[HostChallenge]:
        """Host challenges issued to this terminal ahead of its starts (issue 15 item 2)."""
        return self._call("POST", "/challenges", ChallengeRequest(count=count), ChallengeBatch).challenges

    def start(self, request: StartOperation) -> OperationView:
        return self._call("POST", "/operations", request, OperationView)

    def post_step(self, op_id: str, result: StepResult) -> OperationView:
        return self._call("POST", f"/operations/{op_id}/steps/{result.step}", result, OperationView)

    def get(self, op_id: str) -> OperationView:
        return self._call("GET", f"/operations/{op_id}", None, OperationView)

    def cancel(self, op_id: str) -> OperationView:
        return self._call("POST", f"/operations/{op_id}/cancel", None, OperationView)

    def wait(self, op_id: str, timeout: float = QUEUE_POLL_SECONDS) -> OperationView:
        """Long-poll a queued operation until it runs or ``timeout`` passes (seed §5.8.8)."""
        return self._call("POST", f"/operations/{op_id}/wait", None, OperationView,
                          params={"timeout": f"{timeout:g}"})

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
            self.close()

    def close(self) -> None:
        """Drop the kept-alive connections (both adapters share one pool): the next call opens a
        new one.  The client stays usable."""
        for adapter in self._adapters.values():
            adapter.close()
        self.session.close()

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

        request = requests.Request(method, url, data=payload, headers=headers, params=params)
        response = self._send(self.session.prepare_request(request), url, retry and not login)
        return self._decode(response, model, login)

    def _send(self, request: requests.PreparedRequest, url: str, safe: bool) -> requests.Response:
        """One call through the adapter whose urllib3 Retry fits it.  A body cut off after the
        headers (urllib3 retries only up to the headers) is sent again here, if ``safe``."""
        adapter = self._adapters[safe]
        for cut in range(self.retries + 1):
            try:
                response = adapter.send(request, timeout=self.timeout, verify=self.verify, cert=self.session.cert)
                response.content  # noqa: B018 - read the body now, inside the try
                return response
            except requests.exceptions.ChunkedEncodingError:
                if not safe or cut == self.retries:
                    raise PlatformUnreachableError(f"no answer from {url}: the answer was cut off",
                                                   {"url": url, "attempts": cut + 1}) from None
                log.info("retrying %s after a cut-off answer", url)
            except requests.RequestException as exc:
                if _certificate_refused(exc):
                    raise PlatformUnreachableError(
                        f"TLS check of {url} failed: {exc}", {"url": url, "tls": True}
                    ) from None
                attempts = _attempts(exc)
                raise PlatformUnreachableError(
                    f"no answer from {url}: {_reason(exc)}", {"url": url, "attempts": attempts}
                ) from None
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
                # The terminal itself refused (its certificate: terminal.*) is worded as such, not
                # as a wrong password; a refused operator stays auth.invalid.
                terminal = error.code if error and error.code.startswith("terminal.") else None
                raise LoginFailedError(error.code if error else "login refused", code=terminal)
            raise LoginExpiredError(error.code if error else "login expired")
        if error:
            raise PlatformRefusedError(error.code, error.params, error.detail, status=status)
        raise PlatformRefusedError(
            f"http.{status}",
            None,
            {"body": response.text[:500]},
            status=status,
        )


def _causes(exc: BaseException) -> list[object]:
    """``exc`` and everything it wraps: causes, contexts, arguments, urllib3's ``reason``."""
    found: list[object] = []
    stack: list[object] = [exc]
    while stack:
        item = stack.pop()
        if item is None or any(item is f for f in found):
            continue
        found.append(item)
        if isinstance(item, BaseException):
            stack += [item.__cause__, item.__context__, *item.args]
        stack.append(getattr(item, "reason", None))
    return found


def _certificate_refused(exc: BaseException) -> bool:
    """True when TLS said no (certificate, host name), as opposed to a connection cut mid-way."""
    return any(isinstance(item, ssl.SSLCertVerificationError) for item in _causes(exc))


def _attempts(exc: BaseException) -> int:
    """How many times the request was tried: urllib3 says so when it ran out of retries."""
    return max((getattr(item, "attempts", 1) for item in _causes(exc) if isinstance(item, MaxRetryError)), default=1)


def _reason(exc: BaseException) -> str:
    """The innermost failure's type name, e.g. ``NewConnectionError`` or ``ReadTimeoutError``."""
    reasons = [item.reason for item in _causes(exc) if isinstance(item, MaxRetryError) and item.reason]
    return type(reasons[0] if reasons else exc).__name__


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
