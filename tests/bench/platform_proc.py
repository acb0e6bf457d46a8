"""The platform in processes of its own, for the benchmarks and the multi-process tests.

``PlatformProcess`` runs the real ``hallterm platform serve`` (``--workers N``) on a free port,
waits for ``/health``, and reads the server's CPU time (its own and its workers') from /proc.
``seed`` fills a database with the test operators, terminals and the demo catalog first.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import requests
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ota.platform import tls
from ota.platform.db import make_engine, session_factory, upgrade
from ota.platform.demo import init_demo
from ota.platform.keystore import SoftwareKeyStore, load_master_key
from ota.protocol import API_PREFIX
from tests.platform.conftest import seed_people, shared_pki

ROOT = Path(__file__).resolve().parents[2]
CAPS = ROOT / "resources" / "caps"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(db_url: str, master_key: Path) -> tuple[Engine, sessionmaker[Session], SoftwareKeyStore]:
    """Migrate and fill ``db_url`` as the platform tests do; returns handles for the card bindings."""
    engine = make_engine(db_url)
    upgrade(engine)
    sessions = session_factory(engine)
    keystore = SoftwareKeyStore(sessions, load_master_key(master_key))
    seed_people(sessions)
    init_demo(sessions, keystore, CAPS)
    keystore.add_key_set("platform-token", 0x70, os.urandom(16), os.urandom(16), os.urandom(16))
    return engine, sessions, keystore


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and its live children (uvicorn's workers), from /proc."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1] is the parent pid
            total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return total


class PlatformProcess:
    """``hallterm platform serve`` in a child process, over HTTPS with the files in ``tls_dir``."""

    def __init__(self, db_url: str, master_key: Path, tls_dir: Path, workers: int = 1,
                 extra_args: Sequence[str] = ()) -> None:
        # The server's CA is the shared test CA, which issued the certificates of the terminals
        # that ``seed`` enrols (mutual TLS); ``tls_dir`` receives a copy of it.
        shared = shared_pki().files
        tls_dir.mkdir(parents=True, exist_ok=True)
        for source in shared.ca_cert.parent.iterdir():
            if source.is_file():
                shutil.copy2(source, tls_dir / source.name)
        self.port = free_port()
        self.tls = tls.ensure(tls_dir)
        self.url = f"https://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-c", "import sys; from ota.platform.cli import main; sys.exit(main())",
            "serve", "--db", db_url, "--master-key", str(master_key), "--self-signed", str(tls_dir),
            "--port", str(self.port), "--workers", str(workers), *extra_args,
        ]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        env.pop("HALLTERM_MASTER_KEY", None)
        self.log = tls_dir / f"platform-{self.port}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        self._wait_healthy(workers)

    def _wait_healthy(self, workers: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"platform exited: {self.log.read_text()[-2000:]}")
            try:
                ok = requests.get(f"{self.url}{API_PREFIX}/health", verify=str(self.tls.ca_cert), timeout=2).ok
            except requests.RequestException:
                ok = False
            if ok and (workers == 1 or self.log.read_text().count("Application startup complete") >= workers):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("platform did not answer /health in time")

    @property
    def pid(self) -> int:
        return self.process.pid

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def kill(self) -> None:
        """SIGKILL, no clean-up: what a crash or an OOM kill does."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> PlatformProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
