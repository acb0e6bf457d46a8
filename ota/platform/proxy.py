"""A TLS-terminating proxy in front of the platform that keeps the terminal's identity (issue 15 item 3).

Terminals are known by their enrolment client certificate (mutual TLS, ``ota.platform.server``).
Behind a proxy that terminates TLS (deploy/nginx.conf) the platform's TLS peer is the proxy, not
the terminal, so the proxy checks the terminal's certificate against the terminal CA and
forwards it, URL-encoded PEM (nginx's ``$ssl_client_escaped_cert``), in :data:`HEADER`.

The platform believes that header from a trusted proxy only: a connection whose own client
certificate has one of the SHA-256 fingerprints in ``PlatformSettings.trusted_proxies``.  From
anyone else the header is refused (403 ``proxy.untrusted``) and audited, whatever it says.  From
a trusted proxy the forwarded certificate is still checked here — issued by the terminal CA,
within its validity — before the enrolment lookup of ``ota.platform.terminals`` sees it
(403 ``terminal.certificate_invalid``, audited, otherwise); enrolment and revocation then apply
unchanged.  A request from the proxy without the header carries no terminal certificate: the
proxy itself is never a terminal.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding
from starlette.concurrency import run_in_threadpool

from ota.platform import audit
from ota.platform.db import transaction
from ota.platform.server import CLIENT_CERT_SCOPE_KEY
from ota.platform.tls import fingerprint
from ota.protocol import ErrorBody

HEADER = b"x-hallterm-client-cert"
"""The terminal's certificate as the proxy forwards it (deploy/nginx.conf ``proxy_set_header``)."""
ENV_TRUSTED_PROXIES = "HALLTERM_TRUSTED_PROXIES"
ENV_TERMINAL_CA = "HALLTERM_TERMINAL_CA"
MAX_HEADER_BYTES = 16 * 1024
CHECKED_CERTIFICATES = 4096
"""Forwarded certificates whose issuer check a process keeps (about one per terminal)."""


class ForwardedCertificateError(ValueError):
    """The forwarded certificate is unreadable, not from the terminal CA, or out of its validity."""


def proxy_fingerprint(spec: str) -> str:
    """A trusted proxy given as its certificate (a PEM file) or as the certificate's SHA-256 (hex)."""
    text = spec.strip().replace(":", "").lower()
    if len(text) == 64 and all(c in "0123456789abcdef" for c in text):
        return text
    cert = x509.load_pem_x509_certificate(Path(spec).read_bytes())
    return fingerprint(cert.public_bytes(Encoding.DER))


def terminal_cas(path: Path | None) -> tuple[x509.Certificate, ...]:
    """The terminal CA certificate(s) of a PEM file (a bundle when several CAs enrol terminals)."""
    return tuple(x509.load_pem_x509_certificates(path.read_bytes())) if path is not None else ()


def issued_certificate(value: bytes, cas: Iterable[x509.Certificate]) -> x509.Certificate:
    """The certificate in a forwarded header, once it is shown issued by one of ``cas``."""
    try:
        cert = x509.load_pem_x509_certificate(unquote(value.decode("ascii")).encode("ascii"))
    except (UnicodeError, ValueError) as exc:
        raise ForwardedCertificateError("unreadable") from exc
    for ca in cas:
        try:
            cert.verify_directly_issued_by(ca)
            return cert
        except (ValueError, TypeError, InvalidSignature):
            continue
    raise ForwardedCertificateError("unknown_issuer")


def valid_der(cert: x509.Certificate, now: datetime | None = None) -> bytes:
    """The certificate's DER, if ``now`` is within its validity."""
    moment = now or datetime.now(UTC)
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        raise ForwardedCertificateError("expired")
    return cert.public_bytes(Encoding.DER)


def forwarded_certificate(value: bytes, cas: Iterable[x509.Certificate], now: datetime | None = None) -> bytes:
    """The DER of the certificate in a forwarded header: issued by one of ``cas``, valid ``now``."""
    return valid_der(issued_certificate(value, cas), now)


def env_for(trusted: Iterable[str], terminal_ca: Path | None) -> dict[str, str]:
    """What ``platform serve --workers N`` hands its worker processes (see :func:`from_env`)."""
    env = {ENV_TRUSTED_PROXIES: ",".join(sorted(trusted))}
    if terminal_ca is not None:
        env[ENV_TERMINAL_CA] = str(terminal_ca.resolve())
    return env


def from_env() -> dict[str, Any]:
    """``PlatformSettings`` fields for the trusted proxies, read back from :func:`env_for`."""
    trusted = frozenset(f for f in os.environ.get(ENV_TRUSTED_PROXIES, "").split(",") if f)
    ca = os.environ.get(ENV_TERMINAL_CA)
    return {"trusted_proxies": trusted, "terminal_ca": Path(ca) if ca else None}


class ForwardedIdentity:
    """Pure ASGI middleware: the forwarded terminal certificate replaces the proxy's in the scope."""

    def __init__(self, app: Any, trusted_proxies: frozenset[str], terminal_ca: Path | None,
                 sessions: Callable[[], Any]) -> None:
        self.app = app
        self.trusted = trusted_proxies
        self.cas = terminal_cas(terminal_ca) if trusted_proxies else ()
        self.sessions = sessions
        # Each terminal sends the same header on every request: its signature is checked once per
        # process (a refusal is never kept), its validity on every request.
        self._issued = functools.lru_cache(maxsize=CHECKED_CERTIFICATES)(functools.partial(issued_certificate, cas=self.cas))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        peer = ((scope.get("extensions") or {}).get("tls") or {}).get(CLIENT_CERT_SCOPE_KEY)
        forwarded = [value for name, value in scope.get("headers", ()) if name == HEADER]
        from_proxy = bool(self.trusted) and isinstance(peer, bytes) and fingerprint(peer) in self.trusted
        if not forwarded and not from_proxy:  # the usual direct request: nothing to do
            await self.app(scope, receive, send)
            return
        path = json.dumps(str(scope.get("path", "")))[1:-1][:200]  # escaped: a NUL cannot reach the database
        if not from_proxy:
            peer_id = fingerprint(peer) if isinstance(peer, bytes) else "-"
            await self._refuse(send, "proxy.untrusted", "proxy.refused", reason="untrusted", peer=peer_id, path=path)
            return
        terminal: bytes | None = None
        if forwarded:
            try:
                if len(forwarded) != 1 or len(forwarded[0]) > MAX_HEADER_BYTES:
                    raise ForwardedCertificateError("malformed")
                terminal = valid_der(self._issued(forwarded[0]))
            except ForwardedCertificateError as exc:
                await self._refuse(send, "terminal.certificate_invalid", "terminal.refused",
                                   reason="certificate_invalid", why=str(exc), path=path)
                return
        extensions = dict(scope.get("extensions") or {})
        extensions["tls"] = {CLIENT_CERT_SCOPE_KEY: terminal}
        await self.app({**scope, "extensions": extensions}, receive, send)

    async def _refuse(self, send: Any, code: str, event: str, **fields: str) -> None:
        await run_in_threadpool(self._audit, event, fields)
        payload = ErrorBody(code=code).model_dump_json().encode()
        await send({
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": payload})

    def _audit(self, event: str, fields: dict[str, str]) -> None:
        with transaction(self.sessions) as session:  # type: ignore[arg-type]
            audit.record(session, event, "-", **fields)
