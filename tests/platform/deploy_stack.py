"""The documented deployment (docs/DEPLOYMENT.md) in reduced form, for tests/platform/test_deploy.py.

``Nginx`` runs the real nginx on the repository's ``deploy/nginx.conf``: the same file, with the
production paths and ports replaced by :func:`render_nginx` (each replacement must match exactly
once, so the test notices when the file changes under it).  ``ProxyPki`` lays out the files that
``deploy/compose.yaml`` mounts as secrets: the public certificate, the terminal CA, the upstream CA
and the proxy's own client certificate, all from the test CA of ``tests/platform/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from ota.platform import tls
from tests.bench.platform_proc import ROOT, free_port
from tests.platform.conftest import shared_pki

NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass(frozen=True)
class ProxyPki:
    """The secrets of deploy/compose.yaml, as files in one folder (the ``/run/secrets`` stand-in)."""

    folder: Path
    proxy_fingerprint: str

    @classmethod
    def make(cls, folder: Path) -> ProxyPki:
        files = shared_pki().files
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(files.server_cert, folder / "public_cert")  # the test CA also signs the public side
        shutil.copy2(files.server_key, folder / "public_key")
        shutil.copy2(files.ca_cert, folder / "terminal_ca")
        shutil.copy2(files.ca_cert, folder / "upstream_ca")
        creds = tls.issue_client_cert(files, "proxy-nginx")
        tls.write_client_credentials(creds, folder / "proxy_cert", folder / "proxy_key")
        return cls(folder, creds.fingerprint)

    @property
    def proxy_cert(self) -> Path:
        return self.folder / "proxy_cert"


def render_nginx(secrets: Path, logs: Path, port: int, upstreams: list[int]) -> str:
    """deploy/nginx.conf with this machine's folders and ports in place of production's."""
    text = NGINX_CONF.read_text()
    servers = "\n        ".join(f"server 127.0.0.1:{p} max_fails=0;" for p in upstreams)
    for production, here in (
        ("/run/secrets/", f"{secrets}/"),
        ("/var/log/nginx/", f"{logs}/"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
        ("server platform:8443 max_fails=0;", servers),
        ("proxy_ssl_name platform;", "proxy_ssl_name localhost;"),  # the test server certificate's name
    ):
        uses = text.count(production)
        assert uses >= 1, f"deploy/nginx.conf no longer has {production!r}: update render_nginx"
        if not production.startswith("/"):
            assert uses == 1, f"deploy/nginx.conf has {production!r} {uses} times"
        text = text.replace(production, here)
    return text


class Nginx:
    """nginx in the foreground on a free port of 127.0.0.1, in front of ``upstreams``."""

    def __init__(self, folder: Path, secrets: Path, upstreams: list[int], ca: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.port = folder, free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.conf = folder / "nginx.conf"
        self.conf.write_text(render_nginx(secrets, folder, self.port, upstreams))
        self.error_log = folder / "error.log"
        self.access_log = folder / "access.log"
        globals_ = f"daemon off; master_process on; pid {folder}/nginx.pid; error_log {self.error_log} info;"
        check = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(self.conf), "-g", globals_],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(self.conf), "-g", globals_],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        self._wait(ca)

    def _wait(self, ca: Path, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.error_log.read_text()[-2000:]}")
            try:
                requests.get(f"{self.url}/api/v1/health", verify=str(ca), timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not answer in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)  # graceful: finish the requests in flight
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def __enter__(self) -> Nginx:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
