"""Who is calling: the operator behind the bearer token, at the enrolled terminal behind the TLS
client certificate (issue 9).  One FastAPI dependency for the counter API and the admin API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ota.platform import auth, terminals
from ota.platform.db import reading, transaction
from ota.platform.errors import PlatformError
from ota.platform.server import CLIENT_CERT_SCOPE_KEY
from ota.platform.tls import fingerprint

bearer = HTTPBearer(auto_error=False)


def client_cert(request: Request) -> bytes | None:
    tls = (request.scope.get("extensions") or {}).get("tls") or {}
    der = tls.get(CLIENT_CERT_SCOPE_KEY)
    return der if isinstance(der, bytes) else None


def principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> auth.Principal:
    """The operator behind the token, at the enrolled terminal behind the TLS certificate."""
    state = request.app.state
    token = credentials.credentials if credentials else None
    cert = client_cert(request)
    if cert is not None:  # the usual case: one read, no write lock
        with reading(state.sessions) as session:
            found = auth.authenticate_quietly(session, token, fingerprint(cert), state.settings)
        if found is not None:
            return found
    # A refusal must still leave its audit row, so it commits before answering.
    with transaction(state.sessions) as session:
        try:
            terminal = terminals.terminal_for_request(session, cert, request.url.path)
            return auth.authenticate(session, token, terminal, state.settings)
        except PlatformError as e:
            failure = e
    raise failure
