"""BOSS number change over real HTTPS (seed §5.5.2 table 5-1, §5.5.5)."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from ota.platform.flows.change_number import TOKEN_KEY_REF, token_for
from ota.platform.models import MsisdnBinding, Operation, OperationStep, SeToken, Subscriber, Subscription
from tests.platform.flow_support import MSISDN, FlowPlatform, app_id, flow_platform  # noqa: F401

NEW = "13812345678"
IMSI = "460001234567890"
PGP = "PChovanecJCOpenPGP"


def test_change_number_writes_isd_repersonalises_and_rebinds(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id=PGP, cardholder_name="Li Si").state == "done"
    run = flow_platform.run("change_number", card, new_msisdn=NEW, imsi=IMSI, cardholder_name="Li Si")
    assert run.state == "done", run.error
    assert run.round_trips == 2  # per-card keys: the cryptogram proves the card, the write shares script 2
    assert run.result["repersonalised"] == [PGP]
    assert card.state.msisdn == NEW.encode("ascii")
    assert card.state.imsi_digest == hashlib.sha256(IMSI.encode()).digest()[:16]
    assert len(card.state.token or b"") == 16
    applet = next(a for a in card.state.apps if a.load_file_aid == bytes.fromhex("D27600012400"))
    assert applet.data[0x5E] == NEW.encode()
    # The token is the one derived from SEID and date, stored sealed, valid for a while.
    row = flow_platform.scalar(sa.select(SeToken).where(SeToken.seid == seid))
    assert row is not None and row.expires_at > row.issued_at
    opened = flow_platform.keystore.open_secret(f"token:{seid}", row.token_encrypted)
    assert opened == card.state.token
    keys = flow_platform.keystore.get_static_keys(TOKEN_KEY_REF, None, "none")
    assert token_for(keys.enc + keys.mac, seid, row.issued_at) == opened
    # The clear token is nowhere in the scripts the terminal saw or the platform stored.
    stored = str(flow_platform.query_db(sa.select(Operation.script))) + str(
        flow_platform.query_db(sa.select(OperationStep.response))
    )
    for seen in (b"".join(run.apdus()).hex().upper(), stored.upper()):
        assert opened.hex().upper() not in seen
    # Binding and subscription moved to the new number; the new subscriber inherits the region.
    assert flow_platform.scalar(sa.select(MsisdnBinding.msisdn).where(MsisdnBinding.seid == seid)) == NEW
    assert flow_platform.scalar(sa.select(Subscriber.region).where(Subscriber.msisdn == NEW)) == "GD-GZ"
    pgp = app_id(flow_platform, PGP)
    active = dict(
        (s.msisdn, s.active)
        for s in flow_platform.query_db(sa.select(Subscription).where(Subscription.application_id == pgp))
    )
    assert active == {MSISDN: False, NEW: True}


def test_change_number_refuses_bad_input(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    bad = flow_platform.run("change_number", card, new_msisdn="12ab", imsi=IMSI)
    assert (bad.state, bad.error["code"], bad.round_trips) == ("failed", "params.new_msisdn", 0)
    same = flow_platform.run("change_number", card, new_msisdn=MSISDN, imsi=IMSI)
    assert same.error["code"] == "number.unchanged"
    assert card.state.msisdn is None
