"""Conversions at the edge of the engine: rows to protocol views, hashes, incident errors."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from ota.platform.models import Operation
from ota.protocol import ErrorBody, NeedCard, OperationKind, OperationState, OperationView, Script


def request_hash(model: Any) -> str:
    body = json.dumps(model.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def new_incident() -> str:
    return uuid.uuid4().hex[:12].upper()


def incident_error(incident: str) -> ErrorBody:
    return ErrorBody(code="internal", incident=incident)


_PROSE = ("message_zh", "message_en", "note_zh", "note_en")


def _without_prose(stored: dict[str, Any]) -> dict[str, Any]:
    """A row written before codes-only errors and scripts still reads: its prose is dropped, a prompt named."""
    kept = {k: v for k, v in stored.items() if k not in _PROSE}
    if "role" in kept and "prompt" not in kept:
        kept["prompt"] = f"prompt.place_{kept['role']}"
    return kept


def to_view(op: Operation) -> OperationView:
    return OperationView(
        id=op.id,
        kind=OperationKind(op.kind),
        state=OperationState(op.state),
        step=op.step,
        seid=op.seid,
        script=Script.model_validate(_without_prose(op.script)) if op.script else None,
        result=op.result,
        error=ErrorBody.model_validate(_without_prose(op.error)) if op.error else None,
        need_card=NeedCard.model_validate(_without_prose(op.need_card)) if op.need_card else None,
        created_at=op.created_at,
        updated_at=op.updated_at,
    )


def json_only(value: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through JSON so a checkpoint that would not survive storage fails now."""
    return json.loads(json.dumps(value))
