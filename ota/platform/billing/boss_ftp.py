"""A local FTP server standing in for BOSS's bill inbox (demo): pyftpdlib on 127.0.0.1."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import ThreadedFTPServer

from ota.platform.billing.ftp import FtpTarget


class LocalBossFtp:
    def __init__(self, inbox: Path, user: str = "boss") -> None:
        inbox.mkdir(parents=True, exist_ok=True)
        self.inbox = inbox
        password = secrets.token_urlsafe(12)  # per run; only this process knows it
        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, str(inbox), perm="elradfmw")
        handler = type("BossHandler", (FTPHandler,), {"authorizer": authorizer, "banner": "BOSS bill inbox"})
        self.server = ThreadedFTPServer(("127.0.0.1", 0), handler)
        self.target = FtpTarget("127.0.0.1", int(self.server.address[1]), user, password)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)

    def start(self) -> LocalBossFtp:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.close_all()
        self._thread.join(5)
