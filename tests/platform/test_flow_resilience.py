"""What goes wrong at a counter: pulled cards, residues, two clerks, retried posts, wrong cards and keys."""

from __future__ import annotations

from typing import Any

from ota.gp.constants import Ins
from ota.platform.db import transaction
from ota.platform.flows.states import set_state
from ota.platform.models import AppState
from ota.vse.card import VirtualCard
from tests.platform.flow_support import (  # noqa: F401
    FlowPlatform,
    app_id,
    app_state,
    flow_platform,
    new_seid,
    run_script,
)

APP = "JCAlgTest"  # about 100 LOAD blocks
LOAD_FILE = bytes.fromhex("4A43416C6754657374")
INSTANCE = bytes.fromhex("4A43416C675465737431")


def _pull_in_script_3(after: int):  # noqa: ANN202
    def before(script: dict[str, Any], card: VirtualCard) -> None:
        if script["step"] == 3:
            card.remove_after(after)

    return before


def _ins(run_apdus: list[bytes], ins: int) -> int:
    return sum(1 for a in run_apdus if a[1] == ins)


def test_download_resumes_from_loaded_after_the_card_was_pulled(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    first = flow_platform.run("download", card, app_id=APP, before=_pull_in_script_3(10**6))
    assert first.state == "done"  # a dry run to learn the size of script 3
    blocks = first.result["load_blocks"]
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    # INSTALL [for load] + every LOAD block run, then the card leaves before INSTALL [for install].
    broken = flow_platform.run("download", card, app_id=APP, before=_pull_in_script_3(1 + blocks))
    assert (broken.state, broken.error["code"]) == ("failed", "card.removed")
    assert broken.error["detail"]["state"] == "Loaded"
    assert app_state(flow_platform, seid, APP) == "Loaded"
    assert card.state.load_file(LOAD_FILE) is not None and card.state.app(INSTANCE) is None
    card.power_on()
    again = flow_platform.run("download", card, app_id=APP)
    assert again.state == "done", again.error
    assert again.round_trips == 3
    assert again.result["resumed_from"] == "Loaded"
    assert _ins(again.apdus(), Ins.LOAD) == 0
    assert app_state(flow_platform, seid, APP) == "Usable"
    assert card.state.app(INSTANCE) is not None


def test_download_pulled_mid_load_starts_over(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    broken = flow_platform.run("download", card, app_id=APP, before=_pull_in_script_3(20))
    assert (broken.state, broken.error["code"]) == ("failed", "card.removed")
    assert app_state(flow_platform, seid, APP) == "Ready"
    card.power_on()  # the torn load is discarded by the card
    assert card.state.load_file(LOAD_FILE) is None
    again = flow_platform.run("download", card, app_id=APP)
    assert again.state == "done", again.error
    assert again.result["resumed_from"] == "Ready" and again.result["load_blocks"] > 90


def test_residue_of_an_unrecorded_download_is_deleted_first(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    assert flow_platform.run("download", card, app_id="JCMemory").state == "done"
    the_app = app_id(flow_platform, "JCMemory")
    with transaction(flow_platform.sessions) as session:  # the platform never heard of that download
        set_state(session, seid, the_app, AppState.READY)
    run = flow_platform.run("download", card, app_id="JCMemory")
    assert run.state == "done", run.error
    assert run.result["residues_deleted"] == ["4A43416C6754657375"]
    deletes = [a for a in run.scripts[2]["commands"] if bytes.fromhex(a["apdu"])[1] == Ins.DELETE]
    assert len(deletes) == 1
    assert [a.aid.hex().upper() for a in card.state.apps if a.load_file_aid == bytes.fromhex("4A43416C6754657375")] == [
        "4A43416C675465737531"
    ]
    assert app_state(flow_platform, seid, "JCMemory") == "Usable"


def test_second_client_on_a_busy_se_is_refused(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    first = flow_platform.login("clerk1", "counter-01")
    reply = flow_platform.start(first, "download", card, app_id="JCMemory")
    assert reply.status_code == 200
    view = reply.json()
    second = flow_platform.login("clerk2", "counter-02")
    busy = flow_platform.start(second, "query", card)
    assert busy.status_code == 409
    assert busy.json()["code"] == "se_busy" and view["id"] not in busy.text  # kiosk-safe (issue 9)
    done = flow_platform.relay(first, view, card, {})
    assert done.state == "done", done.error
    assert flow_platform.run("query", card, client=second).state == "done"


def test_a_step_posted_twice_runs_once(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    client = flow_platform.login()
    view = flow_platform.start(client, "lock", card, app_id="JCMemory").json()
    assert view["state"] == "failed"  # not on the card yet: refused before any script
    assert flow_platform.run("download", card, client=client, app_id="JCMemory").state == "done"
    view = flow_platform.start(client, "lock", card, app_id="JCMemory").json()
    step1 = run_script(card, view["script"])
    view = flow_platform.post(client, view, step1).json()
    step2 = run_script(card, view["script"])  # per-card keys: the identity and the lock in one script
    answers = [flow_platform.post(client, view, step2) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert answers[0].json()["state"] == "done"
    changed = dict(step2, responses=step2["responses"][:-1] + ["6A88"])
    conflict = flow_platform.post(client, view, changed)
    assert conflict.status_code == 409 and conflict.json()["code"] == "step.conflict"


def test_wrong_card_on_the_reader_fails_before_authentication(flow_platform: FlowPlatform) -> None:
    started_with, on_reader = flow_platform.card(), flow_platform.card()
    client = flow_platform.login()
    reply = flow_platform.start(client, "download", started_with, app_id="JCMemory")
    run = flow_platform.relay(client, reply.json(), on_reader, {})
    assert (run.state, run.error["code"]) == ("failed", "card.wrong_card")
    assert run.round_trips == 1
    assert on_reader.state.key_sets[0].seq == 0  # no EXTERNAL AUTHENTICATE reached it


def test_wrong_keys_fail_with_card_cryptogram_and_no_retry(flow_platform: FlowPlatform) -> None:
    seid = new_seid()
    flow_platform.card(seid=seid)  # registers and binds the SEID
    card = VirtualCard.create(None, bytes.fromhex(seid), keys=(bytes(range(16)),) * 3)
    run = flow_platform.run("query", card)
    assert (run.state, run.error["code"]) == ("failed", "scp02.card_cryptogram")
    assert "message_en" not in run.error
    assert run.round_trips == 1
    assert card.state.key_sets[0].failures == 0


def test_unknown_operation_params_are_refused(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    for params, code in (({}, "app.missing"), ({"app_id": "NoSuchApp"}, "app.unknown")):
        run = flow_platform.run("download", card, **params)
        assert (run.state, run.error["code"]) == ("failed", code)


def test_garbage_responses_fail_cleanly(flow_platform: FlowPlatform) -> None:
    card = flow_platform.card()
    client = flow_platform.login()
    view = flow_platform.start(client, "query", card).json()
    body = {"step": 1, "responses": ["9000", "9000", "9000", "9000"], "completed": True}
    reply = flow_platform.post(client, view, body)
    assert reply.status_code == 200
    assert reply.json()["state"] == "failed" and reply.json()["error"]["code"] == "step.too_many_responses"
    view = flow_platform.start(client, "query", card).json()
    reply = flow_platform.post(client, view, {"step": 1, "responses": ["9000", "6A88"], "completed": False})
    assert reply.json()["error"]["code"] == "card.status_word"
    assert reply.json()["error"]["detail"]["sw"] == "6A88"



def test_download_resumes_from_instantiated_with_personalisation_only(flow_platform: FlowPlatform) -> None:
    name, instance = "PChovanecJCOpenPGP", bytes.fromhex("D2760001240102000000000000010000")
    probe = flow_platform.run("download", flow_platform.card(), app_id=name, cardholder_name="Wang Wu")
    blocks = probe.result["load_blocks"]
    card = flow_platform.card()
    seid = card.state.seid.hex().upper()
    # INSTALL [for load] + LOAD blocks + INSTALL [for install] run; personalisation does not.
    broken = flow_platform.run("download", card, app_id=name, cardholder_name="Wang Wu", before=_pull_in_script_3(2 + blocks))
    assert broken.error["detail"]["state"] == "Instantiated"
    assert app_state(flow_platform, seid, name) == "Instantiated"
    assert card.state.app(instance) is not None and not card.state.app(instance).data
    card.power_on()
    again = flow_platform.run("download", card, app_id=name, cardholder_name="Wang Wu")
    assert again.state == "done", again.error
    assert again.result["resumed_from"] == "Instantiated"
    script3 = [bytes.fromhex(c["apdu"]) for c in again.scripts[2]["commands"]]
    assert {a[1] for a in script3} == {Ins.INSTALL, Ins.STORE_DATA}  # INSTALL [for personalization] + data
    assert all(a[2] == 0x20 for a in script3 if a[1] == Ins.INSTALL)
    assert card.state.app(instance).data[0x5B] == b"Wang Wu"
    assert app_state(flow_platform, seid, name) == "Usable"


def test_checkpoints_hold_no_keys(flow_platform: FlowPlatform) -> None:
    import json

    import sqlalchemy as sa

    from ota.gp.constants import DEFAULT_TEST_KEY
    from ota.gp.scp02 import StaticKeys, derive_session_keys
    from ota.platform.models import Operation

    card = flow_platform.card()
    client = flow_platform.login()
    view = flow_platform.start(client, "download", card, app_id="JCMemory").json()
    view = flow_platform.post(client, view, run_script(card, view["script"])).json()
    assert view["state"] == "running" and view["step"] == 2
    checkpoint = flow_platform.scalar(sa.select(Operation.checkpoint).where(Operation.id == view["id"]))
    text = json.dumps(checkpoint).upper()
    own = card.state.key_sets[0]  # the card's keys, diversified from the master key
    session = derive_session_keys(StaticKeys(own.enc, own.mac, own.dek, own.kvn), own.seq)
    for secret in (DEFAULT_TEST_KEY, own.enc, own.mac, own.dek, session.enc, session.mac, session.dek, session.rmac):
        assert secret.hex().upper() not in text
    assert set(checkpoint["card"]["channel"]) == {"seq", "level", "icv", "rmac_icv", "options"}
