"""Every counter service over SCP03 (issue 12), end to end over real HTTPS, SQLite and PostgreSQL.

The demo's DEMO-AES batch (SEIDs 868603..., SCP03 i=70, AES-128, C-MAC + C-DECRYPTION) and
virtual SEs made as SCP03 cards: query, download, lock, unlock, change of number, delete, and a
migration from an SCP03 SE to an SCP02 one (each card spoken to in its batch's protocol).
"""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from ota.gp.constants import Ins
from ota.platform.cards import batch_for_seid, ensure_se
from ota.platform.db import transaction
from ota.platform.demo import DEMO_AES_BATCH
from ota.platform.flows.download import subscribe
from ota.platform.flows.states import set_state
from ota.platform.models import Application, AppState, MsisdnBinding, SeBatch
from ota.vse.card import VirtualCard
from ota.vse.factory import new_card
from tests.platform.flow_support import MSISDN, FlowPlatform, app_id, app_state, flow_platform  # noqa: F401

OATH = "YubicoYubiKeyOath"
MEMORY = "JCMemory"
PGP = "PChovanecJCOpenPGP"


def aes_seid() -> str:
    return "868603" + os.urandom(7).hex().upper()


def scp03_card(platform: FlowPlatform, msisdn: str | None = MSISDN, i: int = 0x70, kdf: str | None = None) -> VirtualCard:
    seid = aes_seid()
    card = new_card(None, bytes.fromhex(seid), scp=0x03, i=i, kdf=kdf)  # default KDF3 keys, as DEMO-AES says
    if msisdn is not None:
        with transaction(platform.sessions) as session:
            ensure_se(session, seid)
            session.add(MsisdnBinding(seid=seid, msisdn=msisdn))
    return card


def _ext_auths(run) -> list[bytes]:  # noqa: ANN001
    return [a for a in run.apdus() if a[1] == Ins.EXTERNAL_AUTHENTICATE]


def test_every_counter_service_over_scp03(flow_platform: FlowPlatform) -> None:
    card = scp03_card(flow_platform)
    seid = card.state.seid.hex().upper()
    with flow_platform.sessions() as session:
        assert batch_for_seid(session, seid).name == DEMO_AES_BATCH
    query = flow_platform.run("query", card)
    assert query.state == "done", query.error
    assert query.result["identity"]["card_recognition"]["scp"] in ("03", 3)
    download = flow_platform.run("download", card, app_id=OATH)
    assert download.state == "done", download.error
    loads = [a for a in download.apdus() if a[1] == Ins.LOAD]
    assert loads and all(a[0] == 0x84 and (a[4] - 8) % 16 == 0 for a in loads)  # AES blocks + 8-byte C-MAC
    [ext] = _ext_auths(download)
    # C-MAC + C-DECRYPTION, and R-MAC because the card's i=70 offers it (issue 9: outcomes are
    # read from authenticated answers only)
    assert ext[:4] == bytes.fromhex("84821300")
    assert card.state.load_file(bytes.fromhex("A0000005272101")) is not None
    assert flow_platform.run("download", card, app_id=MEMORY).state == "done"
    locked = flow_platform.run("lock", card, app_id=MEMORY)
    assert locked.state == "done", locked.error
    assert app_state(flow_platform, seid, MEMORY) == "Locked"
    unlocked = flow_platform.run("unlock", card, app_id=MEMORY)
    assert unlocked.state == "done", unlocked.error
    assert app_state(flow_platform, seid, MEMORY) == "Usable"
    assert flow_platform.run("download", card, app_id=PGP, cardholder_name="Li Si").state == "done"
    number = flow_platform.run("change_number", card, new_msisdn="13812345678", imsi="460001234567890")
    assert number.state == "done", number.error
    assert card.state.msisdn == b"13812345678" and len(card.state.token or b"") == 16
    deleted = flow_platform.run("delete", card, app_id=MEMORY)
    assert deleted.state == "done", deleted.error
    assert card.state.app(bytes.fromhex("4A43416C675465737531")) is None
    # The pseudo-random challenge counter moved on with each session the card opened.
    assert card.state.key_sets[0].seq >= 7


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # one database is enough here
def test_migration_from_an_scp03_se_to_an_scp02_se(flow_platform: FlowPlatform) -> None:
    old, new = scp03_card(flow_platform), flow_platform.card()
    old_seid = old.state.seid.hex().upper()
    assert flow_platform.run("download", old, app_id=OATH).state == "done"
    with transaction(flow_platform.sessions) as session:
        the_app = app_id(flow_platform, OATH)
        set_state(session, old_seid, the_app, AppState.USABLE)
        subscribe(session, old_seid, session.get(Application, the_app))
    old_challenges = old.state.key_sets[0].seq
    run = flow_platform.run("migrate", old, cards={"target": new, "source": old}, app_id=OATH)
    assert run.state == "done", run.error
    assert new.state.load_file(bytes.fromhex("A0000005272101")) is not None
    assert old.state.load_file(bytes.fromhex("A0000005272101")) is None
    assert len(_ext_auths(run)) == 2  # one session on each card
    assert old.state.key_sets[0].seq == old_challenges + 1  # SCP03: one pseudo-random challenge
    assert new.state.key_sets[0].seq == 1  # SCP02: one session opened


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # refusals are database independent
def test_batch_and_card_disagreeing_on_the_protocol_is_a_typed_failure(flow_platform: FlowPlatform) -> None:
    seid = aes_seid()
    with transaction(flow_platform.sessions) as session:
        ensure_se(session, seid)
        session.add(MsisdnBinding(seid=seid, msisdn=MSISDN))
    scp02_in_aes_batch = VirtualCard.create(None, bytes.fromhex(seid))
    run = flow_platform.run("query", scp02_in_aes_batch)
    assert (run.state, run.error["code"]) == ("failed", "scp03.initialize_update")
    other = scp03_card(flow_platform, i=0x10)  # the batch says i=70
    run = flow_platform.run("query", other)
    assert (run.state, run.error["code"]) == ("failed", "scp03.initialize_update")
    with transaction(flow_platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == DEMO_AES_BATCH)).one()
        batch.scp_level = 0x02  # C-DECRYPTION without C-MAC: no such level (Amendment D §5.1)
    run = flow_platform.run("query", scp03_card(flow_platform))
    assert (run.state, run.error["code"], run.round_trips) == ("failed", "scp03.level_unsupported", 0)
