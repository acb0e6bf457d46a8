"""Fixtures for the platform tests: SQLite and PostgreSQL databases, a live HTTPS server.

Mutual TLS: one test CA per test process (:func:`shared_pki`) issues a client certificate to each
of ``TERMINALS``; :func:`seed_people` enrols them (kind, hall, region) and ``Platform.client`` /
``Platform.login`` present the certificate of the terminal they name.

PostgreSQL: ``HALLTERM_TEST_PG_URL`` (a server URL whose user may create databases) when set;
otherwise a throwaway cluster is made with the installed ``initdb`` / ``pg_ctl`` in a temp dir,
run as the ``postgres`` OS user on a free port of 127.0.0.1, and stopped at the end.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
import requests
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import auth, terminals, tls
from ota.platform.api import create_app
from ota.platform.db import make_engine, session_factory, transaction, upgrade
from ota.platform.flows import FlowRegistry
from ota.platform.keystore import SoftwareKeyStore
from ota.platform.server import ServerThread
from ota.platform.settings import PlatformSettings
from ota.protocol import API_PREFIX, Role, TerminalKind
from tests.platform import flows as test_flows

PASSWORDS = {
    "clerk1": ("pw-clerk1", Role.CLERK, "GD-GZ"),
    "clerk2": ("pw-clerk2", Role.CLERK, "GD-GZ"),
    "kiosk1": ("pw-kiosk1", Role.KIOSK, "GD-GZ"),
    "admin": ("pw-admin", Role.ADMIN, "GD-GZ"),
    "tech1": ("pw-tech1", Role.TECHNICIAN, "GD-GZ"),
    "auditor1": ("pw-auditor1", Role.AUDITOR, "GD-GZ"),
    "clerk-sz": ("pw-clerk-sz", Role.CLERK, "GD-SZ"),
}
TERMINALS = {
    "counter-01": TerminalKind.COUNTER,
    "counter-02": TerminalKind.COUNTER,
    "kiosk-01": TerminalKind.KIOSK,
    "laptop-01": TerminalKind.LAPTOP,
    "counter-sz": TerminalKind.COUNTER,
}
TERMINAL_PLACES = {"counter-sz": ("hall-sz", "GD-SZ")}
"""Hall and region of a terminal; the others are in hall-1 of GD-GZ."""


@dataclass(frozen=True)
class TerminalCert:
    cert: Path
    key: Path
    fingerprint: str

    @property
    def pair(self) -> tuple[str, str]:
        """What ``requests`` takes as ``cert=``."""
        return (str(self.cert), str(self.key))


@dataclass(frozen=True)
class Pki:
    files: tls.TlsFiles
    terminals: dict[str, TerminalCert]

    def issue(self, terminal_id: str, directory: Path | None = None) -> TerminalCert:
        """A fresh certificate for ``terminal_id`` from the test CA (not enrolled anywhere)."""
        creds = tls.issue_client_cert(self.files, terminal_id)
        out = directory or self.files.ca_cert.parent / "extra"
        cert = TerminalCert(out / f"{terminal_id}-{creds.serial}.pem", out / f"{terminal_id}-{creds.serial}.key",
                            creds.fingerprint)
        tls.write_client_credentials(creds, cert.cert, cert.key)
        return cert


@functools.cache
def shared_pki() -> Pki:
    """The test CA, server certificate and one client certificate per test terminal (made once)."""
    base = Path(tempfile.mkdtemp(prefix="hallterm-pki-"))
    files = tls.generate(base)
    pki = Pki(files, {})
    for terminal_id in TERMINALS:
        pki.terminals[terminal_id] = pki.issue(terminal_id, base / "terminals")
    return pki




def terminal_cert(terminal_id: str) -> tuple[str, str]:
    return shared_pki().terminals[terminal_id].pair


@functools.cache
def _password_hash(password: str) -> str:
    return auth.hash_password(password)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_cluster(base: Path) -> tuple[str, Callable[[], None]]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = Path(bins[-1]).parent
    data, port = base / "data", _free_port()
    shutil.chown(base, "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_pg, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(
        [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            [*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    given = os.environ.get("HALLTERM_TEST_PG_URL")
    if given:
        yield given
        return
    base = Path(tempfile.mkdtemp(prefix="hallterm-pg-"))
    os.chmod(base, 0o755)
    url, stop = _start_cluster(base)
    try:
        yield url
    finally:
        stop()
        shutil.rmtree(base, ignore_errors=True)


def _fresh_pg_database(server_url: str, template: str | None = None) -> str:
    url = sa.make_url(server_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    # FILE_COPY: a copy of the template's few files, cheaper than WAL-logging every block.
    copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return url.set(database=name).render_as_string(hide_password=False)


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@functools.cache
def _migrated_sqlite_template() -> Path:
    """A SQLite database migrated to head once per test process; tests get a copy of it."""
    path = Path(tempfile.mkdtemp(prefix="hallterm-sqlite-")) / "template.sqlite3"
    _migrate(f"sqlite:///{path}")
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file a test copies
    return path


@functools.cache
def _migrated_pg_template(server_url: str) -> str:
    """A PostgreSQL database migrated to head once per cluster; tests get a copy of it."""
    url = _fresh_pg_database(server_url)
    _migrate(url)
    return str(sa.make_url(url).database)


PLATFORM_FIXTURES = frozenset({"make_platform", "flow_platform", "admin_platform", "hsm_platform"})
"""Fixtures that migrate their database to head before anything else touches it."""


def _wants_migrated_db(request: pytest.FixtureRequest) -> bool:
    """A test that starts a platform gets a database already at head: the platform's own upgrade
    at start is then a no-op, as it would be on a copy migrated there.  Every other test gets an
    empty database (the migration tests run the whole chain on it)."""
    return not PLATFORM_FIXTURES.isdisjoint(request.fixturenames)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    migrated = _wants_migrated_db(request)
    if request.param == "sqlite":
        path = tmp_path / "platform.sqlite3"
        if migrated:
            shutil.copyfile(_migrated_sqlite_template(), path)
        return f"sqlite:///{path}"
    server_url = request.getfixturevalue("pg_server_url")
    return _fresh_pg_database(server_url, _migrated_pg_template(server_url) if migrated else None)


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def tls_files() -> tls.TlsFiles:
    return shared_pki().files


@dataclass
class Platform:
    url: str
    ca: Path
    db: Engine
    sessions: sessionmaker[Session]
    keystore: SoftwareKeyStore
    settings: PlatformSettings
    app: object
    clients: list[requests.Session] = field(default_factory=list)

    def api(self, path: str) -> str:
        return f"{self.url}{API_PREFIX}{path}"

    def client(self, terminal: str | None = "counter-01") -> requests.Session:
        """A TLS session presenting ``terminal``'s enrolled certificate (``None``: no certificate)."""
        client = requests.Session()
        # REQUESTS_CA_BUNDLE in the environment would override the pinned CA (requests #3829).
        client.trust_env = False
        client.verify = str(self.ca)
        if terminal is not None:
            client.cert = terminal_cert(terminal)
        self.clients.append(client)
        return client

    def login(self, operator: str = "clerk1", terminal: str = "counter-01") -> requests.Session:
        client = self.client(terminal)
        password = PASSWORDS[operator][0]
        reply = client.post(
            self.api("/login"), json={"operator": operator, "password": password, "terminal_id": terminal}
        )
        assert reply.status_code == 200, reply.text
        client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
        return client


def seed_people(sessions: sessionmaker[Session]) -> None:
    """The test operators, and the test terminals enrolled with their certificates."""
    with transaction(sessions) as session:
        for name, (password, role, region) in PASSWORDS.items():
            auth.add_operator(session, name, password, role, region, password_hash=_password_hash(password))
    enrol_test_terminals(sessions)


def enrol_test_terminals(sessions: sessionmaker[Session]) -> None:
    """Enrol every test terminal with its certificate from :func:`shared_pki`."""
    pki = shared_pki()
    with transaction(sessions) as session:
        for terminal_id, kind in TERMINALS.items():
            hall, region = TERMINAL_PLACES.get(terminal_id, ("hall-1", "GD-GZ"))
            terminals.bind(session, terminal_id, kind, hall, region, pki.terminals[terminal_id].fingerprint)


@pytest.fixture
def make_platform(db: Engine, tls_files: tls.TlsFiles) -> Iterator[Callable[..., Platform]]:
    servers: list[ServerThread] = []
    platforms: list[Platform] = []

    def make(settings: PlatformSettings | None = None) -> Platform:
        settings = settings or PlatformSettings(lease_ttl=timedelta(minutes=10))
        registry = FlowRegistry()
        test_flows.register_all(registry)
        keystore = _keystore(db)
        app = create_app(db, keystore=keystore, settings=settings, registry=registry)
        seed_people(app.state.sessions)
        server = ServerThread(app, tls=tls_files).start()
        servers.append(server)
        platform = Platform(
            server.url, tls_files.ca_cert, db, app.state.sessions, keystore, settings, app
        )
        platforms.append(platform)
        return platform

    yield make
    for platform in platforms:
        for client in platform.clients:
            client.close()
    for server in servers:
        server.stop()


def _keystore(db: Engine) -> SoftwareKeyStore:
    return SoftwareKeyStore(session_factory(db), os.urandom(32))


@pytest.fixture
def platform(make_platform: Callable[..., Platform]) -> Platform:
    return make_platform()
from tests.platform.hsm_support import softhsm_token  # noqa: E402,F401 - the SoftHSM2 token fixture (issue 13)
