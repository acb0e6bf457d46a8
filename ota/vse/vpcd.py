"""Serve a virtual card to pcscd through the vsmartcard ``vpcd`` reader driver.

pcscd's vpcd driver listens on TCP (slot *n* on port 35963 + *n*); the virtual card is the
*client*.  Every message is a 2-byte big-endian length followed by the payload.  A one-byte
payload is a control code (:class:`Control`); only GET ATR is answered.  Any other payload is a
command APDU, answered with the response APDU.  Closing the connection is how a card is pulled
out: pcscd then reports the slot empty.

pcscd polls card presence with GET ATR about every 400 ms, so the serving loop never blocks on
anything but the socket.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
from enum import IntEnum
from typing import Protocol

log = logging.getLogger(__name__)

VPCD_PORT = 35963
RECV_TICK = 0.2  # how often a blocked read looks at the stop / remove flags
BACKOFF_FIRST = 0.05
BACKOFF_MAX = 1.0
SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"


class Control(IntEnum):
    """One-byte control payloads sent by vpcd (vsmartcard doc/api.txt)."""

    POWER_OFF = 0x00
    POWER_ON = 0x01
    RESET = 0x02
    GET_ATR = 0x04


class Card(Protocol):
    atr: bytes

    def transmit(self, apdu: bytes) -> bytes: ...
    def power_on(self) -> object: ...  # an ATR or nothing: vpcd reads .atr
    def power_off(self) -> None: ...
    def reset(self) -> object: ...


class _Disconnected(Exception):
    """The connection to vpcd ended: EOF, socket error, removal or stop."""


def is_card_removed(exc: BaseException) -> bool:
    """The card-removal protocol shared with ``app.reader``: a class named ``CardRemoved`` or an
    exception carrying ``card_removed = True`` means the card left the reader."""
    return type(exc).__name__ == "CardRemoved" or getattr(exc, "card_removed", False) is True


class VpcdServer:
    """Connects ``card`` to one vpcd slot from a daemon thread, reconnecting when pcscd restarts.

    ``remove_card()`` pulls the card out (closes the connection and stays away);
    ``insert_card()`` puts it back.  A card raising an exception named ``CardRemoved`` (or with
    ``card_removed = True``) removes itself the same way; any other exception is logged and
    answered ``6F00``.  ``host`` is keyword-only so ``VpcdServer(card, port)`` cannot misplace it.
    """

    def __init__(self, card: Card, port: int = VPCD_PORT, *, host: str = "127.0.0.1") -> None:
        self.card = card
        self.host = host
        self.port = port
        self._stop = threading.Event()
        self._inserted = threading.Event()
        self._inserted.set()
        self._connected = threading.Event()
        self._sock: socket.socket | None = None
        self._sock_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.apdu_count = 0

    # -- public API ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self.serve, args=(self._stop,), name=f"vpcd-{self.port}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._close_socket()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("vpcd thread for port %d did not stop within %.1f s", self.port, timeout)
            self._thread = None

    def remove_card(self) -> None:
        """Pull the card out: pcscd sees an empty slot until :meth:`insert_card`."""
        self._inserted.clear()
        self._close_socket()

    def insert_card(self) -> None:
        self._inserted.set()

    @property
    def connected(self) -> bool:
        """True while a connection to pcscd's vpcd slot is open."""
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def __enter__(self) -> VpcdServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- serving loop ----------------------------------------------------------------------------

    def serve(self, stop: threading.Event) -> None:
        """Serve until ``stop`` is set; blocking.  Reconnects with backoff."""
        self._stop = stop
        backoff = BACKOFF_FIRST
        while not stop.is_set():
            if not self._inserted.is_set():
                self._wait_any(self._inserted, stop)
                continue
            sock = self._connect()
            if sock is None:
                stop.wait(backoff)
                backoff = min(backoff * 2, BACKOFF_MAX)
                continue
            backoff = BACKOFF_FIRST
            log.info("virtual card connected to vpcd at %s:%d", self.host, self.port)
            self._connected.set()
            try:
                self._serve_connection(sock)
            except _Disconnected as why:
                log.info("vpcd connection on port %d ended: %s", self.port, why)
            finally:
                self._connected.clear()
                self._close_socket()
                self._power_off_quietly()
        log.info("vpcd server for port %d stopped", self.port)

    def _connect(self) -> socket.socket | None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=1.0)
        except OSError as exc:
            log.debug("vpcd at %s:%d not reachable: %s", self.host, self.port, exc)
            return None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(RECV_TICK)
        with self._sock_lock:
            self._sock = sock
        if self._stop.is_set() or not self._inserted.is_set():
            self._close_socket()
            return None
        return sock

    def _serve_connection(self, sock: socket.socket) -> None:
        while True:
            (length,) = struct.unpack("!H", self._recv_exact(sock, 2))
            if length == 0:
                raise _Disconnected("empty frame")
            payload = self._recv_exact(sock, length)
            answer = self._handle(payload)
            if answer is not None:
                self._send(sock, answer)

    def _handle(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            return self._control(payload[0])
        self.apdu_count += 1
        log.debug("vpcd C-APDU %s", payload.hex())
        try:
            response = bytes(self.card.transmit(payload))
        except Exception as exc:
            if is_card_removed(exc):
                log.info("virtual card signalled removal on port %d", self.port)
                self._inserted.clear()
                raise _Disconnected("card removed by the card itself") from exc
            log.exception("virtual card failed on an APDU (INS %02X); answering 6F00",
                          payload[1] if len(payload) > 1 else 0)
            return SW_NO_PRECISE_DIAGNOSIS
        log.debug("vpcd R-APDU %s", response.hex())
        return response

    def _control(self, code: int) -> bytes | None:
        if code == Control.GET_ATR:
            return bytes(self.card.atr)
        actions = {Control.POWER_OFF: "power_off", Control.POWER_ON: "power_on",
                   Control.RESET: "reset"}
        if code not in actions:
            log.warning("vpcd sent unknown control code %02X; ignored", code)
            return None
        log.debug("vpcd control %s", Control(code).name)
        try:
            getattr(self.card, actions[Control(code)])()
        except Exception:
            log.exception("virtual card failed on %s", Control(code).name)
        return None

    # -- socket helpers --------------------------------------------------------------------------

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            if self._stop.is_set() or not self._inserted.is_set():
                raise _Disconnected("stopped" if self._stop.is_set() else "card removed")
            try:
                _quick_ack(sock)
                chunk = sock.recv(n - len(buf))
            except TimeoutError:
                continue
            except OSError as exc:
                raise _Disconnected(str(exc)) from exc
            if not chunk:
                raise _Disconnected("pcscd closed the connection")
            buf += chunk
        return bytes(buf)

    def _send(self, sock: socket.socket, payload: bytes) -> None:
        try:
            sock.sendall(struct.pack("!H", len(payload)) + payload)
        except OSError as exc:
            raise _Disconnected(str(exc)) from exc

    def _close_socket(self) -> None:
        with self._sock_lock:
            sock, self._sock = self._sock, None
            self._connected.clear()
        if sock is None:
            return
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed by the peer
        sock.close()

    def _power_off_quietly(self) -> None:
        # A pulled card loses power, whatever vpcd last told it.
        try:
            self.card.power_off()
        except Exception:
            log.exception("virtual card failed on power off")

    @staticmethod
    def _wait_any(event: threading.Event, stop: threading.Event) -> None:
        while not stop.is_set() and not event.wait(RECV_TICK):
            pass


def _quick_ack(sock: socket.socket) -> None:
    # vpcd writes the length and the payload in two small segments; with Nagle on its side and
    # delayed ACK on ours every APDU would wait ~40 ms.  Linux resets QUICKACK, so set it per read.
    quickack = getattr(socket, "TCP_QUICKACK", None)
    if quickack is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        except OSError:
            pass


def serve_vpcd(card: Card, host: str = "127.0.0.1", port: int = VPCD_PORT,
               stop: threading.Event | None = None) -> None:
    """Serve ``card`` on a vpcd slot in the calling thread until ``stop`` is set (forever if None)."""
    VpcdServer(card, port, host=host).serve(stop or threading.Event())
