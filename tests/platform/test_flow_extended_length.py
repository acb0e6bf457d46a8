"""Extended-length LOAD blocks end to end over HTTPS (issue 12 item 4, ISO 7816-4 §5.1).

The terminal's own card code (app.services.card.connect on an in-process reader) tells the
platform how much command data its reader and card take; the platform cuts LOAD blocks to what
both that and the card's FCI 9F65 allow, minus the secure messaging overhead.  The virtual SE
answers 6700 to an extended APDU it did not announce and to more data than its 9F65, so a
platform that overstepped either would fail here.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping

import pytest
import sqlalchemy as sa

from app.reader.inprocess import InProcessReader
from app.services.card import connect, release
from ota.gp.cap import CapFile
from ota.gp.constants import Ins
from ota.platform.models import Operation
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from tests.platform.flow_support import CAPS, FlowPlatform, Run, app_state, flow_platform, identity, new_seid  # noqa: F401
from tests.platform.test_flow_scp03 import scp03_card

JCALGTEST = CAPS / "JCAlgTest_v1.7.9_sdk2.2.2.cap"
OATH = CAPS / "YubicoYubiKeyOath_v1.0.2_sdk2.2.2.cap"
PACKAGE = bytes.fromhex("4A43416C6754657374")
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _card(platform: FlowPlatform, extended_max: int = 0) -> tuple[str, VirtualCard]:
    seid = new_seid()
    return seid, platform.card(seid=seid, extended_max=extended_max)  # registered and bound


def _terminal_identity(card: VirtualCard) -> dict[str, object]:
    """What the terminal's card layer reads and puts in the start request."""
    opened = connect(lambda _name: InProcessReader(card), None)
    try:
        return opened.identity.to_protocol().model_dump()
    finally:
        release(opened.reader)
        card.power_on()


def _download(
    platform: FlowPlatform, card: VirtualCard, card_identity: Mapping[str, object], app: str = "JCAlgTest"
) -> Run:
    client = platform.login()
    body = {"kind": "download", "card": dict(card_identity), "params": {"app_id": app},
            "idempotency_key": uuid.uuid4().hex}
    reply = client.post(platform.api("/operations"), json=body)
    assert reply.status_code == 200, reply.text
    return platform.relay(client, reply.json(), card, {})


def _loads(run: Run) -> list[bytes]:
    return [a for a in run.apdus() if a[1] == Ins.LOAD]


def _checkpoint_limit(platform: FlowPlatform, run: Run) -> int:
    checkpoint = platform.scalar(sa.select(Operation.checkpoint).where(Operation.id == run.view["id"]))
    return int(checkpoint["card"]["max_command_data"])


def test_extended_length_download_takes_fewer_load_apdus_same_result(flow_platform: FlowPlatform) -> None:
    load_file = CapFile.open(JCALGTEST).load_file()
    short_seid, short_card = _card(flow_platform)
    short_identity = _terminal_identity(short_card)
    assert short_identity["max_command_data"] == 255  # the card's ATR says nothing of extended length
    short = _download(flow_platform, short_card, short_identity)
    assert short.state == "done", short.error

    seid, card = _card(flow_platform, extended_max=2048)
    offered = _terminal_identity(card)
    assert offered["max_command_data"] == 65535  # ATR announces it, T=1: the terminal offers it
    run = _download(flow_platform, card, offered)
    assert run.state == "done", run.error
    assert run.round_trips == short.round_trips == 3
    assert _checkpoint_limit(flow_platform, run) == 2048  # the smaller of terminal and 9F65

    loads, short_loads = _loads(run), _loads(short)
    assert len(short_loads) == math.ceil(len(load_file) / 247)
    assert len(loads) == math.ceil(len(load_file) / 2040) < len(short_loads)  # 2048 - 8 (C-MAC)
    assert all(a[4] == 0 and int.from_bytes(a[5:7], "big") == 2048 for a in loads[:-1])  # extended Lc
    # The same installed result: the same load file, modules and application states.
    loaded, short_loaded = card.state.load_file(PACKAGE), short_card.state.load_file(PACKAGE)
    assert loaded is not None and short_loaded is not None
    assert (loaded.modules, loaded.nv_size, loaded.life_cycle) == (
        short_loaded.modules, short_loaded.nv_size, short_loaded.life_cycle)
    assert sorted(a.aid for a in card.state.apps) == sorted(a.aid for a in short_card.state.apps)
    assert app_state(flow_platform, seid, "JCAlgTest") == app_state(flow_platform, short_seid, "JCAlgTest") == "Usable"


@sqlite_only
def test_a_terminal_that_never_announces_gets_short_apdus(flow_platform: FlowPlatform) -> None:
    """An older terminal sends no max_command_data: short APDUs, even on an extended card."""
    seid, card = _card(flow_platform, extended_max=2048)
    old_identity = identity(card)
    assert "max_command_data" not in old_identity
    run = _download(flow_platform, card, old_identity)
    assert run.state == "done", run.error
    loads = _loads(run)
    assert all(a[4] != 0 and len(a) <= 261 for a in loads)
    assert len(loads) == math.ceil(len(CapFile.open(JCALGTEST).load_file()) / 247)
    assert _checkpoint_limit(flow_platform, run) == 255
    assert app_state(flow_platform, seid, "JCAlgTest") == "Usable"


@sqlite_only
def test_an_offer_the_card_does_not_back_gets_short_apdus(flow_platform: FlowPlatform) -> None:
    """A terminal that offers extended length for a short card (its FCI 9F65 says FF): short APDUs."""
    _, card = _card(flow_platform)
    run = _download(flow_platform, card, {**identity(card), "max_command_data": 65535})
    assert run.state == "done", run.error
    assert all(a[4] != 0 for a in _loads(run)) and _checkpoint_limit(flow_platform, run) == 255


@sqlite_only
@pytest.mark.parametrize("bad", [254, 65536, "lots"])
def test_max_command_data_is_bounded(flow_platform: FlowPlatform, bad: object) -> None:
    _, card = _card(flow_platform)
    client = flow_platform.login()
    body = {"kind": "download", "card": {**identity(card), "max_command_data": bad},
            "params": {"app_id": "JCAlgTest"}, "idempotency_key": uuid.uuid4().hex}
    reply = client.post(flow_platform.api("/operations"), json=body)
    assert 400 <= reply.status_code < 500, reply.text
    assert reply.json().get("code"), reply.text


@sqlite_only
def test_scp03_extended_load_blocks_account_for_padding_and_mac(flow_platform: FlowPlatform) -> None:
    """DEMO-AES (SCP03 i=70, C-MAC + C-DECRYPTION, S8): a block of n plain bytes goes out as
    16 * (n // 16 + 1) + 8, so under a 2048-byte 9F65 the largest is 2031 (2032 + 8 = 2040)."""
    seid = scp03_card(flow_platform).state.seid.hex().upper()  # registers and binds an SCP03 SEID
    card = new_card(None, bytes.fromhex(seid), scp=0x03, extended_max=2048)
    run = _download(flow_platform, card, _terminal_identity(card), "YubicoYubiKeyOath")
    assert run.state == "done", run.error
    loads = _loads(run)
    assert all(a[4] == 0 and int.from_bytes(a[5:7], "big") == 2040 for a in loads[:-1])
    assert len(loads) == math.ceil(len(CapFile.open(OATH).load_file()) / 2031) < math.ceil(
        len(CapFile.open(OATH).load_file()) / 239)
    assert card.state.load_file(CapFile.open(OATH).package_aid) is not None
