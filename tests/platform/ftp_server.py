"""A real FTP server (pyftpdlib) on 127.0.0.1 that fails STOR on purpose, following a plan."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import ThreadedFTPServer


class FlakyFtp:
    """``plan`` is consumed one entry per STOR: "ok", "451" (refuse) or "drop" (cut the link)."""

    def __init__(self, root: Path, user: str = "boss", password: str = "boss-pw") -> None:
        self.root = root
        self.plan: list[str] = []
        self.stored: list[str] = []
        authorizer = DummyAuthorizer()
        authorizer.add_user(user, password, str(root), perm="elradfmw")
        outer = self

        class Handler(FTPHandler):
            def ftp_STOR(self, file: str, mode: str = "w") -> Any:
                step = outer.plan.pop(0) if outer.plan else "ok"
                if step == "451":
                    self.respond("451 Requested action aborted: local error in processing.")
                    return None
                if step == "drop":
                    self.close()
                    return None
                outer.stored.append(Path(file).name)
                return super().ftp_STOR(file, mode)

        Handler.authorizer = authorizer
        Handler.passive_ports = None
        self.server = ThreadedFTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"timeout": 0.1}, daemon=True)

    def start(self) -> FlakyFtp:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.close_all()
        self._thread.join(5)

    def files(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir())
