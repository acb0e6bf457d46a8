"""An SCP03 batch with per-card AES keys (issue 12, "KDF3" diversification), end to end over
real HTTPS on SQLite and PostgreSQL: the batch's ``diversification = kdf3`` makes the platform
diversify the batch's master key with each card's KDD (ota/gp/diversify_aes.py); a virtual SE
personalised with its diversified keys gets every service, one personalised with the master key
itself is refused before any key is used twice, and an SCP03 batch naming a DES method gets a
typed refusal.
"""

from __future__ import annotations

import os

import pytest

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp03 import Scp03Keys
from ota.platform.cards import ensure_se
from ota.platform.db import transaction
from ota.platform.demo import DEMO_AES_KEY_REF, DEMO_KVN
from ota.platform.models import Diversification, MsisdnBinding
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, add_scp03_batch, flow_platform  # noqa: F401

BATCH = "AES-KDF3"
MASTER = Scp03Keys(DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEMO_KVN)


def _kdf3_batch(platform: FlowPlatform, diversification: str = KDF3) -> None:
    """A second SCP03 batch (SEIDs 868604...) on the demo's AES master key, diversified."""
    add_scp03_batch(platform.sessions, BATCH, "868604", DEMO_AES_KEY_REF, diversification)


def _card(platform: FlowPlatform, diversified: bool = True) -> VirtualCard:
    seid = bytes.fromhex("868604" + os.urandom(7).hex())
    keys = diversify_kdf3(MASTER, seid) if diversified else MASTER  # a virtual SE's KDD is its SEID
    card = VirtualCard.create(None, seid, keys=(keys.enc, keys.mac, keys.dek), i=0x70, scp=0x03)
    assert card.state.kdd == seid
    with transaction(platform.sessions) as session:
        ensure_se(session, seid.hex().upper())
        session.add(MsisdnBinding(seid=seid.hex().upper(), msisdn=MSISDN))
    return card


def test_a_kdf3_batch_serves_cards_with_their_own_keys(flow_platform: FlowPlatform) -> None:
    _kdf3_batch(flow_platform)
    assert Diversification(KDF3) is Diversification.KDF3
    card, other = _card(flow_platform), _card(flow_platform)
    assert card.state.key_sets[0].enc != other.state.key_sets[0].enc  # per-card keys
    for each in (card, other):  # each card's channel opens on its own diversified keys
        query = flow_platform.run("query", each)
        assert query.state == "done", query.error
        assert query.result["identity"]["card_recognition"]["scp"] in ("03", 3)

    master_keyed = _card(flow_platform, diversified=False)
    run = flow_platform.run("query", master_keyed)
    assert (run.state, run.error["code"]) == ("failed", "scp03.card_cryptogram")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # a refusal is database independent
def test_an_scp03_batch_naming_a_des_method_is_refused(flow_platform: FlowPlatform) -> None:
    _kdf3_batch(flow_platform, diversification="visa2")
    run = flow_platform.run("query", _card(flow_platform))
    assert (run.state, run.error["code"]) == ("failed", "scp03.diversification")
    assert "kdf3" in str(run.error)  # the refusal names the method that would work
