"""Security-domain and personalisation flows through the real PC/SC stack (issue 13): terminal
services -> pyscard -> pcscd -> vpcd -> the demo's virtual SE, the platform over HTTPS:
SD create (its own keys by PUT KEY, PERSONALIZED) -> an app downloaded into it -> its
personalisation update -> app delete -> SD delete.  Run under
``flock /tmp/hallterm-pcsc.lock`` (pcscd is shared)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.demo import DemoEnvironment
from app.services.delete import delete
from app.services.download import download
from app.services.perso_update import perso_update
from app.services.security_domain import sd_create, sd_delete
from app.terminal import Terminal
from ota.gp.constants import Privilege
from ota.gp.crypto import pad80, tdes_cbc_encrypt, tdes_ecb_encrypt
from ota.gp.scp02 import StaticKeys
from ota.platform.db import session_factory, transaction
from ota.platform.demo import DEMO_OWNER
from ota.platform.keystore import SoftwareKeyStore, load_master_key
from ota.platform.models import Application, SecurityDomain
from ota.vse.card import VirtualCard
from tests.integration.pcsc_stack import READERS, PcscStack

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]
READER = READERS[0]
SSD = "A00000015153504109"
APP = "YubicoYubiKeyOath"
TRANSPORT = StaticKeys(os.urandom(16), os.urandom(16), os.urandom(16), 0x01)


def _mode2_template(clear: bytes, secret: bytes) -> dict[str, object]:
    """Seed §5.8.4.6.2: the provider's data under its transport key (TK), the sensitive value under
    its KEK; the app takes them itself in a channel on its SD's keys."""
    return {"mode": 2, "format": "DGI", "transport": "transport-acme", "records": [
        {"tag": "0101", "tk": tdes_cbc_encrypt(TRANSPORT.enc, pad80(clear)).hex()},
        {"tag": "8010", "kek": tdes_ecb_encrypt(TRANSPORT.dek, secret).hex()},
    ]}


def _set_template(env: DemoEnvironment, template: dict[str, object]) -> None:
    with transaction(session_factory(env._engine)) as session:
        app = session.scalars(sa.select(Application).where(Application.name == APP)).one()
        app.perso_template, app.needs_personalisation = template, True


@pytest.fixture
def demo_on_pcsc(stack: PcscStack, tmp_path: Path) -> Iterator[tuple[Terminal, DemoEnvironment]]:
    """The demo on pcscd, with a Mobile SSD (its key set in the demo's key service) that the app
    belongs to, and the app's provider's transport keys."""
    env = DemoEnvironment(tmp_path / "demo", use_pcsc=True).start()
    terminal = None
    try:
        sessions = session_factory(env._engine)
        keystore = SoftwareKeyStore(sessions, load_master_key(env.data_dir / "master.key"))
        keystore.add_key_set("ssd-pcsc", 0x01, os.urandom(16), os.urandom(16), os.urandom(16))
        keystore.add_key_set("transport-acme", 0x01, TRANSPORT.enc, TRANSPORT.mac, TRANSPORT.dek)
        with transaction(sessions) as session:
            session.add(SecurityDomain(aid=SSD, name="Mobile SSD", owner="mobile",
                                       privileges=int(Privilege.SECURITY_DOMAIN), key_set_ref="ssd-pcsc"))
            session.scalars(sa.select(Application).where(Application.name == APP)).one().sd_aid = SSD
        stack.wait_card(0)
        assert env.config is not None
        terminal = Terminal.open(env.config)
        terminal.login("clerk1", "clerk1-demo")
        yield terminal, env
    finally:
        if terminal is not None:
            terminal.close()
        env.stop()
        for slot in (0, 1):
            stack.wait_card(slot, present=False, timeout=10)


def test_sd_create_download_perso_update_delete_through_pcscd(
    demo_on_pcsc: tuple[Terminal, DemoEnvironment],
) -> None:
    terminal, env = demo_on_pcsc
    card: VirtualCard = env.cards[READER]
    ssd = bytes.fromhex(SSD)

    created = sd_create(terminal.context(), READER, SSD, msisdn=DEMO_OWNER)
    assert created.ok, (created.error_code, created.error)
    on_card = card.state.app(ssd)
    assert on_card is not None and on_card.life_cycle == 0x0F and [k.kvn for k in on_card.key_sets] == [0x01]

    secret, clear = os.urandom(16), b"ACME loyalty 0001"
    _set_template(env, _mode2_template(clear, secret))
    done = download(terminal.context(), READER, APP)
    assert done.ok, (done.error_code, done.error)
    [app] = [a for a in card.state.apps if not a.is_sd]
    assert app.sd_aid == ssd

    refused = sd_delete(terminal.context(), READER, SSD)
    assert not refused.ok and refused.error_code == "sd.holds_apps"

    updated = perso_update(terminal.context(), READER, APP)
    assert updated.ok, (updated.error_code, updated.error)
    assert (app.data[0x0101], app.data[0x8010]) == (clear, secret)  # what the app decrypted itself

    assert delete(terminal.context(), READER, APP).ok
    gone = sd_delete(terminal.context(), READER, SSD)
    assert gone.ok, (gone.error_code, gone.error)
    assert card.state.app(ssd) is None and not [a for a in card.state.apps if not a.is_sd]
