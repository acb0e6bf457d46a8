"""The README's path for a new operator, through ``hallterm platform …`` only: publish your own CAP,
keep the configuration in a file, and serve the app at the counter over HTTPS."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from ota.platform import tls
from ota.platform.api import create_app
from ota.platform.cli import main
from ota.platform.db import make_engine, session_factory
from ota.platform.demo import DEMO_SEIDS
from ota.platform.flows import default_registry
from ota.platform.keystore import SoftwareKeyStore, load_master_key
from ota.platform.models import AuditEntry
from ota.platform.server import ServerThread
from ota.platform.settings import PlatformSettings
from ota.vse.factory import new_card
from tests.platform.admin_support import NEW_CAP_APPLET, NEW_CAP_PACKAGE, forged_cap
from tests.platform.conftest import _fresh_pg_database, enrol_test_terminals, terminal_cert
from tests.platform.flow_support import FlowPlatform


def _cli(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    import sys

    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return code, out, err


def test_publish_your_own_cap_and_serve_it_at_the_counter(
    db_url: str, tmp_path: Path, tls_files: tls.TlsFiles, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the refusals below are printed in zh words (ota.wording)
    my_cap = tmp_path / "my.cap"
    my_cap.write_bytes(forged_cap())
    db = ["--db", db_url, "--master-key", str(tmp_path / "master.key")]
    assert _cli(capsys, "init-demo", *db)[0] == 0

    # inspect the CAP, register and approve the provider
    code, out, _ = _cli(capsys, "app", "inspect", str(my_cap))
    inspected = json.loads(out)
    assert (inspected["load_file_aid"], inspected["modules"]) == (NEW_CAP_PACKAGE, [NEW_CAP_APPLET])
    assert _cli(capsys, "provider", "register", "MyCo", *db)[0] == 0
    code, out, _ = _cli(capsys, "provider", "approve", "MyCo", "--account", "myco", "--password-stdin", *db,
                        stdin="myco-password-1\n")
    assert code == 0 and json.loads(out)["spid"] and "myco-password-1" not in out
    assert (json.loads(out)["state"], json.loads(out)["state_words"]) == ("approved", "审核成功")  # worded here

    submit = ["app", "submit", *db, "--cap", str(my_cap), "--name", "MyProbe", "--provider", "MyCo",
              "--version", "1.0", "--title-zh", "我的探针", "--title-en", "My probe", "--batch", "DEMO-A",
              "--load-file-aid", inspected["load_file_aid"], "--main-module", NEW_CAP_APPLET,
              "--instance", NEW_CAP_APPLET]
    code, _, err = _cli(capsys, *submit, "--module", "A000000001020304")
    assert code == 1 and "release.structure_mismatch" in err and "load_files[0].modules" in err
    assert "申报的应用结构与 CAP 文件不符（load_files[0].modules），请更正该项后重新提交。" in err, err
    code, out, err = _cli(capsys, *submit, "--module", NEW_CAP_APPLET)
    assert code == 0, err
    assert json.loads(out)["state"] == "initial"
    assert _cli(capsys, "app", "publish", "MyProbe", "--batch", "DEMO-A", *db)[0] == 1  # not tested yet
    for step in (["app", "audit", "MyProbe"], ["app", "test", "MyProbe"], ["app", "publish", "MyProbe", "--batch", "DEMO-A"]):
        code, out, err = _cli(capsys, *step, *db)
        assert code == 0, err
    assert (json.loads(out)["state"], json.loads(out)["state_words"]) == ("published", "已发布")
    # its companion phone app (§5.4.7): a package from a file, then the provider's store page instead
    apk = tmp_path / "myprobe.apk"
    apk.write_bytes(b"PK\x03\x04 a phone app")
    code, out, err = _cli(capsys, "app", "companion", "MyProbe", "--package", str(apk), *db)
    assert code == 0 and json.loads(out)["link"] == "/api/v1/companions/MyProbe", err
    with pytest.raises(SystemExit):  # refused before anything is stored
        _cli(capsys, "app", "companion", "MyProbe", "--url", "http://insecure.example/x", *db)
    assert "request.invalid" in capsys.readouterr().err
    store_page = "https://apps.example.com/myprobe"
    assert _cli(capsys, "app", "companion", "MyProbe", "--url", store_page, *db)[0] == 0
    assert _cli(capsys, "param", "set", "test.msisdns", '["13800138001"]', *db)[0] == 0
    code, out, err = _cli(capsys, "subscriber", "add", "13500135000", "--region", "GD-GZ", *db)
    assert code == 0 and json.loads(out)["in_service"] is True, err
    assert json.loads(_cli(capsys, "subscriber", "leave", "13500135000", *db)[1])["in_service"] is False
    code, out, _ = _cli(capsys, "business-platform", "myco-bp", "--provider", "MyCo", "--capability",
                        "activation_notice", "--password-stdin", *db, stdin="myco-bp-password\n")
    assert code == 0 and json.loads(out)["capabilities"] == ["activation_notice"]
    assert json.loads(_cli(capsys, "expire-activations", *db)[1]) == {"fallen_back": []}

    # the configuration as one document, loaded into a fresh platform
    document = tmp_path / "platform-config.json"
    assert _cli(capsys, "export", *db, "--out", str(document))[0] == 0
    doc = json.loads(document.read_text())
    assert (doc["format"], doc["version"]) == ("hallterm-platform-config", 2)
    assert {"MyProbe", "JCAlgTest"} <= {a["submission"]["name"] for a in doc["catalog"]}
    assert "myco-password-1" not in document.read_text()
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}" if db_url.startswith("sqlite") else _fresh_pg_database(
        request.getfixturevalue("pg_server_url"))
    fresh = ["--db", fresh_url, "--master-key", str(tmp_path / "master.key")]
    code, out, err = _cli(capsys, "import", str(document), *fresh)
    assert code == 0, err
    report = json.loads(out)
    assert "MyProbe" in report["added"]["catalog"] and "DEMO-A" in report["added"]["batches"]
    code, out, _ = _cli(capsys, "app", "list", "--state", "published", *fresh)
    assert "MyProbe" in [a["name"] for a in json.loads(out)]
    assert json.loads(_cli(capsys, "import", str(document), *fresh)[1])["unchanged"]["catalog"]  # idempotent
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**doc, "version": 99}))
    code, _, err = _cli(capsys, "import", str(bad), *fresh)
    assert code == 1 and "config.version" in err

    # serve it: a clerk downloads MyProbe onto the demo phone over HTTPS
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    keystore = SoftwareKeyStore(sessions, load_master_key(tmp_path / "master.key"))
    app = create_app(engine, keystore=keystore, settings=PlatformSettings(), registry=default_registry())
    server = ServerThread(app, tls=tls_files).start()
    try:
        platform = FlowPlatform(server.url, tls_files.ca_cert, engine, sessions, keystore)
        enrol_test_terminals(sessions)
        clerk = requests.Session()
        clerk.trust_env, clerk.verify = False, str(tls_files.ca_cert)
        clerk.cert = terminal_cert("counter-01")
        token = clerk.post(platform.api("/login"), json={
            "operator": "clerk1", "password": "clerk1-demo", "terminal_id": "counter-01"}).json()["token"]
        clerk.headers["Authorization"] = f"Bearer {token}"
        assert "MyProbe" in [a["name"] for a in clerk.get(platform.api("/apps")).json()["apps"]]
        card = new_card(None, bytes.fromhex(DEMO_SEIDS[0]))
        run = platform.run("download", card, client=clerk, app_id="MyProbe")
        assert run.state == "done", run.error
        assert card.state.load_file(bytes.fromhex(NEW_CAP_PACKAGE)) is not None
        assert run.result["companion"] == {"link": "https://apps.example.com/myprobe", "file_name": ""}
        clerk.close()
    finally:
        server.stop()
        events = [e.event for e in session_factory(engine)().scalars(sa.select(AuditEntry))]
        engine.dispose()
    assert {"provider.approve", "app.submit", "app.publish", "param.set", "config.export"} <= set(events)
