"""The CMPP binding against the gateway simulator over TCP: login, submit, refusals, link loss."""

from __future__ import annotations

import json
import socket

import pytest

from ota.platform.sms import cmpp
from ota.platform.sms.gateway import CmppGateway, GatewayError
from ota.platform.sms.simulator import GatewaySimulator
from ota.push import PushSms, decode_push, encode_push

PUSH = encode_push(PushSms(0x2CF0, 0x2CF1, bytes.fromhex("86860100000000000001"), bytes(16)))


@pytest.fixture
def sim():  # noqa: ANN201
    with GatewaySimulator({"901234": "s3cret"}) as s:
        yield s


def _gateway(sim: GatewaySimulator, secret: str = "s3cret") -> CmppGateway:
    return CmppGateway("127.0.0.1", sim.sp_port, "901234", secret)


def test_submit_is_checked_and_delivered_to_the_registered_phone(sim: GatewaySimulator) -> None:
    phone = socket.create_connection(("127.0.0.1", sim.handset_port))
    phone.sendall(b'{"register": "13800138000"}\n')
    lines = phone.makefile("rb")
    assert json.loads(lines.readline()) == {"registered": "13800138000"}
    gateway = _gateway(sim)
    msg_id = gateway.submit("13800138000", PUSH)
    assert gateway.active_test()
    sms = json.loads(lines.readline())["sms"]
    assert bytes.fromhex(sms["ud"]) == PUSH and decode_push(PUSH).dest_port == 0x2CF0
    [sent] = sim.submitted()
    assert f"{sent.msg_id:016X}" == msg_id and sent.submit.encode() == sent.raw
    gateway.close()
    phone.close()


def test_wrong_secret_is_refused_at_connect(sim: GatewaySimulator) -> None:
    with pytest.raises(GatewayError) as info:
        _gateway(sim, "wrong").submit("13800138000", PUSH)
    assert info.value.code == "sms.login"
    assert "wrong" not in repr(_gateway(sim, "wrong"))


def test_a_message_that_is_no_push_sms_is_refused(sim: GatewaySimulator) -> None:
    with pytest.raises(GatewayError) as info:
        _gateway(sim).submit("13800138000", b"hello")
    assert info.value.code == "sms.refused"
    [(raw, problem)] = sim.rejected()
    assert cmpp.Submit.decode(raw).msg_content == b"hello" and "UDH" in problem


def test_the_binding_reconnects_after_the_link_drops(sim: GatewaySimulator) -> None:
    gateway = _gateway(sim)
    gateway.submit("13800138000", PUSH)
    assert gateway._sock is not None
    gateway._sock.shutdown(socket.SHUT_RDWR)  # the link drops under the binding
    gateway.submit("13800138000", PUSH)
    assert len(sim.submitted()) == 2 and sim.stored_for("13800138000") == 2
    gateway.close()


def test_unreachable_gateway_is_a_typed_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(GatewayError) as info:
        CmppGateway("127.0.0.1", port, "901234", "x", timeout=1).submit("1", PUSH)
    assert info.value.code == "sms.unreachable"
