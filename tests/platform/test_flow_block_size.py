"""LOAD and STORE DATA blocks follow the card's FCI 9F65 (GPC 2.2.1 §11.9.3.1), over real HTTPS.

The virtual SE answers 6700 to any command whose data field is longer than its 9F65, so a flow
that ignored the limit would fail here.
"""

from __future__ import annotations

import math

import sqlalchemy as sa

from ota.gp.cap import CapFile
from ota.gp.constants import Ins
from ota.platform.db import transaction
from ota.platform.models import Application, Operation, SeBatch
from ota.vse.card import VirtualCard
from tests.platform.flow_support import CAPS, FlowPlatform, Run, app_state, flow_platform, new_seid  # noqa: F401

JCALGTEST = CAPS / "JCAlgTest_v1.7.9_sdk2.2.2.cap"
OATH = CAPS / "YubicoYubiKeyOath_v1.0.2_sdk2.2.2.cap"


def _card(platform: FlowPlatform, max_block: int) -> tuple[str, VirtualCard]:
    seid = new_seid()
    return seid, platform.card(seid=seid, max_block=max_block)  # registered and bound


def _level_03(platform: FlowPlatform) -> None:
    with transaction(platform.sessions) as session:
        session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one().scp_level = 0x03


def _apdus(run: Run, ins: int) -> list[bytes]:
    return [a for a in run.apdus() if a[1] == ins]


def _checkpoint(platform: FlowPlatform, run: Run) -> dict:  # type: ignore[type-arg]
    return platform.scalar(sa.select(Operation.checkpoint).where(Operation.id == run.view["id"]))


def test_small_9f65_gets_small_load_blocks_under_c_mac(flow_platform: FlowPlatform) -> None:
    seid, card = _card(flow_platform, 0x80)
    run = flow_platform.run("download", card, app_id="JCAlgTest")
    assert run.state == "done", run.error
    assert run.round_trips == 3
    loads = _apdus(run, Ins.LOAD)
    assert loads and all(a[0] == 0x84 and a[4] <= 0x80 for a in loads)
    assert {a[4] for a in loads[:-1]} == {0x80}  # 120 plain + 8 MAC: the blocks are as large as allowed
    assert len(loads) == math.ceil(len(CapFile.open(JCALGTEST).load_file()) / 120)
    assert card.state.load_file(bytes.fromhex("4A43416C6754657374")) is not None
    assert app_state(flow_platform, seid, "JCAlgTest") == "Usable"
    max_command_data = _checkpoint(flow_platform, run)["card"]["max_command_data"]
    assert max_command_data == 0x80 and type(max_command_data) is int


def test_small_9f65_gets_small_load_blocks_under_c_decryption(flow_platform: FlowPlatform) -> None:
    _level_03(flow_platform)
    seid, card = _card(flow_platform, 0x80)
    run = flow_platform.run("download", card, app_id="YubicoYubiKeyOath")
    assert run.state == "done", run.error
    assert run.round_trips == 3
    loads = _apdus(run, Ins.LOAD)
    assert loads and all(a[0] == 0x84 and a[4] <= 0x80 for a in loads)
    assert {a[4] for a in loads[:-1]} == {0x80}  # 119 plain -> 120 encrypted + 8 MAC
    assert len(loads) == math.ceil(len(CapFile.open(OATH).load_file()) / 119)
    assert app_state(flow_platform, seid, "YubicoYubiKeyOath") == "Personalized"


def test_default_card_still_gets_247_byte_blocks_in_three_round_trips(flow_platform: FlowPlatform) -> None:
    _, card = _card(flow_platform, 0xFF)
    run = flow_platform.run("download", card, app_id="JCAlgTest")
    assert run.state == "done", run.error
    assert run.round_trips == 3
    loads = _apdus(run, Ins.LOAD)
    assert {a[4] for a in loads[:-1]} == {255}  # 247 plain + 8 MAC
    assert len(loads) == math.ceil(len(CapFile.open(JCALGTEST).load_file()) / 247)
    assert _checkpoint(flow_platform, run)["card"]["max_command_data"] == 255


def test_personalisation_store_data_is_chained_within_the_limit(flow_platform: FlowPlatform) -> None:
    value = bytes(range(256)) + bytes(range(44))  # 300 bytes: three STORE DATA blocks at 9F65 = 80
    with transaction(flow_platform.sessions) as session:
        app = session.scalars(sa.select(Application).where(Application.name == "JCMemory")).one()
        app.perso_template = {"mode": 3, "records": [{"tag": "5F20", "value": value.hex()}]}
        app.needs_personalisation = True
    _, card = _card(flow_platform, 0x80)
    run = flow_platform.run("download", card, app_id="JCMemory")
    assert run.state == "done", run.error
    stores = _apdus(run, Ins.STORE_DATA)
    assert len(stores) == 3 and all(a[4] <= 0x80 for a in stores)
    installed = next(a for a in card.state.apps if a.load_file_aid == bytes.fromhex("4A43416C6754657375"))
    assert installed.data[0x5F20] == value


def test_9f65_too_small_for_256_load_blocks_is_refused_before_loading(flow_platform: FlowPlatform) -> None:
    # 0x60 - 8 = 88 bytes a block: JCAlgTest's 23974 bytes would need 273 blocks, P2 counts 256.
    seid, card = _card(flow_platform, 0x60)
    run = flow_platform.run("download", card, app_id="JCAlgTest")
    assert (run.state, run.error["code"]) == ("failed", "se.block_size")
    assert run.error["detail"]["block_size"] == 88
    assert run.round_trips == 2
    assert not _apdus(run, Ins.LOAD) and not _apdus(run, Ins.INSTALL)
    assert app_state(flow_platform, seid, "JCAlgTest") == "Ready"


def test_number_change_store_data_respects_the_limit(flow_platform: FlowPlatform) -> None:
    _level_03(flow_platform)  # the STORE DATA of the number goes encrypted under C-DECRYPTION
    _, card = _card(flow_platform, 0x30)  # floor8(0x30 - 8) - 1 = 39 plain: 32 of sealed data a block
    run = flow_platform.run("change_number", card, new_msisdn="13800138099", imsi="460001234567890")
    assert run.state == "done", run.error
    stores = _apdus(run, Ins.STORE_DATA)
    assert len(stores) > 1 and all(a[4] <= 0x30 for a in stores)
    assert card.state.msisdn == b"13800138099"
