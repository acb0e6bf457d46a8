"""Test doubles for the terminal's core: a scripted card and an in-memory platform."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from app.reader.errors import CardRemovedError
from ota.protocol import (
    CatalogEntry,
    ErrorBody,
    NeedCard,
    OperationKind,
    OperationState,
    OperationView,
    Script,
    ScriptCommand,
    StepResult,
)

NOW = datetime(2026, 1, 1, tzinfo=UTC)
CPLC = bytes(range(42))


class ScriptedCard:
    """Answers by a handler; can be pulled after ``remove_after`` APDUs."""

    def __init__(self, seid: bytes = bytes.fromhex("0102030405060708090A"),
                 handler: Callable[[bytes], bytes] | None = None, remove_after: int | None = None) -> None:
        self.seid = seid
        self.name = "fake reader"
        self.handler = handler
        self.remove_after = remove_after
        self.received: list[bytes] = []
        self.connected = False

    @property
    def atr(self) -> bytes:
        return bytes.fromhex("3B8880010000000000000000000000")

    def connect(self, exclusive: bool = True, protocol: str = "T0|T1") -> None:
        self.connected = True

    def disconnect(self, leave_powered: bool = True) -> None:
        self.connected = False

    def transmit(self, apdu: bytes) -> bytes:
        if self.remove_after is not None and len(self.received) >= self.remove_after:
            raise CardRemovedError("pulled")
        self.received.append(apdu)
        if apdu[1] == 0xA4:
            return b"\x6f\x00\x90\x00"
        if apdu[1] == 0xCA and apdu[2:4] == b"\x9f\x7f":
            return b"\x9f\x7f" + bytes([len(CPLC)]) + CPLC + b"\x90\x00"
        if apdu[1] == 0xCA and apdu[2:4] == b"\x00\x45":
            return b"\x45" + bytes([len(self.seid)]) + self.seid + b"\x90\x00"
        if self.handler:
            return self.handler(apdu)
        return b"\x90\x00"


def script(step: int, *apdus: str, accept: list[str] | None = None) -> Script:
    return Script(step=step, commands=[ScriptCommand(apdu=a, accept=accept or ["9000"]) for a in apdus])


def view(state: OperationState = OperationState.RUNNING, step: int = 1, script_: Script | None = None,
         **extra: Any) -> OperationView:
    return OperationView(id="op-1", kind=OperationKind.LOCK, state=state, step=step, seid="0102030405060708090A",
                         script=script_, created_at=NOW, updated_at=NOW, **extra)


class FakePlatform:
    """Answers post_step from a list of prepared views; records everything it was sent."""

    def __init__(self, answers: list[OperationView], first: OperationView | None = None) -> None:
        self.answers = list(answers)
        self.first = first
        self.posted: list[StepResult] = []
        self.cancelled: list[str] = []
        self.started: list[Any] = []

    def start(self, request: Any) -> OperationView:
        self.started.append(request)
        assert self.first is not None
        return self.first

    def post_step(self, op_id: str, result: StepResult) -> OperationView:
        self.posted.append(result)
        return self.answers.pop(0)

    def cancel(self, op_id: str) -> OperationView:
        self.cancelled.append(op_id)
        return view(OperationState.CANCELLED)

    def list_apps(self) -> list[CatalogEntry]:
        return [CatalogEntry(app_id="wallet", name="Wallet", aid="A0000000041010", title_zh="钱包")]


def failed(code: str = "se_lost") -> OperationView:
    return view(OperationState.FAILED, error=ErrorBody(code=code))


def need_card(role: str = "target", expected: str | None = None, step: int = 2) -> OperationView:
    return view(OperationState.NEED_CARD, step=step,
                need_card=NeedCard(role=role, prompt=f"prompt.place_{role}", seid_expected=expected))
