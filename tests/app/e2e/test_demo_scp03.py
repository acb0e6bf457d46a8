"""The demo's third phone speaks SCP03 (issue 12): every counter service through the CLI against
the demo platform over HTTPS, the phone an in-process SCP03 virtual SE of the DEMO-AES batch
(AES-128, i=70, C-MAC + C-DECRYPTION), and migration onto and off it.  The same phone through
pcscd/vpcd: tests/app/e2e/test_pcsc_scp03.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import ExitCode
from app.demo import AES_READER, DemoEnvironment
from ota.platform.demo import DEMO_AES_BATCH, DEMO_AES_SEID, DEMO_SEIDS
from ota.vse.card import VirtualCard
from tests.app.e2e.conftest import MSISDN, Cli, app_states

AES = "00 02"


def _aes_card(demo: DemoEnvironment) -> VirtualCard:
    assert demo.config is not None
    return VirtualCard.load(Path(demo.config.virtual_readers[AES_READER]))


def test_every_counter_service_on_the_scp03_phone(cli: Cli, demo: DemoEnvironment) -> None:
    # The demo says which phone is which, in the banner and in demo.json for --demo.
    banner = demo.banner()
    assert f"{AES_READER}  [in-process, SCP03]  SEID {DEMO_AES_SEID}" in banner
    info = json.loads((demo.data_dir / "demo.json").read_text(encoding="utf-8"))
    assert [(r["seid"], r["scp"], r["mode"]) for r in info["readers"]] == [
        (DEMO_SEIDS[0], "SCP02", "in-process"), (DEMO_SEIDS[1], "SCP02", "in-process"),
        (DEMO_AES_SEID, "SCP03", "in-process")]
    assert (_aes_card(demo).state.scp, _aes_card(demo).state.i) == (0x03, 0x70)

    rc, report, _ = cli("query", "--reader", AES)
    assert rc == ExitCode.OK, report
    assert report["seid"] == DEMO_AES_SEID and report["batch"] == DEMO_AES_BATCH
    assert report["msisdn"] == MSISDN

    rc, out, err = cli("download", "JCMemory", "--reader", AES, "--msisdn", MSISDN)
    assert rc == ExitCode.OK, out
    assert "[load]" in err
    assert cli("lock", "JCMemory", "--reader", AES)[0] == ExitCode.OK
    _, report, _ = cli("query", "--reader", AES)
    assert app_states(report) == {"JCMemory": "Locked"}
    assert cli("unlock", "JCMemory", "--reader", AES)[0] == ExitCode.OK
    rc, out, _ = cli("change-number", "13800138009", "--imsi", "460001234567899", "--reader", AES)
    assert rc == ExitCode.OK, (out["error_code"], out["error"])
    rc, out, _ = cli("delete", "JCMemory", "--reader", AES)
    assert rc == ExitCode.OK, out
    _, report, _ = cli("query", "--reader", AES)
    assert report["msisdn"] == "13800138009"
    assert "JCMemory" not in {a["name"] for a in report["apps"] if a["state"] != "Ready"}

    card = _aes_card(demo)
    assert card.state.msisdn == b"13800138009" and card.state.apps == []
    assert card.state.key_sets[0].seq >= 8  # each service opened its own SCP03 session
    # The SCP02 phones were not touched.
    _, first, _ = cli("query")
    assert first["seid"] == DEMO_SEIDS[0] and first["apps"] == []


def test_migration_onto_and_off_the_scp03_phone(cli: Cli) -> None:
    app = "YubicoYubiKeyOath"
    assert cli("download", app, "--msisdn", MSISDN)[0] == ExitCode.OK
    rc, out, _ = cli("migrate", app, "--to-reader", AES, "--msisdn", MSISDN)  # SCP02 -> SCP03
    assert rc == ExitCode.OK, out
    _, aes, _ = cli("query", "--reader", AES)
    assert app_states(aes).get(app) in ("Personalized", "Usable")

    rc, out, _ = cli("migrate", app, "--reader", AES, "--to-reader", "00 01", "--msisdn", MSISDN)  # SCP03 -> SCP02
    assert rc == ExitCode.OK, out
    _, aes, _ = cli("query", "--reader", AES)
    _, second, _ = cli("query", "--reader", "00 01")
    assert app not in {a["name"] for a in aes["apps"] if a["state"] != "Ready"}
    assert app_states(second).get(app) in ("Personalized", "Usable")
