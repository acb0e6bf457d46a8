"""Security-domain attributes (seed §5.3.1, §5.3.4) over HTTPS: set and shown through the admin API
with the user's words, refused when malformed; the install parameters they generate go into the
SD's INSTALL; a fixed-space SD reserves its space on the SE and refuses a download it cannot
hold; once created on an SE only the deletion rule and the key-update period change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from ota.gp.scp02 import StaticKeys
from ota.platform.db import transaction
from ota.platform.models import Application, AuditEntry, SeBatch, SecureElement
from tests.platform.flow_support import FlowPlatform
from tests.platform.test_keys_hsm_flows import REF, _card_on, _run_cli, hsm_platform  # noqa: F401

SSD = "A00000015153504103"
APP = "YubicoYubiKeyOath"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_attributes_install_parameters_fixed_space_and_lock(
    hsm_platform: FlowPlatform,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    platform = hsm_platform
    batch_keys = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)
    platform.keystore.add_key_set(REF, 0x01, batch_keys.enc, batch_keys.mac, batch_keys.dek)
    platform.keystore.add_key_set("ssd-fixed", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
    with transaction(platform.sessions) as session:
        batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).one()
        batch.key_set_ref, batch.diversification = REF, "visa2"
        needed = session.scalars(sa.select(Application.code_size).where(Application.name == APP)).one()
    assert needed > 0
    admin, clerk = platform.login("admin"), platform.login("clerk1")
    url = platform.api(f"/admin/security-domains/{SSD}")
    sd = {
        "name": "Mobile fixed SSD",
        "owner": "mobile",
        "key_set_ref": "ssd-fixed",
        "space_type": "fixed",
        "space_size": needed - 1,
        "mode": "normal",
        "deletion_rule": "separate",
        "key_update_days": 365,
        "install_params": "0102",
    }

    malformed = admin.put(url, json={**sd, "space_size": None})
    assert malformed.status_code == 422 and "code" in malformed.json()
    assert clerk.put(url, json=sd).json()["code"] == "auth.forbidden"
    saved = admin.put(url, json=sd)
    assert saved.status_code == 200, saved.text
    [shown] = [d for d in admin.get(platform.api("/admin/security-domains")).json()["domains"] if d["aid"] == SSD]
    assert (shown["space_type"], shown["space_size"], shown["mode"]) == ("fixed", needed - 1, "normal")
    assert shown["deletion_rule"] == "separate" and not shown["created"]
    assert not [name for name in shown if name.endswith(("_zh", "_en"))]  # codes only; the consoles word them

    with transaction(platform.sessions) as session:
        session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = SSD
    card = _card_on(platform, batch_keys)
    seid = card.state.seid.hex().upper()
    with transaction(platform.sessions) as session:
        se = session.get(SecureElement, seid)
        assert se is not None
        se.recorded_free_space = 100_000
    run = platform.run("sd_create", card, sd_aid=SSD)
    assert run.state == "done", run.error
    [install] = [a for a in run.apdus() if a[1] == 0xE6]
    quota = (needed - 1).to_bytes(2 if needed - 1 <= 0xFFFF else 4, "big")
    assert bytes.fromhex("C9020102EF") in install and b"\xc8" + bytes((len(quota),)) + quota in install
    with platform.sessions() as session:
        se = session.get(SecureElement, seid)
        assert se is not None and se.recorded_free_space == 100_000 - (needed - 1)

    refused = platform.run("download", card, app_id=APP)
    assert refused.state == "failed" and refused.error["code"] == "sd.no_space"
    assert refused.error["detail"] == {"sd": SSD, "needed": needed, "free": needed - 1}
    assert refused.error["params"] == {"needed": needed, "free": needed - 1}  # the words say how much
    assert not [a for a in refused.apdus() if a[1] == 0xE8]  # no LOAD reached the card

    locked = admin.put(url, json={**sd, "space_size": needed * 2})
    assert locked.status_code == 409 and locked.json()["code"] == "sd.attributes_locked"
    changed = admin.put(url, json={**sd, "deletion_rule": "with_last_app", "key_update_days": 90})
    assert changed.status_code == 200 and changed.json()["deletion_rule"] == "with_last_app"
    # The same from the shell: set refuses the frozen space, list shows the words.
    spec = tmp_path / "sd.json"
    spec.write_text(json.dumps({**sd, "space_size": 1, "deletion_rule": "with_last_app", "key_update_days": 90}))
    code, out = _run_cli(["sd", "set", SSD, "--db", db_url, "--file", str(spec)], "", monkeypatch, capsys)
    assert code == 1 and "sd.attributes_locked" in out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, out = _run_cli(["sd", "list", "--db", db_url], "", monkeypatch, capsys)
    [listed] = [d for d in json.loads(out) if d["aid"] == SSD]
    assert code == 0 and listed["key_update_days"] == 90 and listed["created"] and "wrapped" not in out
    assert (listed["deletion_rule"], listed["deletion_rule_words"]) == ("with_last_app", "随最后一个应用删除")
    assert (listed["space_type_words"], listed["mode_words"]) == ("固定空间", "普通模式")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    [listed] = [d for d in json.loads(_run_cli(["sd", "list", "--db", db_url], "", monkeypatch, capsys)[1])
                if d["aid"] == SSD]
    assert (listed["space_type_words"], listed["mode_words"]) == ("fixed space", "normal mode")
    assert listed["deletion_rule_words"] == "deleted with its last application"

    with platform.sessions() as session:
        events = [e.event for e in session.scalars(sa.select(AuditEntry))]
    assert events.count("sd.attributes") == 2 and "admin.refused" in events
