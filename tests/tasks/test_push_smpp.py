"""The SMPP binding (smpplib) of the SMS gateway: the submit_sm checked byte for byte by the
simulator's own codec, refusals typed, no password in the logs, and a PUSH reaching a wallet."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from ota.platform.sms.gateway import GatewayError, from_url
from ota.platform.sms.simulator import GatewaySimulator
from ota.platform.sms.smpp_gateway import SmppGateway
from ota.platform.sms.smpp_simulator import SmppFront
from ota.push import WALLET_PORT, PushSms, decode_push, encode_push
from tests.tasks.rig import FAST, Rig, seid_of

SYSTEM_ID, PASSWORD = "hallterm", "smpp-pw"
SEID = bytes.fromhex("86860100000000000001")
SERIAL = bytes(range(16))


@pytest.fixture
def front() -> Iterator[tuple[GatewaySimulator, SmppFront]]:
    sim = GatewaySimulator({}).start()
    smsc = SmppFront(sim, {SYSTEM_ID: PASSWORD}).start()
    yield sim, smsc
    smsc.stop()
    sim.stop()


def test_submit_sm_is_byte_exact(front: tuple[GatewaySimulator, SmppFront], caplog: pytest.LogCaptureFixture) -> None:
    sim, smsc = front
    caplog.set_level(logging.DEBUG)
    gateway = from_url(f"smpp://{SYSTEM_ID}:{PASSWORD}@127.0.0.1:{smsc.port}?src=10658000")
    assert isinstance(gateway, SmppGateway) and PASSWORD not in repr(gateway)
    user_data = encode_push(PushSms(WALLET_PORT, 0x2CF1, SEID, SERIAL))
    message_ids = [gateway.submit("8613900000001", user_data) for _ in range(2)]  # one bind, two submits
    gateway.close()
    assert len(set(message_ids)) == 2
    first = smsc.submitted[0]
    # SMPP v3.4 §4.4.1, field by field: service_type "", TON 2 / NPI 1 "10658000", TON 1 / NPI 1
    # "8613900000001", esm_class 0x40 (UDHI), protocol_id 0, priority 0, no schedule, no validity,
    # registered_delivery 0, replace 0, data_coding 0x04 (8-bit), sm_default_msg_id 0, sm_length.
    expected = (b"\0" + b"\x02\x01" + b"10658000\0" + b"\x01\x01" + b"8613900000001\0"
                + b"\x40\x00\x00" + b"\0\0" + b"\x00\x00\x04\x00" + bytes([len(user_data)]) + user_data)
    assert first.raw == expected and first.message_id == message_ids[0]
    assert user_data[:7] == bytes([0x06, 0x05, 0x04]) + WALLET_PORT.to_bytes(2, "big") + b"\x2c\xf1"  # IEI 05
    assert decode_push(first.submit.short_message).serial == SERIAL
    assert sim.stored_for("8613900000001") == 2  # in the SMSC, for the phone when it registers
    assert PASSWORD not in caplog.text and PASSWORD.encode().hex() not in caplog.text


def test_refusals_are_typed(front: tuple[GatewaySimulator, SmppFront]) -> None:
    sim, smsc = front
    with pytest.raises(GatewayError) as login:
        SmppGateway("127.0.0.1", smsc.port, SYSTEM_ID, "wrong").submit("8613900000001", b"\x06")
    assert login.value.code == "sms.login"
    gateway = SmppGateway("127.0.0.1", smsc.port, SYSTEM_ID, PASSWORD)
    with pytest.raises(GatewayError) as refused:
        gateway.submit("8613900000001", b"not a push")
    assert refused.value.code == "sms.refused"
    assert [problem for _raw, problem in sim.rejected()] and smsc.submitted == []
    gateway.close()
    with pytest.raises(GatewayError) as config:
        from_url("http://example.invalid")
    assert config.value.code == "sms.config"


def test_a_push_reaches_the_wallet_through_smpp(rig: Rig) -> None:
    smsc = SmppFront(rig.sim, {SYSTEM_ID: PASSWORD}).start()
    gateway = SmppGateway.from_url(f"smpp://{SYSTEM_ID}:{PASSWORD}@127.0.0.1:{smsc.port}")
    try:
        rig.add_phones([0])
        rig.wallet(0)
        rig.start_worker(FAST, gateway)
        task = rig.call("POST", "/admin/tasks", json={
            "name": "smpp", "operations": [{"kind": "query"}],
            "target": {"type": "seids", "seids": [seid_of(0)]},
        })
        detail = rig.wait_task(task["task"]["id"], lambda d: d["task"]["status"] == "finished", timeout=60)
        assert detail["task"]["counts"].get("done") == 1, detail
        assert rig.sim.submitted() == []  # nothing went through CMPP
        [sent] = smsc.submitted
        sms = decode_push(sent.submit.short_message)
        assert sms.dest_port == WALLET_PORT and sms.seid.hex().upper() == seid_of(0)
    finally:
        if rig.worker is not None:
            rig.worker.stop()
            rig.worker = None
            gateway.close()
        smsc.stop()


def test_worker_takes_an_smpp_url(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from ota.platform.cli import main

    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    assert main(["worker", "--db", db, "--sms", "smpp://hallterm@127.0.0.1:1", "--until-idle"]) == 0
    assert "pushed 0" in capsys.readouterr().out
    assert main(["worker", "--db", db, "--sms", "sms://nowhere", "--until-idle"]) == 2
    assert "sms.config" in capsys.readouterr().err
