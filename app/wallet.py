"""The wallet client (手机钱包客户端, seed §5.8.2.1, §5.8.5) as a headless agent.

On a phone, the wallet client registers an SMS port with the handset; a PUSH SMS for that port
(§5.8.5.3) wakes it, it checks that the SEID in the message is its own SE's, and it pulls the
task by the push serial — pull only, as the seed's note says — then runs the platform's scripts
on its SE exactly as the counter terminal does (``app/relay.py``), pulling again until the
platform says the work behind the serial is finished (an upgrade is delete, then download).

Here the handset is a TCP link to the SMS gateway simulator's handset side (one JSON line
``{"register": msisdn}``, then ``{"sms": {"ud": hex}}`` lines), and the SE is whatever reader
the agent is given: the virtual SE in-process, or a PC/SC reader.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

from app.client import PlatformClient
from app.errors import TerminalError
from app.reader.errors import ReaderError
from app.relay import relay_operation
from app.services.base import ReaderFactory
from app.services.card import OpenCard, connect, release_card
from ota.protocol import CardIdentity, OperationView, StepResult
from ota.push import WALLET_PORT, PullRequest, PushSmsError, PushWork, decode_push

log = logging.getLogger(__name__)

MAX_WAITS = 30
"""How often the agent pulls again while its SE is busy with other work before giving up."""


class WalletLink(PlatformClient):
    """The relay protocol with a push serial instead of a login (``/api/v1/push/*``)."""

    def pull(self, serial: str, card: CardIdentity) -> PushWork:
        self.session.headers["X-Push-Serial"] = serial
        return self._call("POST", "/push/pull", PullRequest(push_serial=serial, card=card), PushWork)

    def post_step(self, op_id: str, result: StepResult) -> OperationView:
        return self._call("POST", f"/push/steps/{result.step}", result, OperationView)

    def cancel(self, op_id: str) -> OperationView:
        return self._call("POST", "/push/cancel", None, OperationView)


@dataclass(frozen=True)
class PushOutcome:
    """What the agent did with one PUSH SMS (``state``: done / failed / cancelled / ignored)."""

    serial_tail: str
    state: str
    reason: str | None = None
    operations: int = 0


@dataclass
class WalletAgent:
    """One handset: its number, and the reader of each SE it carries (one MSISDN may have
    several SEs, §5.5.2 — e.g. an eSE and a SIM); a PUSH goes to the SE its SEID names."""

    msisdn: str
    reader_names: list[str | None]
    readers: ReaderFactory
    link: WalletLink
    handset: tuple[str, int]
    port: int = WALLET_PORT
    wait_s: float | None = None
    """Override of the platform's retry-after while the SE is busy (tests)."""
    outcomes: list[PushOutcome] = field(default_factory=list)
    _sock: socket.socket | None = field(default=None, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    registered: threading.Event = field(default_factory=threading.Event, init=False, repr=False)

    # --- the handset side ----------------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> WalletAgent:
        self._sock = socket.create_connection(self.handset, timeout=timeout)
        self._sock.settimeout(None)
        self._sock.sendall((json.dumps({"register": self.msisdn}) + "\n").encode())
        self._thread = threading.Thread(target=self._listen, name=f"wallet-{self.msisdn}", daemon=True)
        self._thread.start()
        if not self.registered.wait(timeout):
            raise TerminalError("the SMS gateway did not register the handset", {"msisdn": self.msisdn})
        return self

    def stop(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(10)
        self.link.close()  # its kept-alive connections too (app/terminal.py close)

    def _listen(self) -> None:
        assert self._sock is not None
        stream = self._sock.makefile("rb")
        try:
            for line in stream:
                message = json.loads(line)
                if "registered" in message:
                    self.registered.set()
                elif "sms" in message:
                    self.on_sms(bytes.fromhex(message["sms"]["ud"]))
        except (OSError, ValueError):
            log.debug("handset link closed", exc_info=True)
        finally:
            stream.close()

    # --- one PUSH ------------------------------------------------------------------------------------

    def on_sms(self, user_data: bytes) -> PushOutcome | None:
        """Handle one SMS's user data; messages for other ports are not the wallet's business."""
        try:
            sms = decode_push(user_data)
        except PushSmsError as exc:
            log.info("SMS is not a PUSH: %s", exc)
            return None
        if sms.dest_port != self.port:
            return None
        with self._lock:  # one pull at a time: the SE has one link
            outcome = self._serve(sms.seid.hex().upper(), sms.serial_hex)
            self.outcomes.append(outcome)
            return outcome

    def _open_se(self, seid: str) -> OpenCard | None:
        for name in self.reader_names:
            card = connect(self.readers, name)
            if card.identity.seid_hex == seid:
                return card
            release_card(card)
        return None

    def _serve(self, seid: str, serial: str) -> PushOutcome:
        tail = serial[-4:]
        try:
            card = self._open_se(seid)
        except (TerminalError, ReaderError) as exc:
            log.warning("PUSH %s…: the SE cannot be read: %s", tail, exc)
            return PushOutcome(tail, "failed", getattr(exc, "code", "reader.error"))
        if card is None:
            log.warning("PUSH for SE %s, which this phone does not carry: ignored", seid)
            return PushOutcome(tail, "ignored", "push.other_se")
        try:
            identity = card.identity.to_protocol()
            ran, waits = 0, 0
            while True:
                work = self.link.pull(serial, identity)
                if work.state == "running" and work.operation is not None:
                    relay_operation(self.link, card.transport, work.operation)
                    ran += 1
                elif work.state == "waiting" and waits < MAX_WAITS:
                    waits += 1
                    time.sleep(self.wait_s if self.wait_s is not None else work.retry_after_s)
                elif work.state == "running":
                    continue  # between two operations of a sequence: pull the next one
                else:
                    return PushOutcome(tail, work.state, work.reason, ran)
        except (TerminalError, ReaderError) as exc:
            log.warning("PUSH %s… not completed: %s", tail, exc)
            return PushOutcome(tail, "failed", getattr(exc, "code", "wallet.error"))
        finally:
            release_card(card)
