"""``hallterm perso-update --app``: the personalisation update (seed §5.8.4.6) from the counter's
command line, against the real platform over HTTPS: the app's data on the card are replaced by
the provider's current ones, the receipt says which service ran, and a clerk's terminal relays
only (the card keys stay on the platform)."""

from __future__ import annotations

import re
from pathlib import Path

from app.cli import ExitCode
from app.demo import DemoEnvironment
from ota.platform.demo import DEMO_SEIDS
from ota.vse.card import VirtualCard
from tests.app.e2e.conftest import MSISDN, Cli

APP = "PChovanecJCOpenPGP"  # the demo's mode-3 personalisation template (cardholder name, MSISDN)


def _app_data(demo: DemoEnvironment) -> bytes:
    """What the applet holds, read from the card file the CLI's virtual reader keeps."""
    assert demo.config is not None
    cards = [VirtualCard.load(Path(p)) for p in demo.config.virtual_readers.values()]
    card = next(c for c in cards if c.state.seid.hex().upper() == DEMO_SEIDS[0])
    return b"".join(v for a in card.state.apps if not a.is_sd for v in a.data.values())


def test_perso_update_replaces_the_apps_data(cli: Cli, demo: DemoEnvironment) -> None:
    rc, out, _ = cli("download", APP, "--msisdn", MSISDN, "--param", "cardholder_name=Li Lei")
    assert rc == ExitCode.OK, out
    assert b"Li Lei" in _app_data(demo)

    rc, out, _ = cli("perso-update", "--app", APP, "--param", "cardholder_name=Han Meimei")
    assert rc == ExitCode.OK, (out["error_code"], out["error"])
    assert (out["kind"], out["receipt"]["title"]["code"]) == ("perso_update", "service.title.perso_update")
    assert out["receipt"]["title"]["text"] == "应用个人化更新"  # the CLI's words, in the config's language
    assert b"Han Meimei" in _app_data(demo)

    rc, out, _ = cli("perso-update", "--app", "JCMemory")  # not on the phone: refused, said why
    assert rc == ExitCode.FAILED and out["error_code"] == "perso.not_installed"
    assert out["error"]["code"] == "perso.not_installed" and re.search(r"[\u4e00-\u9fff]", out["error"]["text"])

    rc, journal, _ = cli("journal")
    assert [(e["kind"], e["state"]) for e in journal["entries"]][-2:] == [("perso_update", "done"),
                                                                         ("perso_update", "failed")]
