"""Reading the card's registry answers (ota/platform/flows/content.py)."""

from __future__ import annotations

import pytest

from ota.gp.apdu import ResponseApdu
from ota.platform.flows.base import FlowError
from ota.platform.flows.content import collect
from ota.platform.flows.secure import Replies


def _replies(status_40: bytes) -> Replies:
    tags = ["status:80:0", "status:40:0"]
    return Replies(tags, [[0x9000], [0x9000]], [ResponseApdu(b"", 0x6A88), ResponseApdu(status_40, 0x9000)], False)


def test_registry_entries_are_collected() -> None:
    entry = bytes.fromhex("E3104F07A00000015141019F700107C50100")
    content = collect(_replies(entry))
    assert [e.aid.hex().upper() for e in content.apps] == ["A0000001514101"]
    assert content.apps[0].life_cycle == 0x07


def test_malformed_get_status_is_a_typed_refusal() -> None:
    with pytest.raises(FlowError) as refused:
        collect(_replies(bytes.fromhex("E30F4F07A0")))  # truncated TLV
    assert refused.value.code == "card.bad_response"
