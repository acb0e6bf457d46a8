"""Delete over real HTTPS (seed §5.8.4.2, §5.8.7.1, §5.7.2.2.2)."""

from __future__ import annotations

import sqlalchemy as sa

from ota.gp import commands
from ota.platform.models import SecureElement, Subscription
from tests.platform.flow_support import MSISDN, FlowPlatform, app_id, app_state, flow_platform  # noqa: F401

APP = "YubicoYubiKeyOath"
LOAD_FILE = bytes.fromhex("A0000005272101")
INSTANCE = bytes.fromhex("A000000527471117")
OTHER_APP = "JCMemory"


def _subscribed(platform: FlowPlatform, name: str) -> bool | None:
    return platform.scalar(
        sa.select(Subscription.active).where(
            Subscription.msisdn == MSISDN, Subscription.application_id == app_id(platform, name)
        )
    )


def test_full_delete_frees_space_and_ends_subscription(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id=OTHER_APP).state == "done"
    free_before = card.state.nvm_free
    assert _subscribed(flow_platform, OTHER_APP) is True
    run = flow_platform.run("delete", card, app_id=OTHER_APP)
    assert run.state == "done", run.error
    assert run.round_trips == 2  # per-card keys: the cryptogram proves the card, the write shares script 2
    assert card.state.load_file(bytes.fromhex("4A43416C6754657375")) is None
    assert card.state.nvm_free > free_before
    assert app_state(flow_platform, seid, OTHER_APP) == run.result["state"] == "Ready"
    se = flow_platform.scalar(sa.select(SecureElement).where(SecureElement.seid == seid))
    assert se.measured_free_space == card.state.nvm_free == run.result["space"]["free_measured"]
    assert se.recorded_free_space == 512 * 1024
    assert _subscribed(flow_platform, OTHER_APP) is False


def test_instance_only_delete_keeps_code_and_subscription(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id=OTHER_APP).state == "done"
    run = flow_platform.run("delete", card, app_id=OTHER_APP, instance_only=True)
    assert run.state == "done", run.error
    assert card.state.load_file(bytes.fromhex("4A43416C6754657375")) is not None
    assert card.state.app(bytes.fromhex("4A43416C675465737531")) is None
    assert app_state(flow_platform, seid, OTHER_APP) == "Loaded"
    assert _subscribed(flow_platform, OTHER_APP) is True
    # A download from Loaded resumes: no LOAD, only the instance.
    again = flow_platform.run("download", card, app_id=OTHER_APP)
    assert again.state == "done", again.error
    assert again.result["resumed_from"] == "Loaded" and again.result["load_blocks"] == 0
    assert app_state(flow_platform, seid, OTHER_APP) == "Usable"


def test_load_file_with_another_instance_keeps_its_code(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id=APP).state == "done"
    _second_instance(card)
    run = flow_platform.run("delete", card, app_id=APP)
    assert run.state == "done", run.error
    assert run.result["load_files_kept"] == [LOAD_FILE.hex().upper()]
    assert card.state.load_file(LOAD_FILE) is not None
    assert card.state.app(INSTANCE) is None
    assert app_state(flow_platform, seid, APP) == "Loaded"


def test_delete_of_an_app_not_on_the_card_is_refused(flow_platform: FlowPlatform) -> None:
    run = flow_platform.run("delete", flow_platform.card(), app_id=APP)
    assert (run.state, run.error["code"], run.round_trips) == ("failed", "app.state", 0)


def _second_instance(card) -> None:  # noqa: ANN001
    """Another instance of the same load file, installed by someone else (a third-party TSM)."""
    from ota.gp.scp02 import HostChannel, StaticKeys

    own = card.state.key_sets[0]  # that TSM holds this card's keys
    keys = StaticKeys(own.enc, own.mac, own.dek, own.kvn)
    challenge = bytes(8)
    card.transmit(commands.select(bytes.fromhex("A000000151000000")).encode())
    iu = card.transmit(commands.initialize_update(challenge).encode())[:-2]
    channel, ext_auth = HostChannel.open(keys, challenge, iu)
    assert card.transmit(ext_auth)[-2:] == b"\x90\x00"
    install = commands.install_for_install(LOAD_FILE, INSTANCE, bytes.fromhex("A00000052747111701"))
    assert card.transmit(channel.wrap(install.encode()))[-2:] == b"\x90\x00"
