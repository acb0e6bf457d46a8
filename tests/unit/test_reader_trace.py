from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.reader import ApduTrace, CardRemovedError, Direction, InProcessReader, TracingTransport
from tests.integration.pcsc_stack import ScriptedCard

KEY_DATA = bytes.fromhex("404142434445464748494A4B4C4D4E4F")


def traced(handler=None) -> tuple[TracingTransport, ApduTrace]:
    trace = ApduTrace()
    return TracingTransport(InProcessReader(ScriptedCard(handler)), trace), trace


def ok(apdu: bytes) -> bytes:
    return b"\x90\x00"


def test_entries_have_direction_name_duration_and_sw_meaning() -> None:
    transport, trace = traced()
    assert transport.transmit(bytes.fromhex("80CA9F7F00")) == bytes.fromhex("9F7F9F7F9000")
    command, response = trace.entries
    assert command.direction is Direction.COMMAND and command.name == "GET DATA"
    assert command.shown == "80CA9F7F 00"
    assert response.direction is Direction.RESPONSE
    assert response.sw == 0x9000 and response.sw_meaning == "success"
    assert response.shown == "9F7F9F7F 9000"
    assert response.duration_ms is not None and response.duration_ms >= 0
    assert command.timestamp <= response.timestamp


def test_put_key_data_is_redacted() -> None:
    transport, trace = traced(ok)
    apdu = bytes.fromhex("80D80181") + bytes((len(KEY_DATA) + 1,)) + b"\x01" + KEY_DATA + b"\x00"
    transport.transmit(apdu)
    command = trace.entries[0]
    assert command.shown == "80D80181 11 <17 bytes redacted> 00"
    assert command.redacted == 17
    assert KEY_DATA.hex().upper() not in trace.to_json().upper()


@pytest.mark.parametrize(("p1", "redacted"), [(0x80, False), (0x00, False), (0xA0, True), (0xE0, True), (0x40, True)])
def test_store_data_redacted_only_with_encryption_bits(p1: int, redacted: bool) -> None:
    transport, trace = traced(ok)
    transport.transmit(bytes((0x80, 0xE2, p1, 0x00, 0x10)) + KEY_DATA)
    assert ("redacted" in trace.entries[0].shown) is redacted
    assert (KEY_DATA.hex().upper() in trace.entries[0].shown) is not redacted


def test_data_under_c_decryption_is_redacted_until_the_session_ends() -> None:
    transport, trace = traced(ok)
    transport.transmit(bytes.fromhex("8050000008") + bytes(8) + b"\x00")
    transport.transmit(bytes.fromhex("8482030010") + bytes(range(16)))  # level 03: C-MAC + C-DEC
    transport.transmit(bytes.fromhex("84E60C0018") + bytes(24) + b"\x00")
    transport.transmit(bytes.fromhex("00A4040000"))
    transport.transmit(bytes.fromhex("84E60C0018") + bytes(24) + b"\x00")
    shown = [e.shown for e in trace.entries if e.direction is Direction.COMMAND]
    assert shown[0] == "80500000 08 0000000000000000 00"  # host challenge is not a key
    assert bytes(range(16)).hex().upper() in shown[1]  # cryptogram + MAC are shown
    assert shown[2] == "84E60C00 18 <24 bytes redacted> 00"
    assert "redacted" not in shown[4]


def test_c_mac_only_session_is_not_redacted() -> None:
    transport, trace = traced(ok)
    transport.transmit(bytes.fromhex("8482010010") + bytes(16))
    transport.transmit(bytes.fromhex("84E60C0008") + bytes.fromhex("1122334455667788"))
    assert "1122334455667788" in trace.entries[-2].shown


def test_failed_external_authenticate_does_not_switch_redaction() -> None:
    transport, trace = traced(lambda apdu: b"\x63\x00")
    transport.transmit(bytes.fromhex("8482030010") + bytes(16))
    transport.transmit(bytes.fromhex("84E60C0008") + bytes.fromhex("1122334455667788"))
    assert "1122334455667788" in trace.entries[-2].shown


def test_export_writes_gppro_style_lines(tmp_path: Path) -> None:
    transport, trace = traced()
    transport.transmit(bytes.fromhex("80CA9F7F00"))
    path = tmp_path / "trace.txt"
    trace.export(path)
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    assert ">> 80CA9F7F 00  # GET DATA" in lines[0]
    assert "<< 9F7F9F7F 9000 (" in lines[1] and lines[1].endswith("# success")


def test_to_json_round_trips() -> None:
    transport, trace = traced()
    transport.transmit(bytes.fromhex("00A4040000"))
    data = json.loads(trace.to_json())
    assert [d["direction"] for d in data] == [">>", "<<"]
    assert data[1]["sw"] == 0x9000


def test_errors_are_recorded_and_re_raised() -> None:
    class CardRemoved(Exception):
        pass

    def gone(apdu: bytes) -> bytes:
        raise CardRemoved()

    transport, trace = traced(gone)
    with pytest.raises(CardRemovedError):
        transport.transmit(bytes.fromhex("80CA9F7F00"))
    assert trace.entries[-1].direction is Direction.ERROR
    assert trace.entries[-1].shown == "reader.card_removed"


def test_malformed_command_is_traced_without_crashing() -> None:
    transport, trace = traced()
    transport.transmit(bytes.fromhex("80CA9F7F0501"))
    assert trace.entries[0].shown.startswith("80CA9F7F <2 bytes unparsed>")


def test_trace_is_bounded() -> None:
    trace = ApduTrace(max_entries=4)
    transport = TracingTransport(InProcessReader(ScriptedCard()), trace)
    for _ in range(5):
        transport.transmit(bytes.fromhex("00A4040000"))
    assert len(trace.entries) == 4
    trace.clear()
    assert trace.entries == []


def test_c_decryption_redaction_is_per_card_when_readers_share_one_trace() -> None:
    """A SELECT on the second reader must not un-redact the first reader's encrypted session."""
    trace = ApduTrace()
    first = TracingTransport(InProcessReader(ScriptedCard(ok)), trace)
    second = TracingTransport(InProcessReader(ScriptedCard(ok)), trace)
    first.transmit(bytes.fromhex("8482030010") + bytes(range(16)))  # level 03: C-MAC + C-DEC
    second.transmit(bytes.fromhex("00A4040000"))
    first.transmit(bytes.fromhex("84E60C0018") + bytes(range(0x40, 0x58)) + b"\x00")
    assert trace.entries[-2].shown == "84E60C00 18 <24 bytes redacted> 00"
