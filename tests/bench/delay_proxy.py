"""A TCP proxy on loopback that delays every byte by half an RTT in each direction.

Bytes keep their order and arrive ``rtt / 2`` after they were read, however many are in flight
(a queue per direction, not a sleep per read), so one HTTP round trip costs one RTT more, and a
large answer is not charged once per TCP segment.
"""

from __future__ import annotations

import queue
import socket
import threading
import time


class DelayProxy:
    def __init__(self, upstream: tuple[str, int], rtt: float) -> None:
        self.upstream, self.half = upstream, rtt / 2
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True, name="delay-proxy").start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._sockets.append(s)
            for src, dst in ((client, server), (server, client)):
                lane: queue.Queue[tuple[float, bytes]] = queue.Queue()
                threading.Thread(target=self._read, args=(src, lane), daemon=True).start()
                threading.Thread(target=self._write, args=(dst, lane), daemon=True).start()

    def _read(self, src: socket.socket, lane: queue.Queue[tuple[float, bytes]]) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            lane.put((time.monotonic() + self.half, data))
            if not data:
                return

    def _write(self, dst: socket.socket, lane: queue.Queue[tuple[float, bytes]]) -> None:
        while True:
            due, data = lane.get()
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                if not data:
                    dst.shutdown(socket.SHUT_WR)
                    return
                dst.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self._closed.set()
        self._listener.close()
        for s in self._sockets:
            try:
                s.close()
            except OSError:
                pass

    def __enter__(self) -> DelayProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
