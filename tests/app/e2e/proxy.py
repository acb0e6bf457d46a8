"""A TCP proxy that cuts its first connections after a number of bytes (a flaky network).

It passes TLS through untouched, so the terminal still verifies the platform's certificate; it
only decides when a connection dies.
"""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    def __init__(self, upstream: tuple[str, int], cut_after: int, cut_connections: int) -> None:
        self.upstream = upstream
        self.cut_after = cut_after
        self.cut_connections = cut_connections
        self.armed = False
        self.connections = 0
        self.cuts = 0
        self.cut_done = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            with self._lock:
                self.connections += 1
                budget = self.cut_after if self.armed and self.cuts < self.cut_connections else None
                if budget is not None:
                    self.cuts += 1
            threading.Thread(target=self._pipe, args=(client, server, budget), daemon=True).start()

    def _pipe(self, client: socket.socket, server: socket.socket, budget: int | None) -> None:
        left = [budget]
        done = threading.Event()

        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while not done.is_set():
                    data = src.recv(4096)
                    if not data:
                        break
                    with self._lock:
                        if left[0] is not None:
                            if left[0] <= len(data):
                                dst.sendall(data[: left[0]])
                                self.cut_done += 1
                                break
                            left[0] -= len(data)
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                done.set()
                for s in (client, server):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    s.close()

        threading.Thread(target=pump, args=(server, client), daemon=True).start()
        pump(client, server)

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
