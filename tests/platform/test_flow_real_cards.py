"""Cards that answer less than the textbook, through the platform's flows over HTTPS (issue 12):
a phone in card emulation (SELECT by AID only) that refuses GET DATA 0045, 9F7F and FF21 is
identified by what it does answer, queried, and gets an application downloaded."""

from __future__ import annotations

import uuid

import pytest

from app.reader.chaining import ResponseChaining
from app.reader.inprocess import InProcessReader
from app.services.card import read_identity
from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import diversify
from ota.gp.scp02 import StaticKeys
from ota.platform.cards import batch_for_seid, ensure_se
from ota.platform.db import transaction
from ota.platform.models import MsisdnBinding
from ota.vse.card import VirtualCard
from tests.platform.flow_support import MSISDN, FlowPlatform, Run, flow_platform  # noqa: F401

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
SEID = bytes.fromhex("868601000000000A0B0C")


def _run(platform: FlowPlatform, card: VirtualCard, kind: str, **params: object) -> Run:
    reader = InProcessReader(card)
    reader.connect()
    identity = read_identity(ResponseChaining(reader), reader.atr).to_protocol()
    client = platform.login()
    body = {"kind": kind, "card": identity.model_dump(), "params": params, "idempotency_key": uuid.uuid4().hex}
    reply = client.post(platform.api("/operations"), json=body)
    assert reply.status_code == 200, reply.text
    return platform.relay(client, reply.json(), card, {})


KDD = "11223344556677889900"


def _card_named_by(platform: FlowPlatform, named: str, refused: list[int], diversified: bool = True) -> VirtualCard:
    """A card refusing ``refused`` GET DATA tags, registered as ``named``.  Its keys are
    diversified from its KDD (issue 9: only then does the channel itself prove a card that
    answers neither CIN nor CPLC)."""
    keys = (DEFAULT_TEST_KEY,) * 3
    with transaction(platform.sessions) as session:
        batch = batch_for_seid(session, named)
        assert batch is not None
        batch.diversification = "emv_cpg202" if diversified else "none"
    if diversified:
        master = platform.keystore.get_static_keys("demo-isd", None, "none")
        div = diversify(StaticKeys(master.enc, master.mac, master.dek, master.kvn), bytes.fromhex(KDD), "emv_cpg202")
        keys = (div.enc, div.mac, div.dek)
    card = VirtualCard.create(None, SEID, keys=keys)
    card.state.select_by_aid_only = True
    card.state.refused_get_data = refused
    card.state.kdd = bytes.fromhex(KDD)
    with transaction(platform.sessions) as session:
        ensure_se(session, named)
        session.add(MsisdnBinding(seid=named, msisdn=MSISDN))
    return card


def test_a_card_named_by_its_kdd_under_batch_wide_keys_is_refused(flow_platform: FlowPlatform) -> None:
    """With batch-wide keys any card of the batch answers the cryptogram, and the KDD is only
    the terminal's word: such a card is refused with its own code, and nothing runs on it."""
    card = _card_named_by(flow_platform, KDD, [0x0045, 0x9F7F, 0xFF21], diversified=False)
    query = _run(flow_platform, card, "query")
    assert query.state == "failed" and query.error["code"] == "card.identity_unproven"
BY_CPLC = "47905168" + SEID[-6:].hex().upper()  # IC fabricator, IC type, batch, serial


@pytest.mark.parametrize(
    ("refused", "named"), [([0x0045, 0xFF21], BY_CPLC), ([0x0045, 0x9F7F, 0xFF21], KDD)], ids=["cplc", "kdd"]
)
def test_contactless_phone_refusing_cin_cplc_and_resources(
    flow_platform: FlowPlatform, refused: list[int], named: str
) -> None:
    card = _card_named_by(flow_platform, named, refused, diversified=named == KDD)
    query = _run(flow_platform, card, "query")
    assert query.state == "done", query.error
    assert query.result["identity"]["seid"] == named
    download = _run(flow_platform, card, "download", app_id="JCMemory")
    assert download.state == "done", download.error
    assert card.state.app(bytes.fromhex("4A43416C675465737531")) is not None
    again = _run(flow_platform, card, "query")
    assert [a["name"] for a in again.result["apps"] if a["state"] != "Ready"] == ["JCMemory"]
    # Without FF21 the card is sized by what the platform loaded onto it, not by a guess.
    before, after = query.result["space"], again.result["space"]
    assert before["free_measured"] is None and after["free_measured"] is None
    assert after["free_recorded"] < before["free_recorded"] == before["total"]
