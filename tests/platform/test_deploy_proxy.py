"""The trusted-proxy identity (ota/platform/proxy.py) on its own: the forwarded certificate's checks,
and the rules over real HTTPS on SQLite (test_deploy.py runs them behind real nginx on PostgreSQL).

A proxy's certificate is believed only as a proxy: what it forwards is a terminal certificate that
must chain to the terminal CA and is then looked up, revoked or not, exactly as if the terminal
had connected itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
import sqlalchemy as sa
import urllib3
from urllib3 import HTTPHeaderDict

from ota.platform import proxy, terminals, tls
from ota.platform.cli import main
from ota.platform.db import transaction
from ota.platform.models import AuditEntry
from ota.platform.settings import PlatformSettings
from tests.platform.conftest import PASSWORDS, Platform, shared_pki


def _pem(terminal_id: str) -> bytes:
    return shared_pki().terminals[terminal_id].cert.read_bytes()


def test_a_forwarded_certificate_must_chain_to_the_terminal_ca(tmp_path: Path) -> None:
    cas = proxy.terminal_cas(shared_pki().files.ca_cert)
    der = proxy.forwarded_certificate(quote(_pem("counter-01").decode()).encode(), cas)
    assert tls.fingerprint(der) == shared_pki().terminals["counter-01"].fingerprint

    stranger = tls.issue_client_cert(tls.generate(tmp_path / "other"), "counter-01")
    later = datetime.now(UTC) + timedelta(days=3650)
    for value, why, now in ((quote(stranger.cert_pem.decode()).encode(), "unknown_issuer", None),
                            (quote(_pem("counter-01").decode()).encode(), "expired", later),
                            (b"-----BEGIN%20CERTIFICATE-----%0Agarbage", "unreadable", None),
                            ("é".encode(), "unreadable", None)):
        with pytest.raises(proxy.ForwardedCertificateError, match=why):
            proxy.forwarded_certificate(value, cas, now)


def test_a_trusted_proxy_is_named_by_its_certificate_or_its_sha256(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["proxy-cert", "--tls-dir", str(shared_pki().files.ca_cert.parent), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    digest = proxy.proxy_fingerprint(str(tmp_path / "proxy.pem"))
    assert f"sha256      {digest}" in printed
    spaced = ":".join(digest[i:i + 2] for i in range(0, 64, 2)).upper()
    assert proxy.proxy_fingerprint(spaced) == digest
    assert (tmp_path / "proxy.key").stat().st_mode & 0o077 == 0
    assert main(["proxy-cert", "--tls-dir", str(tmp_path / "none"), "--out", str(tmp_path)]) == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_behind_a_trusted_proxy_enrolment_and_revocation_apply_unchanged(
    make_platform: Callable[..., Platform], tmp_path: Path,
) -> None:
    proxy_cert = shared_pki().issue("proxy-nginx", tmp_path)  # the CA's, but never enrolled
    platform = make_platform(PlatformSettings(trusted_proxies=frozenset({proxy_cert.fingerprint}),
                                              terminal_ca=shared_pki().files.ca_cert))
    via_proxy = requests.Session()
    via_proxy.trust_env = False  # REQUESTS_CA_BUNDLE would override the pinned CA (requests #3829)
    via_proxy.verify, via_proxy.cert = str(platform.ca), proxy_cert.pair

    def login(terminal_id: str, forwarded: bytes | None) -> requests.Response:
        headers = {"X-HallTerm-Client-Cert": quote(forwarded.decode())} if forwarded else {}
        body = {"operator": "clerk1", "password": PASSWORDS["clerk1"][0], "terminal_id": terminal_id}
        return via_proxy.post(platform.api("/login"), json=body, headers=headers, timeout=10)

    assert login("counter-01", _pem("counter-01")).status_code == 200
    # The proxy is no terminal: without the header its own certificate names nobody.
    refused = login("counter-01", None)
    assert refused.status_code == 401 and refused.json()["code"] == "terminal.certificate_required"
    assert via_proxy.get(platform.api("/health"), timeout=10).status_code == 200
    # An enrolled terminal's certificate from the right CA, then revoked: refused as if direct.
    with transaction(platform.sessions) as session:
        terminals.revoke(session, "counter-02")
    refused = login("counter-02", _pem("counter-02"))
    assert refused.status_code == 403 and refused.json()["code"] == "terminal.revoked"
    # A certificate of the CA that is not enrolled (the proxy's own, forwarded): unknown.
    refused = login("counter-01", proxy_cert.cert.read_bytes())
    assert refused.status_code == 403 and refused.json()["code"] == "terminal.unknown"
    # Two headers: which one would be the terminal? Neither.
    headers = HTTPHeaderDict()
    for terminal_id in ("counter-01", "kiosk-01"):
        headers.add("X-HallTerm-Client-Cert", quote(_pem(terminal_id).decode()))
    with urllib3.PoolManager(ca_certs=str(platform.ca), cert_file=proxy_cert.pair[0],
                             key_file=proxy_cert.pair[1]) as pool:
        two = pool.request("POST", platform.api("/login"), body=b"{}", headers=headers, timeout=10)
    assert two.status == 403 and json.loads(two.data)["code"] == "terminal.certificate_invalid"
    # The header from a terminal (not the proxy), on a path with a NUL: refused and audited all the same.
    direct = requests.Session()
    direct.trust_env, direct.verify, direct.cert = False, str(platform.ca), shared_pki().terminals["counter-01"].pair
    answer = direct.get(platform.api("/apps%00"), headers={"X-HallTerm-Client-Cert": "x"}, timeout=10)
    assert answer.status_code == 403 and answer.json()["code"] == "proxy.untrusted"
    with platform.sessions() as session:
        reasons = [e.detail.get("reason") for e in session.scalars(
            sa.select(AuditEntry).where(AuditEntry.event == "terminal.refused"))]
    assert reasons == ["no_certificate", "revoked", "unknown_certificate", "certificate_invalid"]
    with platform.sessions() as session:
        untrusted = session.scalars(sa.select(AuditEntry).where(AuditEntry.event == "proxy.refused")).one()
    assert untrusted.detail["peer"] == shared_pki().terminals["counter-01"].fingerprint
