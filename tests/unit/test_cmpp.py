"""CMPP 2.0 PDUs byte for byte (China Mobile CMPP v2.0 §7.4: CONNECT, SUBMIT and their answers)."""

from __future__ import annotations

from datetime import datetime

import pytest

from ota.platform.sms import cmpp


def test_connect_pdu_and_authenticator() -> None:
    request = cmpp.Connect.make("901234", "s3cret", datetime(2026, 12, 1, 22, 33, 44))
    # AuthenticatorSource = MD5("901234" + 9 x 00 + "s3cret" + "1201223344")
    assert request.authenticator.hex().upper() == "C30814DA2343366412FEA54BFFF2A0C1"
    frame = cmpp.pdu(cmpp.CONNECT, 1, request.encode())
    assert frame.hex().upper() == (
        "00000027" "00000001" "00000001"  # Total_Length 39, CMPP_CONNECT, Sequence_Id 1
        + b"901234".hex().upper()  # Source_Addr, 6 octets
        + "C30814DA2343366412FEA54BFFF2A0C1"  # AuthenticatorSource
        + "20"  # Version 2.0
        + "479936B0"  # Timestamp 1201223344 as an integer
    )
    assert cmpp.Connect.decode(cmpp.split(frame)[2]) == request
    ismg = cmpp.authenticator_ismg(0, request.authenticator, "s3cret")
    assert ismg.hex().upper() == "6C10EBB48CCDE6384099FBC06E70AFBE"
    assert cmpp.ConnectResp.decode(cmpp.ConnectResp(0, ismg).encode()) == cmpp.ConnectResp(0, ismg)


def test_submit_pdu_fields_at_their_offsets() -> None:
    content = bytes.fromhex("0605042CF02CF1") + b"\x01\x02"
    submit = cmpp.Submit(("13800138000",), content, msg_src="901234", src_id="10658000")
    body = submit.encode()
    # 8+1+1+1+1+10+1+21+1+1+1+6+2+6+17+17+21+1+21+1+len+8
    assert len(body) == 147 + len(content)
    assert body[:12] == bytes(8) + b"\x01\x01\x00\x00"  # Msg_Id, Pk_total, Pk_number, Reg_Delivery, level
    assert body[12:22] == b"PUSH" + bytes(6)  # Service_Id
    assert body[22] == 2  # Fee_UserType: SP pays
    assert body[44:47] == b"\x00\x01\x04"  # TP_pId, TP_udhi 1, Msg_Fmt 4 (binary)
    assert body[47:53] == b"901234"  # Msg_src
    assert body[53:55] == b"01" and body[55:61] == b"000000"  # FeeType free, FeeCode 0
    assert body[95:116] == b"10658000" + bytes(13)  # Src_Id
    assert body[116] == 1 and body[117:138] == b"13800138000" + bytes(10)  # DestUsr_tl, Dest_terminal_Id
    assert body[138] == len(content) and body[139:139 + len(content)] == content
    assert body[-8:] == bytes(8)
    assert cmpp.Submit.decode(body) == submit
    assert cmpp.SubmitResp.decode(cmpp.SubmitResp(7, 0).encode()) == cmpp.SubmitResp(7, 0)


def test_truncated_or_padded_submit_is_refused() -> None:
    body = cmpp.Submit(("13800138000",), b"\x06\x05\x04\0\0\0\0", "901234", "1065").encode()
    for bad in (body[:-1], body + b"\0"):
        with pytest.raises(cmpp.CmppError):
            cmpp.Submit.decode(bad)
    with pytest.raises(cmpp.CmppError):
        cmpp.split(cmpp.pdu(cmpp.SUBMIT, 1, body)[:-1])
