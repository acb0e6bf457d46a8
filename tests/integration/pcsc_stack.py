"""Test harness for the real PC/SC stack: pyscard -> pcscd -> vpcd driver -> VpcdServer -> card.

Reuses a running pcscd when one answers, otherwise starts ``pcscd --foreground --auto-exit`` and
stops it at the end.  Stopping a pcscd we did not start (for the "pcscd down" test) is allowed
only when ``CI`` or ``HALLTERM_PCSC_RESTART_FOREIGN`` is set, because on a shared workstation it
belongs to somebody else.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from app.reader import NoPcscServiceError, ReaderError, list_readers, reader_status
from ota.vse.vpcd import VPCD_PORT, VpcdServer

READERS = ("Virtual PCD 00 00", "Virtual PCD 00 01")
PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
PCSCD_PIDFILE = Path("/run/pcscd/pcscd.pid")
T1_ATR = bytes.fromhex("3B8880010000000000000000000000")  # TD1 says T=1; historical bytes zero
START_TIMEOUT = 10.0
CARD_TIMEOUT = 5.0


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class ScriptedCard:
    """A tiny card for transport tests: ``handler(apdu) -> response`` decides every answer."""

    def __init__(self, handler: Callable[[bytes], bytes] | None = None, atr: bytes = T1_ATR) -> None:
        self.handler = handler or default_handler
        self.atr = atr
        self.received: list[bytes] = []
        self.power: list[str] = []

    def transmit(self, apdu: bytes) -> bytes:
        self.received.append(bytes(apdu))
        return self.handler(bytes(apdu))

    def power_on(self) -> None:
        self.power.append("on")

    def power_off(self) -> None:
        self.power.append("off")

    def reset(self) -> None:
        self.power.append("reset")


def default_handler(apdu: bytes) -> bytes:
    """SELECT -> 9000; GET DATA -> tag echoed in 4 bytes; case 3/4 -> data length; else 6D00."""
    ins = apdu[1]
    if ins == 0xA4:
        return b"\x90\x00"
    if ins == 0xCA:
        return apdu[2:4] * 2 + b"\x90\x00"
    if len(apdu) > 5:
        return len(apdu).to_bytes(2, "big") + b"\x90\x00"
    return b"\x6d\x00"


class T0StyleCard(ScriptedCard):
    """Answers like a T=0 card: 61xx for the response, 6Cxx when Le is wrong."""

    def __init__(self, payload: bytes, chunk: int = 0x40) -> None:
        super().__init__(self._answer)
        self.payload = payload
        self.chunk = chunk
        self._pending = b""

    def _answer(self, apdu: bytes) -> bytes:
        if apdu[1] == 0xC0:  # GET RESPONSE
            le = apdu[4] or 256
            if le > len(self._pending):
                return bytes((0x6C, len(self._pending)))
            piece, self._pending = self._pending[:min(le, self.chunk)], self._pending[min(le, self.chunk):]
            return piece + (self._more() if self._pending else b"\x90\x00")
        if apdu[1] == 0xCA and len(apdu) == 5 and apdu[4] != 0x10:
            return b"\x6c\x10"  # wrong Le: exactly 16 bytes are available
        if apdu[1] == 0xCA:
            return bytes(range(16)) + b"\x90\x00"
        self._pending = self.payload
        return self._more()

    def _more(self) -> bytes:
        return bytes((0x61, min(len(self._pending), self.chunk) & 0xFF))


class PcscStack:
    """pcscd with the vpcd driver, started or reused, and cards served on its slots."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(os.environ.get("HALLTERM_PCSCD_LOG", "/tmp/hallterm-pcscd.log"))

    @property
    def owned(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @staticmethod
    def is_running() -> bool:
        try:
            return all(name in list_readers() for name in READERS)
        except ReaderError:
            return False

    def ensure_running(self) -> None:
        if self.is_running():
            return
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(5)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(["pcscd", "--foreground", "--auto-exit"],
                                        stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        if not wait_until(self.is_running, START_TIMEOUT):
            raise RuntimeError(f"pcscd did not list the vpcd readers within {START_TIMEOUT} s "
                               f"(log: {self.log_path})")

    @staticmethod
    def may_stop_foreign() -> bool:
        return bool(os.environ.get("CI") or os.environ.get("HALLTERM_PCSC_RESTART_FOREIGN"))

    def stop_pcscd(self) -> None:
        """Stop pcscd (ours, or a foreign one when allowed) and wait until it is gone."""
        if self.owned:
            assert self.process is not None
            self.process.terminate()
            self.process.wait(5)
        elif self.is_running():
            if not self.may_stop_foreign():
                raise PermissionError("pcscd belongs to someone else; set CI=1 or "
                                      "HALLTERM_PCSC_RESTART_FOREIGN=1 to allow stopping it")
            os.kill(int(PCSCD_PIDFILE.read_text().split()[0]), signal.SIGTERM)
        if not wait_until(self._service_gone, START_TIMEOUT):
            raise RuntimeError("pcscd did not stop")

    @staticmethod
    def _service_gone() -> bool:
        try:
            list_readers()
        except NoPcscServiceError:
            return True
        return False

    def restart_pcscd(self) -> None:
        self.stop_pcscd()
        self.ensure_running()

    def close(self) -> None:
        if self.owned:
            assert self.process is not None
            self.process.terminate()
            self.process.wait(5)
        self.process = None

    @staticmethod
    def card_present(slot: int) -> bool:
        try:
            return reader_status().get(READERS[slot]) is not None
        except ReaderError:
            return False

    def wait_card(self, slot: int, present: bool = True, timeout: float = CARD_TIMEOUT) -> None:
        if not wait_until(lambda: self.card_present(slot) == present, timeout):
            state = "present" if present else "absent"
            raise TimeoutError(f"card in {READERS[slot]!r} not {state} after {timeout} s")

    def serve(self, card: object, slot: int = 0, wait: bool = True) -> VpcdServer:
        server = VpcdServer(card, port=VPCD_PORT + slot)  # type: ignore[arg-type]
        server.start()
        if wait:
            self.wait_card(slot, True)
        return server
