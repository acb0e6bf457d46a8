"""The demo TLS: the pinned CA verifies the server, nothing else does."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
import requests
from cryptography import x509

from ota.platform import tls
from tests.platform.conftest import Platform


def test_certificate_names_localhost_and_loopback(tmp_path: Path) -> None:
    files = tls.generate(tmp_path)
    cert = x509.load_pem_x509_certificate(files.server_cert.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in san.get_values_for_type(x509.DNSName)
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1", "::1"]
    assert files.server_key.stat().st_mode & 0o077 == 0
    assert tls.ensure(tmp_path).server_cert.read_bytes() == files.server_cert.read_bytes()


def test_pinned_ca_verifies_and_others_fail(platform: Platform, tmp_path: Path) -> None:
    assert platform.client().get(platform.api("/health")).status_code == 200
    stranger = requests.Session()
    stranger.trust_env = False
    stranger.verify = str(tls.generate(tmp_path).ca_cert)
    with pytest.raises(requests.exceptions.SSLError):
        stranger.get(platform.api("/health"))
    context = ssl.create_default_context(cafile=str(platform.ca))
    assert context.cert_store_stats()["x509_ca"] == 1
