"""The platform's private CA: the server certificate and the enrolled terminals' client certificates.

The terminal pins the CA certificate (``requests`` ``verify=ca.pem``), so the demo runs on real
TLS without touching the system trust store.  The same CA signs each enrolled terminal's client
certificate (:func:`issue_client_cert`); the server requires one (mutual TLS), and the
platform looks the terminal up by the certificate's SHA-256 fingerprint.  Production
deployments bring their own server certificate (``platform serve --cert --key``) and keep the CA
key (``ca.key``, 0600) for enrolment.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class TlsFiles:
    ca_cert: Path
    server_cert: Path
    server_key: Path
    ca_key: Path | None = None
    """The CA's private key, needed to enrol terminals; absent where only the server runs."""


@dataclass(frozen=True)
class ClientCredentials:
    """What an enrolment hands the terminal: its certificate and private key (PEM)."""

    cert_pem: bytes
    key_pem: bytes = field(repr=False)
    fingerprint: str
    serial: int


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "HallTerm demo"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _san(hosts: tuple[str, ...]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def fingerprint(der: bytes) -> str:
    """The SHA-256 of a certificate's DER: how the platform knows an enrolled terminal."""
    return hashlib.sha256(der).hexdigest()


def generate(out_dir: Path, hosts: tuple[str, ...] = DEFAULT_HOSTS, days: int = 825) -> TlsFiles:
    """Write ``ca.pem``, ``ca.key``, ``server.pem`` and ``server.key`` (keys 0600) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=5)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("HallTerm demo CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_san(hosts), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    files = files_in(out_dir)
    files.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.server_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    _write_private(files.server_key, _key_pem(key))
    assert files.ca_key is not None
    _write_private(files.ca_key, _key_pem(ca_key))
    return files


def files_in(out_dir: Path) -> TlsFiles:
    return TlsFiles(out_dir / "ca.pem", out_dir / "server.pem", out_dir / "server.key", out_dir / "ca.key")


def exists(out_dir: Path) -> bool:
    files = files_in(out_dir)
    return all(p is not None and p.exists() for p in (files.ca_cert, files.server_cert, files.server_key, files.ca_key))


def ensure(out_dir: Path, hosts: tuple[str, ...] = DEFAULT_HOSTS) -> TlsFiles:
    """Reuse the files in ``out_dir`` when all four exist, else generate them."""
    return files_in(out_dir) if exists(out_dir) else generate(out_dir, hosts)


def issue_client_cert(files: TlsFiles, terminal_id: str, days: int = 825) -> ClientCredentials:
    """A fresh key pair and a client certificate for ``terminal_id``, signed by the CA.

    The certificate names the terminal (CN) and nothing else: kind, hall and region live in the
    enrolment row the platform finds by the fingerprint, so they cannot be forged in the cert.
    """
    if files.ca_key is None or not files.ca_key.exists():
        raise FileNotFoundError("the CA key (ca.key) is needed to enrol a terminal")
    ca_cert = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    ca_key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise ValueError("the CA key is not an EC key")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC) - timedelta(minutes=5)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(terminal_id))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    return ClientCredentials(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=_key_pem(key),
        fingerprint=fingerprint(der),
        serial=cert.serial_number,
    )


def write_client_credentials(creds: ClientCredentials, cert_path: Path, key_path: Path) -> None:
    """The terminal's side of an enrolment: the certificate, and the key readable by its owner only."""
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.write_bytes(creds.cert_pem)
    _write_private(key_path, creds.key_pem)
    os.chmod(key_path, 0o600)
