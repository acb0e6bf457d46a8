"""VpcdServer against a fake vpcd driver (a local TCP listener): framing without pcscd."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from ota.vse.vpcd import VpcdServer, serve_vpcd
from tests.integration.pcsc_stack import T1_ATR, ScriptedCard


class FakeVpcd:
    """The driver side: listens, and speaks length-prefixed frames to the connected card."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.settimeout(5)
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        self.conn, _ = self.listener.accept()
        self.conn.settimeout(5)

    def send(self, payload: bytes) -> None:
        assert self.conn is not None
        self.conn.sendall(struct.pack("!H", len(payload)) + payload)

    def recv(self) -> bytes:
        assert self.conn is not None
        header = self._exact(2)
        return self._exact(struct.unpack("!H", header)[0])

    def _exact(self, n: int) -> bytes:
        assert self.conn is not None
        buf = b""
        while len(buf) < n:
            chunk = self.conn.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def exchange(self, payload: bytes) -> bytes:
        self.send(payload)
        return self.recv()

    def close_conn(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        self.close_conn()
        self.listener.close()


@pytest.fixture
def vpcd() -> Iterator[FakeVpcd]:
    fake = FakeVpcd()
    yield fake
    fake.close()


def test_atr_control_codes_and_apdus(vpcd: FakeVpcd) -> None:
    card = ScriptedCard()
    with VpcdServer(card, port=vpcd.port) as server:
        vpcd.accept()
        assert server.wait_connected(2)
        assert vpcd.exchange(b"\x04") == T1_ATR
        vpcd.send(b"\x01")
        vpcd.send(b"\x02")
        vpcd.send(b"\x00")
        vpcd.send(b"\x09")  # unknown control: ignored, no answer
        assert vpcd.exchange(bytes.fromhex("80CA9F7F00")) == bytes.fromhex("9F7F9F7F9000")
        big = bytes.fromhex("80E20000000400") + bytes(1024)
        assert vpcd.exchange(big) == (len(big)).to_bytes(2, "big") + b"\x90\x00"
        assert card.power[:3] == ["on", "reset", "off"]
        assert server.apdu_count == 2


def test_card_exception_answers_6f00_and_keeps_serving(vpcd: FakeVpcd) -> None:
    calls = []

    def handler(apdu: bytes) -> bytes:
        calls.append(apdu)
        if len(calls) == 1:
            raise RuntimeError("bug in the card")
        return b"\x90\x00"

    with VpcdServer(ScriptedCard(handler), port=vpcd.port):
        vpcd.accept()
        assert vpcd.exchange(bytes.fromhex("00A4040000")) == b"\x6f\x00"
        assert vpcd.exchange(bytes.fromhex("00A4040000")) == b"\x90\x00"


def test_remove_and_insert_card(vpcd: FakeVpcd) -> None:
    with VpcdServer(ScriptedCard(), port=vpcd.port) as server:
        vpcd.accept()
        server.remove_card()
        with pytest.raises((EOFError, ConnectionError)):
            vpcd.exchange(b"\x04")
        vpcd.close_conn()
        assert not server.connected
        server.insert_card()
        vpcd.accept()
        assert vpcd.exchange(b"\x04") == T1_ATR


def test_card_signalling_removal_disconnects(vpcd: FakeVpcd) -> None:
    class CardRemoved(Exception):
        pass

    def handler(apdu: bytes) -> bytes:
        raise CardRemoved()

    with VpcdServer(ScriptedCard(handler), port=vpcd.port) as server:
        vpcd.accept()
        with pytest.raises((EOFError, ConnectionError)):
            vpcd.exchange(bytes.fromhex("00A4040000"))
        vpcd.close_conn()
        vpcd.listener.settimeout(0.5)
        with pytest.raises(TimeoutError):
            vpcd.accept()  # stays out until inserted again
        server.insert_card()
        vpcd.listener.settimeout(5)
        vpcd.accept()
        assert vpcd.exchange(b"\x04") == T1_ATR


def test_reconnects_when_the_driver_restarts(vpcd: FakeVpcd) -> None:
    with VpcdServer(ScriptedCard(), port=vpcd.port) as server:
        vpcd.accept()
        vpcd.close_conn()  # pcscd went away
        vpcd.accept()  # ...and came back: the server dialled again by itself
        assert vpcd.exchange(b"\x04") == T1_ATR
        assert server.connected


def test_starts_before_the_driver_listens() -> None:
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with VpcdServer(ScriptedCard(), port=port):
        listener = socket.create_server(("127.0.0.1", port))
        listener.settimeout(5)
        conn, _ = listener.accept()
        conn.sendall(b"\x00\x01\x04")
        assert conn.recv(64)[2:] == T1_ATR
        conn.close()
        listener.close()


def test_serve_vpcd_blocks_until_stopped(vpcd: FakeVpcd) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=serve_vpcd, args=(ScriptedCard(), "127.0.0.1", vpcd.port, stop))
    thread.start()
    vpcd.accept()
    assert vpcd.exchange(b"\x04") == T1_ATR
    assert thread.is_alive()
    stop.set()
    thread.join(3)
    assert not thread.is_alive()


def test_stop_closes_the_connection(vpcd: FakeVpcd) -> None:
    server = VpcdServer(ScriptedCard(), port=vpcd.port)
    server.start()
    vpcd.accept()
    server.stop()
    assert vpcd.conn is not None
    assert vpcd.conn.recv(1) == b""
