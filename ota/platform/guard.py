"""Refuse oversized bodies and NUL bytes in the URL before the app sees the request (issue 9 item 8).

A pure ASGI middleware, so a 10 MB body is refused after at most ``max_body_bytes`` have been
read (413 ``request.too_large``) instead of being parsed and stored.  A NUL byte in the path or
the query (``%00``) is refused with 422 ``request.nul``: PostgreSQL cannot store it in text, and
no identifier contains one.  NUL bytes and non-finite numbers inside JSON bodies are refused by
the schemas in ``ota.protocol``.  Each refusal is audited.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

from ota.platform import audit
from ota.platform.db import transaction
from ota.protocol import ErrorBody

Scope = dict[str, Any]
Message = dict[str, Any]


class RequestGuard:
    def __init__(self, app: Any, max_body_bytes: int, sessions: Callable[[], Any]) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        query: bytes = scope.get("query_string", b"")
        if "\x00" in path or b"%00" in query or b"\x00" in query:
            await self._refuse(send, path, 422, "request.nul")
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._too_large(send, receive, path)
            return
        body, complete = bytearray(), False
        while not complete:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; let the app see the disconnect
            body += message.get("body", b"")
            complete = not message.get("more_body", False)
            if len(body) > self.max_body_bytes:
                await self._too_large(send, receive, path, already_complete=complete)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Any, receive: Any, path: str, already_complete: bool = False) -> None:
        # Read and drop (never keep) a bounded amount more, so the client, still sending, gets
        # to read the 413 instead of a reset connection; past that budget the connection closes.
        budget = 16 * self.max_body_bytes
        while not already_complete and budget > 0:
            message = await receive()
            if message["type"] != "http.request":
                break
            budget -= len(message.get("body", b""))
            already_complete = not message.get("more_body", False)
        await self._refuse(
            send,
            path,
            413,
            "request.too_large",
            detail={"max_body_bytes": self.max_body_bytes},
        )

    async def _refuse(
        self, send: Any, path: str, status: int, code: str, detail: dict[str, Any] | None = None
    ) -> None:
        await run_in_threadpool(self._audit, path, code)
        payload = ErrorBody(code=code, detail=detail).model_dump_json().encode()
        await send({
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                        (b"connection", b"close")],
        })
        await send({"type": "http.response.body", "body": payload})

    def _audit(self, path: str, code: str) -> None:
        with transaction(self.sessions) as session:  # type: ignore[arg-type]
            audit.record(session, "request.refused", "-", reason=code, path=json.dumps(path)[1:-1][:200])


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
