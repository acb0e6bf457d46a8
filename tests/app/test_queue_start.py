"""The counter's start on a busy SE (one layer: the runner's start, the client stubbed): it asks to
wait in the queue, and when this terminal already has a request waiting it asks the operator
whether to cancel it, then starts again with ``cancel_previous`` or stops."""

from __future__ import annotations

import pytest

from app.errors import Cancelled, PlatformRefusedError
from app.services.base import AutoPrompt
from app.services.runner import _start_in_queue
from app.services.words import Words
from ota import wording
from ota.protocol import CardIdentity, StartOperation

REQUEST = StartOperation(kind="query", card=CardIdentity(atr="3B00", seid="86860100000000000001"),
                         idempotency_key="queue-start-1", wait_in_queue=True)


class _Client:
    def __init__(self) -> None:
        self.sent: list[StartOperation] = []

    def start(self, request: StartOperation) -> str:
        self.sent.append(request)
        if not request.cancel_previous:
            raise PlatformRefusedError("queue.previous_waiting", {"kind": "query", "position": 2},
                                       {"previous": "op-1", "kind": "query", "position": 2}, 409)
        return "started"


class _Ctx:
    def __init__(self, answer: bool) -> None:
        self.client, self.prompt = _Client(), AutoPrompt(answer)


def test_the_operator_cancels_the_waiting_request() -> None:
    ctx = _Ctx(True)
    assert _start_in_queue(ctx, REQUEST) == "started"  # type: ignore[arg-type]
    assert [r.cancel_previous for r in ctx.client.sent] == [False, True]
    assert all(r.wait_in_queue and r.idempotency_key == REQUEST.idempotency_key for r in ctx.client.sent)
    [(kind, words)] = ctx.prompt.asked
    assert kind == "confirm" and words == Words("queue.previous_waiting", {"kind": "query", "position": "2"})
    assert wording.say(words) == "本终端还有一项业务（查询）正在排队，排第 2 位；要办理新的业务请先取消它，或继续等候。"


def test_the_operator_keeps_waiting() -> None:
    ctx = _Ctx(False)
    with pytest.raises(Cancelled):
        _start_in_queue(ctx, REQUEST)  # type: ignore[arg-type]
    assert len(ctx.client.sent) == 1
