"""A step's writes without the ORM's unit of work (issue 15 item 1, round 5), counted in statements.

Over real HTTPS on SQLite and PostgreSQL: a posted step reads its operation (locked), the SE,
the SE's batch and any stored answer in one SELECT, renews its link with one statement, changes
the operation row with one UPDATE and stores its answer with one INSERT; the policy look-up
of a step reads nothing once this process knows the operation.  A flow that wrote and then
failed leaves none of its writes, and its answer is the operation as stored.
"""

from __future__ import annotations

import json

import orjson
import sqlalchemy as sa

from ota.platform.db import json_dumps
from ota.platform.models import Operation, SeKeyState
from tests.platform.flow_support import FlowPlatform, flow_platform, identity, run_script  # noqa: F401
from tests.platform.test_step_cost import lock_after_download

APP = "JCMemory"


def test_a_posted_step_is_one_read_one_renewal_one_update_and_one_insert(flow_platform: FlowPlatform) -> None:
    run, per_request = lock_after_download(flow_platform)
    posted = per_request[1:]
    assert len(posted) == run.round_trips
    for i, step in enumerate(posted):
        reads = [s for s in step if s.startswith("SELECT") and "FROM operations" in s]
        assert len(reads) == 1, step  # no separate policy look-up of the kind either
        assert "JOIN secure_elements" in reads[0] and "JOIN se_batches" in reads[0]
        assert "JOIN operation_steps" in reads[0]
        assert not [s for s in step if "FROM secure_elements" in s and s not in reads], step
        assert not [s for s in step if "FROM se_batches" in s and s not in reads], step
        assert not [s for s in step if s.startswith("SELECT") and "FROM operation_steps" in s and s not in reads]
        assert sum(s.startswith("UPDATE operations") for s in step) == 1, step
        assert sum(s.startswith("INSERT INTO operation_steps") for s in step) == 1, step
        links = [s for s in step if "se_links" in s]
        last = i == len(posted) - 1
        assert links[0].startswith("UPDATE se_links") and "RETURNING" in links[0], step
        assert len(links) == (2 if last else 1), step  # the last step also lets the link go
        if last:
            assert links[1].startswith("DELETE FROM se_links")


def test_a_flow_that_wrote_then_failed_leaves_nothing_and_answers_what_is_stored(
    flow_platform: FlowPlatform,
) -> None:
    card = flow_platform.card()
    client = flow_platform.login()
    assert flow_platform.run("download", card, client=client, app_id=APP).state == "done"
    seid = identity(card)["seid"]
    recorded = [sa.select(column).where(SeKeyState.seid == seid) for column in (SeKeyState.seq, SeKeyState.updated_at)]
    before = [flow_platform.scalar(q) for q in recorded]
    assert None not in before
    view = flow_platform.start(client, "lock", card, app_id=APP).json()
    body = run_script(card, view["script"])
    # The card's cryptogram is wrong: the flow records the card's counter (one UPDATE), then
    # refuses the cryptogram, and its savepoint takes the counter back.
    answer = bytearray(bytes.fromhex(body["responses"][1]))
    answer[-3] ^= 0x01
    body["responses"][1] = answer.hex().upper()
    failed = flow_platform.post(client, view, body)
    assert failed.status_code == 200 and failed.json()["state"] == "failed", failed.text
    assert [flow_platform.scalar(q) for q in recorded] == before
    stored = client.get(flow_platform.api(f"/operations/{view['id']}")).json()
    assert failed.json() == stored
    step = flow_platform.scalar(sa.select(Operation.step).where(Operation.id == view["id"]))
    assert failed.json()["step"] == step == view["step"]


def test_json_columns_are_written_by_orjson_and_what_it_refuses_by_the_standard_library() -> None:
    plain = {"step": 3, "commands": [{"apdu": "80E60200", "accept": ["9000"]}], "note": "中文"}
    assert json_dumps(plain) == orjson.dumps(plain).decode()
    for refused in ({"serial": 2**70}, {1: "key that is not text"}):
        assert json_dumps(refused) == json.dumps(refused)  # nothing storable is refused
    assert json.loads(json_dumps({"serial": 2**70}))["serial"] == 2**70
