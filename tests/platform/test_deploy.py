"""The documented deployment (docs/DEPLOYMENT.md, deploy/*) brought up in reduced form: real nginx
on deploy/nginx.conf terminating the terminals' TLS, two ``hallterm platform serve`` processes on
one PostgreSQL behind it over mutual TLS, and a ``hallterm platform worker`` pushing through the
SMS gateway simulator.

The terminal (the real ``app`` client with its enrolment certificate, in-process virtual SE) logs
in through nginx and runs a query, a download and a lock whose steps alternate between the two
processes.  The terminal's identity survives the proxy and cannot be forged around it: the
forwarded-certificate header straight to a platform process is refused and audited, a header a
terminal sends through nginx is dropped, and a terminal with no certificate or one from another CA
is refused with a typed error the terminal words.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
import sqlalchemy as sa

from app.client import PlatformClient
from app.config import TerminalConfig
from app.demo import READERS, DemoEnvironment
from app.errors import LoginFailedError, PlatformRefusedError
from app.reader import InProcessReader
from app.services.download import download
from app.services.lock import lock
from app.services.query import query
from app.terminal import Terminal
from ota.platform import tls
from ota.platform.models import AuditEntry, Operation
from ota.platform.sms.simulator import GatewaySimulator
from ota.push import decode_push
from tests.bench.platform_proc import ROOT, PlatformProcess, seed
from tests.platform.conftest import _fresh_pg_database, shared_pki
from tests.platform.deploy_stack import Nginx, ProxyPki
from ui.errors import describe

pytestmark = pytest.mark.postgres

STEP_LINE = re.compile(r'"POST /api/v1/operations/[^/]+/steps/\d+ HTTP')
CAP, MSISDN = "JCMemory", "13800138000"
SP_ID, SP_SECRET = "901234", "s3cret"


@pytest.fixture(scope="module")
def stack(pg_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One deployment for the module: bringing it up is most of the cost."""
    tmp_path = tmp_path_factory.mktemp("deploy")
    url = _fresh_pg_database(pg_server_url)
    key = tmp_path / "master.key"
    engine, sessions, _keystore = seed(url, key)
    pki = ProxyPki.make(tmp_path / "secrets")
    trust = ["--trusted-proxy", str(pki.proxy_cert)]
    with ExitStack() as running:
        sms = running.enter_context(GatewaySimulator({SP_ID: SP_SECRET}))
        worker = running.enter_context(WorkerProcess(url, key, sms, tmp_path / "worker.log"))
        with ThreadPoolExecutor(2) as starting:  # each waits for its /health: start both at once
            starts = [starting.submit(PlatformProcess, url, key, tmp_path / "tls", extra_args=trust) for _ in "12"]
            one, two = [running.enter_context(start.result()) for start in starts]
        proxy = running.enter_context(Nginx(tmp_path / "nginx", pki.folder, [one.port, two.port],
                                            shared_pki().files.ca_cert))
        running.callback(_stop_together, proxy, [one.process, two.process, worker.process])
        yield {"proxy": proxy, "platforms": (one, two), "sessions": sessions, "sms": sms, "tmp": tmp_path}
    engine.dispose()


def _stop_together(proxy: Nginx, processes: list[subprocess.Popen[bytes]]) -> None:
    """Signal every process at once and then wait (each one's own stop finds it gone)."""
    proxy.stop()
    for process in processes:
        process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            pass  # its own stop kills it


class WorkerProcess:
    """``hallterm platform worker`` (tasks, SMS push) as its own process, as the deployment runs it."""

    def __init__(self, db_url: str, master_key: Path, sms: GatewaySimulator, log: Path) -> None:
        env = {**os.environ, "HALLTERM_CMPP_SECRET": SP_SECRET, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "app.cli", "platform", "worker", "--db", db_url, "--master-key",
                   str(master_key), "--gateway", sms.gateway_url(SP_ID), "--interval", "0.2"]
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)

    def __enter__(self) -> WorkerProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.process.terminate()
        self.process.wait(15)


def _terminal(stack: dict[str, Any], terminal_id: str) -> Terminal:
    cert, key = shared_pki().terminals[terminal_id].pair
    config = TerminalConfig(platform_url=stack["proxy"].url, ca_file=str(shared_pki().files.ca_cert),
                            terminal_id=terminal_id, journal_path=str(stack["tmp"] / f"{terminal_id}.sqlite"),
                            client_cert=cert, client_key=key)
    terminal = Terminal.open(config)
    cards = DemoEnvironment(stack["tmp"] / "cards")
    cards.data_dir.mkdir(exist_ok=True)
    cards._make_cards()  # the demo's own phones, whose keys init_demo put in the platform
    terminal.reader_factory = lambda _name: InProcessReader(cards.cards[READERS[0]], READERS[0])
    return terminal


def _logged(stack: dict[str, Any], text: str) -> bool:
    """Whether nginx's access log says ``text``: nginx writes a request's line when it finalises
    the request, which may come just after the client has read the answer."""
    deadline = time.monotonic() + 5
    while text not in stack["proxy"].access_log.read_text():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _audited(stack: dict[str, Any], event: str) -> list[dict[str, Any]]:
    with stack["sessions"]() as session:
        return [row.detail for row in session.scalars(sa.select(AuditEntry).where(AuditEntry.event == event))]


def test_a_terminal_works_through_nginx_and_keeps_its_identity(stack: dict[str, Any]) -> None:
    terminal = _terminal(stack, "counter-01")
    try:
        terminal.login("clerk1", "pw-clerk1")
        report = query(terminal.context(), None, MSISDN)
        assert report.outcome is not None and report.outcome.ok, report.outcome
        assert download(terminal.context(), None, CAP, msisdn=MSISDN).ok
        locked = lock(terminal.context(), None, CAP)
        assert locked.ok, locked.error
    finally:
        terminal.close()
    # The platform saw the terminal, not nginx: each operation is this terminal's.
    with stack["sessions"]() as session:
        assert set(session.scalars(sa.select(Operation.terminal_id).distinct())) == {"counter-01"}
    served = [len(STEP_LINE.findall(p.log.read_text())) for p in stack["platforms"]]
    assert min(served) >= 2, served  # steps alternated between the two processes behind nginx
    assert _logged(stack, "cert=SUCCESS")


def test_the_forwarded_certificate_is_believed_from_the_proxy_only(stack: dict[str, Any]) -> None:
    files = shared_pki().files
    one = stack["platforms"][0]
    forged = {"X-HallTerm-Client-Cert": quote(shared_pki().terminals["counter-01"].cert.read_text())}
    login = {"operator": "clerk1", "password": "pw-clerk1", "terminal_id": "counter-01"}
    # Straight to a platform process, with another terminal's certificate or none: refused, audited.
    for cert in (shared_pki().terminals["kiosk-01"].pair, None):
        answer = requests.post(f"{one.url}/api/v1/login", json=login, headers=forged, cert=cert,
                               verify=str(files.ca_cert), timeout=10)
        assert answer.status_code == 403 and answer.json()["code"] == "proxy.untrusted", answer.text
    refusals = _audited(stack, "proxy.refused")
    assert len(refusals) == 2 and {r["reason"] for r in refusals} == {"untrusted"}
    assert refusals[0]["peer"] == shared_pki().terminals["kiosk-01"].fingerprint

    # Through nginx without a certificate: the terminal's own header never reaches the platform.
    anonymous = PlatformClient(stack["proxy"].url, requests.Session(), ca_file=str(files.ca_cert))
    anonymous.session.headers.update(forged)
    with pytest.raises(LoginFailedError) as refused:
        anonymous.login("clerk1", "pw-clerk1", "counter-01")
    assert refused.value.code == "terminal.certificate_required"
    assert describe(refused.value, "en").text.startswith("This terminal is not enrolled")


def test_a_certificate_from_another_ca_is_refused_at_nginx_and_audited(stack: dict[str, Any]) -> None:
    stranger_ca = tls.generate(stack["tmp"] / "stranger")
    creds = tls.issue_client_cert(stranger_ca, "counter-01")  # the right name, the wrong issuer
    cert, key = stack["tmp"] / "stranger.pem", stack["tmp"] / "stranger.key"
    tls.write_client_credentials(creds, cert, key)
    client = PlatformClient(stack["proxy"].url, requests.Session(), ca_file=str(shared_pki().files.ca_cert),
                            client_cert=(str(cert), str(key)))
    with pytest.raises(PlatformRefusedError) as refused:
        client.login("clerk1", "pw-clerk1", "counter-01")
    assert refused.value.code == "terminal.certificate_invalid"
    assert refused.value.status == 403
    assert describe(refused.value, "en").text.startswith("This terminal's certificate was not issued by the platform")
    assert _logged(stack, "cert=FAILED")
    # nginx refused it, and the platform checked it again itself: the refusal is in its audit log.
    refusals = [r for r in _audited(stack, "terminal.refused") if r.get("reason") == "certificate_invalid"]
    assert refusals and refusals[-1]["why"] == "unknown_issuer"


def test_the_worker_pushes_a_task_made_through_the_proxy(stack: dict[str, Any]) -> None:
    seid = "86860100000000000001"
    admin = _terminal(stack, "laptop-01")
    try:
        admin.login("admin", "pw-admin")
        task = admin.client.admin_call("POST", "/tasks", {
            "name": "lock through the proxy", "operations": [{"kind": "lock", "params": {"app_id": CAP}}],
            "target": {"type": "seids", "seids": [seid]}})
    finally:
        admin.close()
    deadline = time.monotonic() + 20
    while not stack["sms"].submitted() and time.monotonic() < deadline:
        time.sleep(0.1)
    submitted = stack["sms"].submitted()
    assert len(submitted) == 1, Path(stack["tmp"] / "worker.log").read_text()[-2000:]
    assert decode_push(submitted[0].submit.msg_content).serial_hex
    assert "not scanned" not in Path(stack["tmp"] / "worker.log").read_text()  # it has the key service too
    assert task["task"]["counts"]
