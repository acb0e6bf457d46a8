"""Sending bill files to BOSS by FTP (seed §5.7.2.4: complete, accurate, timely).

For each bill not yet sent, in order: upload ``<name>.part``, check its size on the server,
rename it to ``<name>`` (so BOSS never reads half a file), then upload ``<name>.sha256``
(``sha256sum`` format) — BOSS takes a bill when its checksum file is there.  A bill is marked
sent in the database only after that.  A failed attempt is retried with back-off; a bill whose
attempts are used up stays "generated" and goes with the next run, also after a restart.  If a
run died after the rename, the next one finds the complete file (same size and checksum) and
only adds the checksum: never a second copy of a bill, never a lost one.
"""

from __future__ import annotations

import ftplib
import hashlib
import io
import logging
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ota.platform.db import transaction, utcnow
from ota.platform.models import Bill

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FtpTarget:
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    directory: str = "/"
    timeout: float = 10.0


class BillSender:
    def __init__(self, sessions: sessionmaker[Session], target: FtpTarget, attempts: int = 3,
                 backoff: float = 0.5) -> None:
        self._sessions = sessions
        self.target = target
        self.attempts = attempts
        self.backoff = backoff

    def send_pending(self) -> list[str]:
        """Send every unsent bill; returns the file names sent in this run."""
        with self._sessions() as session:
            ids = list(session.scalars(sa.select(Bill.id).where(Bill.state == "generated").order_by(Bill.id)))
        sent = []
        for bill_id in ids:
            if self._send_one(bill_id):
                with self._sessions() as session:
                    bill = session.get(Bill, bill_id)
                    assert bill is not None
                    sent.append(bill.file_name)
        return sent

    def _send_one(self, bill_id: int) -> bool:
        with self._sessions() as session:
            bill = session.get(Bill, bill_id)
            assert bill is not None
            name, content, digest = bill.file_name, bill.content, bill.sha256
        for attempt in range(self.attempts):
            try:
                self._upload(name, content, digest)
            except (ftplib.Error, OSError, EOFError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
                log.warning("bill %s: FTP attempt %d failed: %s", name, attempt + 1, error)
                with transaction(self._sessions) as session:
                    bill = session.get(Bill, bill_id)
                    assert bill is not None
                    bill.attempts, bill.last_error = bill.attempts + 1, error
                time.sleep(self.backoff * 2**attempt)
                continue
            with transaction(self._sessions) as session:
                bill = session.get(Bill, bill_id)
                assert bill is not None
                bill.attempts, bill.state, bill.sent_at, bill.last_error = bill.attempts + 1, "sent", utcnow(), None
            return True
        return False

    def _upload(self, name: str, content: bytes, digest: str) -> None:
        t = self.target
        with ftplib.FTP(timeout=t.timeout) as ftp:
            ftp.connect(t.host, t.port)
            ftp.login(t.user, t.password)
            ftp.cwd(t.directory)
            ftp.voidcmd("TYPE I")
            if not self._landed(ftp, name, content, digest):
                part = f"{name}.part"
                ftp.storbinary(f"STOR {part}", io.BytesIO(content))
                if ftp.size(part) != len(content):
                    raise ValueError(f"{part} has the wrong size on the server")
                ftp.rename(part, name)
            checksum = f"{digest}  {name}\n".encode()
            ftp.storbinary(f"STOR {name}.sha256", io.BytesIO(checksum))

    @staticmethod
    def _landed(ftp: ftplib.FTP, name: str, content: bytes, digest: str) -> bool:
        """True when an earlier run already put the complete file there."""
        try:
            if ftp.size(name) != len(content):
                return False
        except ftplib.error_perm:
            return False
        buffer = io.BytesIO()
        ftp.retrbinary(f"RETR {name}", buffer.write)
        return hashlib.sha256(buffer.getvalue()).hexdigest() == digest
