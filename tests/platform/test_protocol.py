"""The relay protocol models: hex at the edges, validated and normalised."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ota.protocol import (
    CardIdentity,
    LoginRequest,
    LoginResponse,
    OperationState,
    Role,
    Script,
    ScriptCommand,
    StartOperation,
    StepResult,
    TerminalKind,
)


def test_hex_is_normalised_to_upper_case() -> None:
    card = CardIdentity(atr="3b00", seid="0a0b", cplc="")
    assert (card.atr, card.seid) == ("3B00", "0A0B")
    command = ScriptCommand(apdu="80ca9f7f00", accept=["9000", "6a88"])
    assert command.accept == ["9000", "6A88"]
    assert StepResult(step=1, responses=["9000", "01029000"]).response_bytes() == [b"\x90\x00", b"\x01\x02\x90\x00"]


@pytest.mark.parametrize("bad", ["0", "GG", "12 34", "0x12"])
def test_bad_hex_is_rejected(bad: str) -> None:
    with pytest.raises(ValidationError):
        CardIdentity(atr=bad, seid="01")


@pytest.mark.parametrize("bad", ["900", "61XX", "90000", ""])
def test_status_words_are_exactly_four_hex_digits(bad: str) -> None:
    with pytest.raises(ValidationError):
        ScriptCommand(apdu="00A4040000", accept=[bad])


def test_scripts_and_responses_need_real_apdus() -> None:
    with pytest.raises(ValidationError):
        Script(step=1, commands=[])
    with pytest.raises(ValidationError):
        ScriptCommand(apdu="00")
    with pytest.raises(ValidationError):
        StepResult(step=0)
    with pytest.raises(ValidationError):
        StepResult(step=1, responses=["90"])


def test_start_operation_checks_kind_and_key() -> None:
    card = {"atr": "3B00", "seid": "01"}
    with pytest.raises(ValidationError):
        StartOperation(kind="format", card=card, idempotency_key="k" * 16)
    with pytest.raises(ValidationError):
        StartOperation(kind="query", card=card, idempotency_key="short")
    with pytest.raises(ValidationError):
        StartOperation(kind="query", card=card, idempotency_key="k" * 16, surprise=1)


def test_finished_states() -> None:
    assert {s for s in OperationState if s.finished} == {"done", "failed", "cancelled"}


def test_credentials_stay_out_of_reprs() -> None:
    request = LoginRequest(operator="clerk1", password="s3cret-pw", terminal_id="counter-01")
    response = LoginResponse(
        token="bearer-xyz", expires_at="2030-01-01T00:00:00Z", operator="clerk1",
        role=Role.CLERK, region="GD-GZ", terminal_kind=TerminalKind.COUNTER,
    )
    assert "s3cret-pw" not in repr(request) and "s3cret-pw" not in str(request)
    assert "bearer-xyz" not in repr(response) and "bearer-xyz" not in str(response)
    assert response.model_dump()["token"] == "bearer-xyz"  # still on the wire
