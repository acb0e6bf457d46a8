"""Anything a route lets out unexpectedly answers ``500 internal`` with an incident id, whatever the method.

Starlette sends an ``Exception`` handler's answer from its outermost ServerErrorMiddleware and then
re-raises the exception to the server, which logs the traceback a second time (without the
incident id) and closes the connection: the client's next request on that kept-alive connection
(the terminal's retry of a POST, say) meets a closed socket instead of an answer.  This guard sits
inside it, answers and logs once under the incident id, and raises nothing further.

A response already under way (its headers sent) cannot become a 500 any more: the guard logs the
incident and leaves the response unfinished, so the server closes the connection and the client
sees a broken answer, never a short one that looks complete.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi.responses import JSONResponse

from ota.platform.views import incident_error, new_incident

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]


def incident_response(method: str, path: str, exc: BaseException) -> JSONResponse:
    """Log ``exc`` with its traceback under a fresh incident id; the answer carries the id only."""
    incident = new_incident()
    log.error("incident %s: %s %s", incident, method, path, exc_info=exc)
    return JSONResponse(incident_error(incident).model_dump(mode="json"), status_code=500)


class IncidentGuard:
    """Pure ASGI middleware: the app's unexpected exceptions end here."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as exc:  # noqa: BLE001 - every exception is the point: it becomes an incident
            answer = incident_response(scope.get("method", ""), scope.get("path", ""), exc)
            if not started:
                await answer(scope, receive, send)
