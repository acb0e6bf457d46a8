"""Every counter service through the CLI against the real platform over HTTPS (in-process SEs)."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from app.cli import ExitCode
from app.demo import DemoEnvironment
from ota.platform.demo import DEMO_SEIDS
from tests.app.e2e.conftest import MSISDN, Cli, app_states


def test_query_of_a_fresh_se(cli: Cli) -> None:
    rc, report, _ = cli("query")
    assert rc == ExitCode.OK
    assert report["seid"] == DEMO_SEIDS[0]
    assert report["apps"] == []
    assert report["space"]["free_measured"] == report["space"]["total"] == 512 * 1024
    assert report["cplc"]["ic_serial_number"]
    assert report["outcome"]["journal_id"]


def test_download_lock_unlock_delete_cycle(cli: Cli) -> None:
    rc, out, err = cli("download", "JCMemory", "--msisdn", MSISDN)
    assert rc == ExitCode.OK, out
    assert "[load]" in err  # block progress on stderr
    rc, report, _ = cli("query")
    assert rc == ExitCode.OK and app_states(report) == {"JCMemory": "Usable"}
    assert report["msisdn"] == MSISDN and report["space"]["used"] > 0

    assert cli("lock", "JCMemory")[0] == ExitCode.OK
    _, report, _ = cli("query")
    assert app_states(report) == {"JCMemory": "Locked"}

    assert cli("unlock", "JCMemory")[0] == ExitCode.OK
    _, report, _ = cli("query")
    assert app_states(report) == {"JCMemory": "Usable"}

    rc, out, _ = cli("delete", "JCMemory")
    assert rc == ExitCode.OK, out
    _, report, _ = cli("query")
    assert "JCMemory" not in {a["name"] for a in report["apps"] if a["state"] != "Ready"}

    rc, journal, _ = cli("journal")
    kinds = [(e["kind"], e["state"]) for e in journal["entries"]]
    assert ("download", "done") in kinds and ("delete", "done") in kinds and len(kinds) == 8


def test_unregistered_se_is_refused_with_reason(cli: Cli, demo: DemoEnvironment) -> None:
    # The demo binds both phones to one subscriber; unbind the first to play a brand-new SE.
    with demo._engine.begin() as db:
        db.execute(sa.text("DELETE FROM msisdn_bindings WHERE seid = :s"), {"s": DEMO_SEIDS[0]})
    rc, out, _ = cli("download", "JCMemory")
    assert rc == ExitCode.FAILED
    assert out["error_code"] == "se.unregistered"
    assert out["error"]["code"] == "se.unregistered" and out["error"]["text"] and not out["ok"]


def test_migrate_with_two_readers(cli: Cli) -> None:
    assert cli("download", "YubicoYubiKeyOath", "--msisdn", MSISDN)[0] == ExitCode.OK
    rc, out, _ = cli("migrate", "YubicoYubiKeyOath", "--to-reader", "00 01", "--msisdn", MSISDN)
    assert rc == ExitCode.OK, out
    _, old, _ = cli("query")
    _, new, _ = cli("query", "--reader", "00 01")
    assert new["seid"] == DEMO_SEIDS[1]
    assert app_states(new).get("YubicoYubiKeyOath") in ("Personalized", "Usable")
    assert "YubicoYubiKeyOath" not in {a["name"] for a in old["apps"] if a["state"] != "Ready"}


def test_change_number(cli: Cli) -> None:
    assert cli("download", "JCMemory", "--msisdn", MSISDN)[0] == ExitCode.OK
    rc, out, _ = cli("change-number", "13800138009", "--imsi", "460001234567899")
    assert rc == ExitCode.OK, (out["error_code"], out["error"])
    assert out["msisdn"] == "13800138009"
    _, report, _ = cli("query")
    assert report["msisdn"] == "13800138009"


def test_unknown_app_is_refused(cli: Cli) -> None:
    rc, out, _err = cli("lock", "NoSuchApp", "--msisdn", MSISDN)
    assert rc == ExitCode.FAILED
    assert out["error_code"] == "app.unknown" and "NoSuchApp" in out["error"]["params"].values()
    assert "NoSuchApp" in out["error"]["text"]  # the console's words, the name filled in


def test_wrong_password_exit_code(cli: Cli) -> None:
    rc, out, _ = cli("query", "--operator", "clerk1", "--password-stdin", stdin="wrong\n")
    assert rc == ExitCode.PLATFORM and out["error"]["code"] == "auth.invalid"


def test_password_on_the_command_line_is_refused(cli: Cli) -> None:
    rc, out, _ = cli("query", "--operator", "clerk1", "--password", "clerk1-demo")
    assert rc == ExitCode.USAGE and out["error"]["code"] == "input.invalid"
    assert "clerk1-demo" not in json.dumps(out)


def test_bad_config_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"platform_url": "https://127.0.0.1:1", "language": "klingon"}))
    rc, out, err = cli("query", "--config", str(bad), "--operator", "a", "--password-stdin", "--json", demo=False,
                     stdin="b\n")
    assert rc == ExitCode.USAGE
    assert out["error"]["code"] == "config.invalid"
    assert str(bad) in err and "language" in err


def test_platform_down_exit_code(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "down.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "virtual_readers": {}}))
    rc, out, _ = cli("lock", "X", "--config", str(config), "--operator", "a", "--password-stdin", "--json",
                     demo=False, stdin="b\n")
    assert rc == ExitCode.PLATFORM and out["error"]["code"] == "platform.unreachable"


def test_card_info_and_readers_need_no_platform(cli: Cli) -> None:
    cli.env.stop()  # the platform is gone; reading the card must still work
    rc, info, _ = cli("card", "info", "--reader", "00 01")
    assert rc == ExitCode.OK
    assert info["seid"] == DEMO_SEIDS[1] and info["resources"]["free_nvm"] > 0
    assert info["card_recognition"]["gp_version"] == "2.2.1"
    assert info["card_recognition"]["scps"] == ["SCP02 i=35"]  # R-MAC capable (issue 9)
    rc, readers, _ = cli("readers")
    assert [r["name"] for r in readers["readers"]] == ["Virtual PCD 00 00", "Virtual PCD 00 01", "Virtual PCD 00 02"]


def test_catalog_lists_the_demo_apps(terminal) -> None:  # type: ignore[no-untyped-def]
    """Needs the platform's GET /api/v1/apps (the download screen's list)."""
    from app.services.catalog import list_apps

    apps = {a.name: a for a in list_apps(terminal.context())}
    assert {"JCMemory", "YubicoYubiKeyOath", "PChovanecJCOpenPGP"} <= set(apps)
    assert apps["PChovanecJCOpenPGP"].needs_personalization
    assert apps["YubicoYubiKeyOath"].needs_activation
    assert apps["JCMemory"].title_zh
