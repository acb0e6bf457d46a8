"""The PUSH SMS of seed §5.8.5.3: UDH 06 05 04 (TS 23.040 §9.2.3.24.4 16-bit ports), SEID, serial."""

from __future__ import annotations

import pytest

from ota.push import PushSms, PushSmsError, decode_push, encode_push

SEID = bytes.fromhex("86860100000000000001")
SERIAL = bytes(range(16))


def test_layout_byte_for_byte() -> None:
    data = encode_push(PushSms(0x2CF0, 0x2CF1, SEID, SERIAL))
    assert data.hex().upper() == (
        "06" "05" "04" "2CF0" "2CF1"  # UDHL, IEI 05, IEL 04, destination and source ports
        "0A" "86860100000000000001"  # SEID length and SEID
        "000102030405060708090A0B0C0D0E0F"  # push serial
    )
    assert decode_push(data) == PushSms(0x2CF0, 0x2CF1, SEID, SERIAL)


@pytest.mark.parametrize("bad", [
    "0005042CF02CF10A86860100000000000001" + "00" * 16,  # UDHL 00
    "0600042CF02CF10A86860100000000000001" + "00" * 16,  # IEI 00 (concatenation), not ports
    "0605032CF02CF10A86860100000000000001" + "00" * 16,  # IEL 03
    "0605042CF02CF10B86860100000000000001" + "00" * 16,  # SEID length too long for the body
    "0605042CF02CF10A86860100000000000001" + "00" * 15,  # serial one byte short
    "060504",
])
def test_anything_else_is_refused(bad: str) -> None:
    with pytest.raises(PushSmsError):
        decode_push(bytes.fromhex(bad))


def test_serial_must_be_16_bytes() -> None:
    with pytest.raises(PushSmsError):
        encode_push(PushSms(1, 2, SEID, b"\0" * 15))
