"""Tiny flows for the engine tests, registered under real operation kinds by the fixtures.

* ``EchoFlow`` (query): step 1 GET DATA CPLC, step 2 GET DATA card data, then done with both
  answers.  It counts its ``advance`` calls so a test can prove a retried step ran once.
* ``BoomFlow`` (lock): step 1 is a SELECT; ``advance`` raises an unexpected exception whose
  message holds a fake key, which must never reach the terminal.
* ``CounterOnlyFlow`` (unlock): like echo, but kiosks may not start it (seed §5.8.4.3).
* ``SwapFlow`` (migrate): asks for the target card, takes its link, runs one script on it.
"""

from __future__ import annotations

import threading
from typing import Any

from ota.platform.flows import (
    Command,
    DoneOutcome,
    FailedOutcome,
    Flow,
    FlowContext,
    FlowRegistry,
    NeedCardOutcome,
    Outcome,
    ScriptOutcome,
)
from ota.protocol import OperationKind, StepResult, TerminalKind

GET_CPLC = bytes.fromhex("80CA9F7F00")
GET_CARD_DATA = bytes.fromhex("80CA006600")
SECRET = "404142434445464748494A4B4C4D4E4F"


class EchoFlow(Flow):
    kind = OperationKind.QUERY

    def __init__(self) -> None:
        self.advance_calls = 0
        self._lock = threading.Lock()

    def start(self, ctx: FlowContext) -> Outcome:
        return ScriptOutcome(
            [Command(GET_CPLC, (0x9000, 0x6A88))], {"at": 1}
        )

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        with self._lock:
            self.advance_calls += 1
        if not result.completed or not result.responses:
            return FailedOutcome("card.status")
        if checkpoint["at"] == 1:
            return ScriptOutcome([Command(GET_CARD_DATA)], {"at": 2, "cplc": result.responses[0]})
        return DoneOutcome({"cplc": checkpoint["cplc"], "card_data": result.responses[0]})


class BoomFlow(Flow):
    kind = OperationKind.LOCK

    def start(self, ctx: FlowContext) -> Outcome:
        return ScriptOutcome([Command(bytes.fromhex("00A4040000"))], {})

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        raise RuntimeError(f"flow bug while holding key {SECRET}")


class CounterOnlyFlow(EchoFlow):
    kind = OperationKind.UNLOCK
    terminal_kinds = frozenset({TerminalKind.COUNTER, TerminalKind.LAPTOP})


class SwapFlow(Flow):
    kind = OperationKind.MIGRATE

    def start(self, ctx: FlowContext) -> Outcome:
        return NeedCardOutcome("target", {"source": ctx.card.seid})

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        if "target" in checkpoint:
            return DoneOutcome({"source": checkpoint["source"], "target": checkpoint["target"]})
        if ctx.card.seid == checkpoint["source"]:
            return FailedOutcome("migrate.same_card")
        ctx.claim_se(ctx.card.seid)
        return ScriptOutcome([Command(GET_CPLC)], {**checkpoint, "target": ctx.card.seid})


def register_all(registry: FlowRegistry) -> None:
    for flow in (EchoFlow(), BoomFlow(), CounterOnlyFlow(), SwapFlow()):
        registry.register(flow)
