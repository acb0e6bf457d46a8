"""Conversions at the edge of the engine: rows to protocol views, hashes, incident errors."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from ota.platform.models import Operation
from ota.protocol import (
    MAX_STEP,
    ErrorBody,
    NeedCard,
    OperationKind,
    OperationState,
    OperationView,
    Script,
    ScriptCommand,
)


def request_hash(model: Any) -> str:
    body = json.dumps(model.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def new_incident() -> str:
    return uuid.uuid4().hex[:12].upper()


def incident_error(incident: str) -> ErrorBody:
    return ErrorBody(code="internal", incident=incident)


MAX_APDU = 65_546
"""The longest command APDU the schema takes (``ota.protocol.Apdu``: extended length)."""

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
        script=stored_script(op.script) if op.script else None,
        result=op.result,
        error=ErrorBody.model_validate(_without_prose(op.error)) if op.error else None,
        need_card=NeedCard.model_validate(_without_prose(op.need_card)) if op.need_card else None,
        created_at=op.created_at,
        updated_at=op.updated_at,
    )


def stored_script(stored: dict[str, Any]) -> Script:
    """A script as the platform stored it (:func:`script_row`), back as the model without
    validating it again: it is the platform's own, not the terminal's, and validating a
    download's few hundred LOAD blocks costs more than the rest of the step (issue 15 item 1)."""
    return Script.model_construct(
        step=stored["step"],
        commands=[ScriptCommand.model_construct(apdu=c["apdu"], accept=c["accept"]) for c in stored["commands"]],
        load_blocks=stored.get("load_blocks", 0),
    )


def script_row(step: int, commands: list[tuple[bytes, tuple[int, ...]]], load_blocks: int) -> dict[str, Any]:
    """A script the platform sends, as stored in the operation row: what ``Script`` would hold
    (upper-case hex, four-digit status words), built from bytes so it is valid by construction;
    the checks are the schema's that bytes alone do not guarantee."""
    if not 1 <= step <= MAX_STEP or not commands or load_blocks < 0:
        raise ValueError(f"a script of step {step} with {len(commands)} commands and {load_blocks} LOAD blocks")
    rows = []
    for apdu, accept in commands:
        if not 2 <= len(apdu) <= MAX_APDU or not accept or not all(0 <= sw <= 0xFFFF for sw in accept):
            raise ValueError(f"a command of {len(apdu)} bytes accepting {accept}")
        rows.append({"apdu": apdu.hex().upper(), "accept": [f"{sw:04X}" for sw in accept]})
    return {"step": step, "commands": rows, "load_blocks": load_blocks}


def json_only(value: dict[str, Any]) -> dict[str, Any]:
    """Round-trip through JSON so a checkpoint that would not survive storage fails now."""
    return json.loads(json.dumps(value))
