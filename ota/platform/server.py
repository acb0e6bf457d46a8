"""Run the platform app with uvicorn, in the foreground (``platform serve``) or in a thread.

The thread form serves the demo launcher and the tests: real sockets, real TLS, a free port.

With TLS the server requires a client certificate signed by the platform's CA (mutual TLS).
uvicorn does not pass the peer certificate to the app, so :class:`ClientCertProtocol` puts its
DER into the ASGI scope (``scope["extensions"]["tls"]["client_cert_der"]``) for every request on
the connection; ``ota.platform.terminals`` finds the enrolment by its fingerprint.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ota.platform.tls import TlsFiles

CLIENT_CERT_SCOPE_KEY = "client_cert_der"
SHUTDOWN_GRACE_S = 0.5
"""How long a stopping in-process server waits for open connections before it closes them."""


class _WithClientCert:
    """ASGI wrapper for one connection: every request carries the connection's peer certificate."""

    def __init__(self, app: Any, der: bytes | None) -> None:
        self._app = app
        self._der = der

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            extensions = dict(scope.get("extensions") or {})
            extensions["tls"] = {CLIENT_CERT_SCOPE_KEY: self._der}
            scope["extensions"] = extensions
        await self._app(scope, receive, send)


class ClientCertProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol (a C parser), plus the TLS peer certificate in each
    request's scope."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        ssl_object = transport.get_extra_info("ssl_object")
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        self.app = _WithClientCert(self.app, der)


def _config(app: FastAPI, host: str, port: int, tls: TlsFiles | None, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        ssl_certfile=str(tls.server_cert) if tls else None,
        ssl_keyfile=str(tls.server_key) if tls else None,
        # Mutual TLS: a certificate a client presents must come from the platform's CA, or the
        # handshake fails.  A client may present none: every terminal route then refuses it
        # (``terminals.terminal_for_request``, audited); only the phone wallet's push routes,
        # authenticated by their single-use push serial, and /health are open to it (issue 10).
        ssl_ca_certs=str(tls.ca_cert) if tls else None,
        ssl_cert_reqs=ssl.CERT_OPTIONAL if tls else ssl.CERT_NONE,
        # httptools (a C parser) and uvloop: about 1 ms less server CPU per request than
        # h11 on asyncio (tests/bench/bench_request.py).
        http=ClientCertProtocol,
        loop="auto",  # uvloop where it is installed (not on Windows), else asyncio
        timeout_keep_alive=30,
    )


def serve(app: FastAPI, host: str, port: int, tls: TlsFiles | None, log_level: str = "info") -> None:
    uvicorn.Server(_config(app, host, port, tls, log_level)).run()


class ServerThread:
    """uvicorn in a daemon thread; ``port=0`` picks a free port, read it from ``.url``."""

    def __init__(
        self,
        app: FastAPI,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: TlsFiles | None = None,
        log_level: str = "warning",
    ) -> None:
        self._server = uvicorn.Server(_config(app, host, port, tls, log_level))
        self._thread = threading.Thread(target=self._server.run, name="platform-server", daemon=True)
        self._host = host
        self._scheme = "https" if tls else "http"
        self.ca_cert: Path | None = tls.ca_cert if tls else None
        self.tls = tls
        self.port = 0

    @property
    def url(self) -> str:
        return f"{self._scheme}://{self._host}:{self.port}"

    def start(self, timeout: float = 15.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("platform server did not start")
            time.sleep(0.02)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(min(timeout, SHUTDOWN_GRACE_S))  # requests in flight get a moment to finish
        if self._thread.is_alive():
            # uvicorn would otherwise wait out every kept-alive or long-polling connection (a
            # terminal's pool, a queued start waiting its turn): nothing of theirs is half done,
            # each request's transaction commits or rolls back whole.
            self._server.force_exit = True
            self._thread.join(timeout)

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
