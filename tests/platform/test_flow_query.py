"""Query / sync over real HTTPS against a virtual SE (seed §5.5.1, §5.8.4.5, §5.8.7.1)."""

from __future__ import annotations

import sqlalchemy as sa

from ota.platform.models import SeContent, SecureElement
from tests.platform.flow_support import MSISDN, FlowPlatform, flow_platform  # noqa: F401

ISD_AID = "A000000151000000"


def test_query_reports_identity_content_and_space_in_two_round_trips(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    run = flow_platform.run("query", card)
    assert run.state == "done", run.error
    assert run.round_trips == 2
    result = run.result
    assert result["identity"]["seid"] == seid
    assert result["identity"]["cplc"]["ic_serial_number"] == seid[-8:]
    assert result["batch"]["name"] == "DEMO-A"
    assert result["msisdn"] == MSISDN
    assert [sd["aid"] for sd in result["security_domains"]] == [ISD_AID]
    assert any(lf["aid"] == "A0000001515350" for lf in result["load_files"])
    space = result["space"]
    assert space["free_measured"] == card.state.nvm_free
    assert space["used"] == space["total"] - space["free_measured"]
    assert result["apps"] == []
    rows = flow_platform.query_db(sa.select(SeContent).where(SeContent.seid == seid))
    assert len(rows) == 1 and rows[0].free_nvm == card.state.nvm_free
    se = flow_platform.scalar(sa.select(SecureElement).where(SecureElement.seid == seid))
    assert se.measured_free_space == card.state.nvm_free and se.last_sync is not None
