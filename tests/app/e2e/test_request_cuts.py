"""The network cut in the request direction after every relay step (issue 15 item 5), end to end.

The real terminal (``app.client`` with its urllib3 retry policy, the journal, the services)
downloads through a TCP proxy that drops the k-th connection before a byte of it reaches the
platform, for every k of the download: the request never arrives, the client sends it again.
The flaky client says ``Connection: close`` so that every request is a connection of its own.
Whatever k: the service succeeds with exactly one operation on the platform, one subscription
and one journal row.  (The answer-direction sweep: tests/platform/test_fault_sweeps.py.)
"""

from __future__ import annotations

import socket
import threading
from datetime import date
from urllib.parse import urlparse

import requests
import sqlalchemy as sa

from app.client import PlatformClient
from app.demo import DemoEnvironment
from app.services.delete import delete
from app.services.download import download
from app.terminal import Terminal
from ota.platform.demo import DEMO_SEIDS
from ota.platform.models import Application, MsisdnBinding, Subscription
from tests.app.e2e.conftest import CLERK, MSISDN

CAP = "JCMemory"


class DroppingProxy:
    """Passes TLS through untouched; the connection numbered ``drop`` is closed on arrival."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream, self.drop, self.connections = upstream, -1, 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            number, self.connections = self.connections, self.connections + 1
            if number == self.drop:
                client.close()
                continue
            server = socket.create_connection(self.upstream)
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._listener.close()


def _download_operations(demo: DemoEnvironment) -> int:
    from ota.platform.models import Operation

    with demo._engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(Operation).where(
            Operation.kind == "download", Operation.seid == DEMO_SEIDS[0])) or 0)


def _subscriptions(demo: DemoEnvironment) -> int:
    with demo._engine.connect() as conn:
        return int(conn.scalar(
            sa.select(sa.func.count()).select_from(Subscription)
            .join(Application, Application.id == Subscription.application_id)
            .join(MsisdnBinding, MsisdnBinding.msisdn == Subscription.msisdn)
            .where(Application.name == CAP, MsisdnBinding.seid == DEMO_SEIDS[0], Subscription.active.is_(True))
        ) or 0)


def test_a_request_lost_on_the_way_is_sent_again(demo: DemoEnvironment, terminal: Terminal) -> None:
    assert demo.config is not None
    up = urlparse(demo.url)
    proxy = DroppingProxy((up.hostname or "127.0.0.1", up.port or 443))
    direct = terminal.client
    flaky = PlatformClient(proxy.url, requests.Session(), ca_file=demo.config.ca_file, timeout=(2, 10),
                           retry_backoff=0.0, client_cert=demo.config.client_cert_pair())
    flaky.session.headers["Connection"] = "close"
    flaky.login(*CLERK, demo.config.terminal_id)
    flaky.openings.refill()  # ahead, so that every download below makes the same requests
    try:
        k, requests_of_a_download = 0, None
        while requests_of_a_download is None or k < requests_of_a_download:
            before = proxy.connections
            proxy.drop = -1 if requests_of_a_download is None else before + k
            operations = _download_operations(demo)
            rows = len(terminal.journal.day(date.today()))
            terminal.client = flaky
            outcome = download(terminal.context(), None, CAP, msisdn=MSISDN)
            terminal.client = direct
            assert outcome.ok, (k, outcome.error)
            assert _download_operations(demo) == operations + 1, k
            assert _subscriptions(demo) == 1, k
            assert len(terminal.journal.day(date.today())) == rows + 1, k
            if requests_of_a_download is None:
                requests_of_a_download = proxy.connections - before  # the dry run, nothing dropped
            else:
                k += 1
            assert delete(terminal.context(), None, CAP).ok
    finally:
        terminal.client = direct
        proxy.close()
    assert requests_of_a_download >= 3  # (challenges,) the start, the steps
