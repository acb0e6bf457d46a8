"""``hallterm platform export|import`` carries each instance's labels and own personalisation
template (issue 14, seed §5.8.4.1): exported, loaded into a fresh platform, they are there, and a
template's encrypted records arrive as the ciphertext they were (the fresh platform does not even
hold the provider's transport keys).  A version 1 document, from before instances travelled,
still imports; an entry for an instance the submission does not declare is refused whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ota.platform.cli import main
from ota.platform.db import make_engine
from ota.platform.models import AppInstance, Application
from tests.platform.admin_support import NEW_CAP_APPLET, NEW_CAP_PACKAGE, AdminPlatform, admin_platform, forged_cap  # noqa: F401

FIRST, SECOND = NEW_CAP_APPLET + "01", NEW_CAP_APPLET + "02"
SEALED = {"mode": 3, "format": "DGI", "transport": "transport-acme",  # the provider's data, under its TK / KEK
          "records": [{"tag": "0101", "tk": "9F3A5C7E11223344"}, {"tag": "8010", "kek": "51C2A0B1C2D3E4F5"}]}


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:  # a document the model refuses
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _db(tmp_path: Path, name: str) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / name}", "--master-key", str(tmp_path / "master.key")]


def _instances(url: str) -> dict[str, tuple[str, str, Any]]:
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            rows = c.execute(sa.select(AppInstance.instance_aid, AppInstance.label_zh, AppInstance.label_en,
                                       AppInstance.perso_template)
                             .join(Application, Application.id == AppInstance.application_id)
                             .where(Application.name == "TwoCards"))
            return {r[0]: (r[1], r[2], r[3]) for r in rows}
    finally:
        engine.dispose()


def _exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A platform with TwoCards: the first instance labelled with its own sealed data, the second labelled."""
    cap, template = tmp_path / "two.cap", tmp_path / "first.json"
    cap.write_bytes(forged_cap())
    template.write_text(json.dumps(SEALED), encoding="utf-8")
    source = _db(tmp_path, "source.sqlite3")
    assert _cli(capsys, "init-demo", *source)[0] == 0
    code, _, err = _cli(capsys, "app", "submit", *source, "--cap", str(cap), "--name", "TwoCards", "--provider", "CRoCS",
                        "--version", "1.0", "--load-file-aid", NEW_CAP_PACKAGE, "--module", NEW_CAP_APPLET,
                        "--main-module", NEW_CAP_APPLET, "--instance", FIRST, "--instance", SECOND,
                        "--personalisation", "--batch", "DEMO-A")
    assert code == 0, err
    code, _, err = _cli(capsys, "app", "instance", *source, "TwoCards", FIRST, "--perso", str(template),
                        "--label-zh", "门禁卡", "--label-en", "Door card")
    assert code == 0, err
    assert _cli(capsys, "app", "instance", *source, "TwoCards", SECOND, "--label-zh", "停车卡")[0] == 0
    document = tmp_path / "config.json"
    assert _cli(capsys, "export", *source, "--out", str(document))[0] == 0
    return json.loads(document.read_text(encoding="utf-8"))


def test_instance_labels_and_own_templates_survive_export_and_import(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = _exported(tmp_path, capsys)
    assert doc["version"] == 2
    [app] = [a for a in doc["catalog"] if a["submission"]["name"] == "TwoCards"]
    assert app["instances"] == [
        {"aid": FIRST, "label_zh": "门禁卡", "label_en": "Door card", "perso_template": SEALED},
        {"aid": SECOND, "label_zh": "停车卡", "label_en": "", "perso_template": None}]

    document = tmp_path / "config.json"
    code, out, err = _cli(capsys, "import", str(document), *_db(tmp_path, "fresh.sqlite3"))
    assert code == 0 and "TwoCards" in json.loads(out)["added"]["catalog"], err
    assert _instances(f"sqlite:///{tmp_path / 'fresh.sqlite3'}") == {
        FIRST: ("门禁卡", "Door card", SEALED),  # the ciphertext as it was stored, not decrypted
        SECOND: ("停车卡", "", None)}  # no own template: it gets the application's


def test_a_version_1_document_still_imports_and_an_undeclared_instance_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    doc = _exported(tmp_path, capsys)
    old = tmp_path / "v1.json"
    old.write_text(json.dumps({**doc, "version": 1, "catalog": [
        {k: v for k, v in a.items() if k != "instances"} for a in doc["catalog"]]}), encoding="utf-8")
    code, out, err = _cli(capsys, "import", str(old), *_db(tmp_path, "old.sqlite3"))
    assert code == 0 and "TwoCards" in json.loads(out)["added"]["catalog"], err
    assert _instances(f"sqlite:///{tmp_path / 'old.sqlite3'}") == {FIRST: ("", "", None), SECOND: ("", "", None)}

    stray = [dict(a, instances=[{"aid": NEW_CAP_APPLET + "09", "label_zh": "别的"}])
             if a["submission"]["name"] == "TwoCards" else a for a in doc["catalog"]]
    bad = tmp_path / "stray.json"
    bad.write_text(json.dumps({**doc, "catalog": stray}), encoding="utf-8")
    code, _, err = _cli(capsys, "import", str(bad), *_db(tmp_path, "stray.sqlite3"))
    assert code == 1 and "request.invalid" in err and "instances" in err, err


def test_the_admin_api_imports_the_instances_over_https(admin_platform: AdminPlatform, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    p = admin_platform
    doc = _exported(tmp_path, capsys)
    admin = p.login("admin", "laptop-01")  # a configuration is the platform admin's
    reply = admin.post(p.admin("/config"), json=doc)
    assert reply.status_code == 200 and "TwoCards" in reply.json()["added"]["catalog"], reply.text
    listed = admin.get(p.admin("/apps/TwoCards/instances")).json()["instances"]
    assert [(i["aid"], i["label_zh"], i["label_en"], i["own_perso"]) for i in listed] == [
        (FIRST, "门禁卡", "Door card", True), (SECOND, "停车卡", "", False)]
    with p.db.connect() as c:
        assert c.scalar(sa.select(AppInstance.perso_template).where(AppInstance.instance_aid == FIRST)) == SEALED
    exported = admin.get(p.admin("/config")).json()  # and out again, as it came in

    def two_cards(document: dict[str, Any]) -> Any:
        return next(a["instances"] for a in document["catalog"] if a["submission"]["name"] == "TwoCards")

    assert two_cards(exported) == two_cards(doc)
