"""The secure channel on an SD's own keys (ota/platform/flows/sd_channel.py) that perso_update and
sd_create open mid-flow: it authenticates on the SD's keys, and refuses with the flow's own code on
other keys and with ``scp02.initialize_update`` on an answer that is not one."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from ota.gp import commands
from ota.gp.apdu import ResponseApdu
from ota.gp.sw import SW
from ota.platform.db import make_engine, session_factory
from ota.platform.flows.base import FlowError
from ota.platform.flows.sd_channel import SdOpening
from ota.platform.flows.secure import Replies
from ota.platform.keystore import MASTER_KEY_BYTES, SoftwareKeyStore
from ota.platform.models import Base
from ota.vse.card import VirtualCard

SD_KEYS, KVN = "ssd-keys", 0x20
BATCH = SimpleNamespace(diversification="none", scp_level=0x01, scp_i=0x35)  # the virtual card's i


def _replies(answer: bytes) -> Replies:
    return Replies(["sd_initialize_update"], [[SW.OK]], [ResponseApdu.parse(answer)], False)


def test_the_sd_channel_opens_on_the_sd_keys_only() -> None:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    sessions = session_factory(engine)
    keystore = SoftwareKeyStore(sessions, os.urandom(MASTER_KEY_BYTES))
    sd_keys = (os.urandom(16), os.urandom(16), os.urandom(16))
    keystore.add_key_set(SD_KEYS, KVN, *sd_keys)
    keystore.add_key_set("isd-keys", KVN, os.urandom(16), os.urandom(16), os.urandom(16))
    card = VirtualCard.create(None, keys=sd_keys, kvn=KVN)
    host_challenge = os.urandom(8)
    answer = card.transmit(commands.initialize_update(host_challenge, KVN).encode())

    with sessions() as session:
        ctx = SimpleNamespace(keystore=keystore, session=session)
        opening = SdOpening.read(_replies(answer), "sd_initialize_update")
        assert opening.iu.kvn == KVN
        opened, _cipher = opening.open(ctx, BATCH, SD_KEYS, {"seid": "01"}, host_challenge.hex(),  # type: ignore[arg-type]
                                       refusal="sd.authentication", ext_auth_tag="sd_ext_auth")
        [ext_auth] = opened.script({}).commands  # what the terminal sends next
        assert card.transmit(ext_auth.apdu)[-2:] == b"\x90\x00"  # the card accepts the host cryptogram
        with pytest.raises(FlowError) as refused:
            opening.open(ctx, BATCH, "isd-keys", {"seid": "01"}, host_challenge.hex(),  # type: ignore[arg-type]
                         refusal="perso.authentication", ext_auth_tag="perso2:ext_auth")
        assert refused.value.code == "perso.authentication"

    with pytest.raises(FlowError) as malformed:
        SdOpening.read(_replies(b"\x00" * 5 + b"\x90\x00"), "sd_initialize_update")
    assert malformed.value.code == "scp02.initialize_update"
    engine.dispose()
