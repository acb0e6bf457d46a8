"""A platform with the real flows, virtual cards and a small relay loop, for tests/platform/test_flow_*.py.

The relay here is deliberately tiny (the terminal's real one is ``app/relay.py``): read the
card's identity, start, run each script on the card until a status word is not accepted, post
the answers, and hand over another card when the platform asks for one.  ``round_trips`` counts
the scripts the card ran, the figure DESIGN.md §3 sets targets for.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ota.gp.constants import ISD_AID
from ota.gp.responses import parse_cplc
from ota.platform import tls, trust
from ota.platform.api import create_app
from ota.platform.cards import ensure_se
from ota.platform.db import session_factory, transaction
from ota.platform.demo import DemoSummary, card_diversification, init_demo
from ota.platform.flows import default_registry
from ota.platform.keystore import KeyStore, SoftwareKeyStore
from ota.platform.models import Application, ApplicationBatch, MsisdnBinding, SeBatch
from ota.platform.server import ServerThread
from ota.platform.settings import PlatformSettings
from ota.protocol import API_PREFIX
from ota.vse.card import VirtualCard
from ota.vse.errors import CardRemoved
from ota.vse.factory import new_card
from tests.platform.conftest import PASSWORDS, seed_people, terminal_cert

CAPS = Path(__file__).resolve().parents[2] / "resources" / "caps"
MSISDN = "13800138000"
OTHER_MSISDN = "13800138001"
FOREIGN_MSISDN = "13900139000"  # region GD-SZ
DEAD_MSISDN = "13700137000"  # out of service
ISD = bytes.fromhex("A000000151000000")


def new_seid() -> str:
    return "868601" + os.urandom(7).hex().upper()


def identity(card: VirtualCard) -> dict[str, str]:
    """What a terminal reads before starting: SELECT ISD, GET DATA 0045 (SEID) and 9F7F (CPLC)."""
    card.transmit(bytes.fromhex("00A4040008") + ISD + b"\x00")
    seid = card.transmit(bytes.fromhex("00CA004500"))
    cplc = card.transmit(bytes.fromhex("00CA9F7F00"))
    cplc_data = cplc[:-2] if cplc[-2:] == b"\x90\x00" else b""
    if seid[-2:] == b"\x90\x00":
        seid_hex = seid[2:-2].hex().upper()  # 45 len SEID 9000
    else:  # no CIN: the card is known by its CPLC chip identity
        seid_hex = parse_cplc(cplc_data).serial.hex().upper()
    return {"atr": card.atr.hex().upper(), "seid": seid_hex, "cplc": cplc_data.hex().upper()}


def run_script(card: VirtualCard, script: dict[str, Any]) -> dict[str, Any]:
    responses: list[str] = []
    for command in script["commands"]:
        try:
            raw = card.transmit(bytes.fromhex(command["apdu"]))
        except CardRemoved:
            return {"step": script["step"], "responses": responses, "completed": False, "error": "card_removed"}
        responses.append(raw.hex().upper())
        if raw[-2:].hex().upper() not in command["accept"]:
            return {"step": script["step"], "responses": responses, "completed": False}
    return {"step": script["step"], "responses": responses, "completed": True}


@dataclass
class Run:
    view: dict[str, Any]
    round_trips: int
    scripts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def state(self) -> str:
        return str(self.view["state"])

    @property
    def result(self) -> dict[str, Any]:
        return self.view.get("result") or {}

    @property
    def error(self) -> dict[str, Any]:
        return self.view.get("error") or {}

    def apdus(self) -> list[bytes]:
        return [bytes.fromhex(c["apdu"]) for s in self.scripts for c in s["commands"]]


@dataclass
class FlowPlatform:
    url: str
    ca: Path
    db: Engine
    sessions: sessionmaker[Session]
    keystore: SoftwareKeyStore
    clients: list[requests.Session] = field(default_factory=list)
    restart: Callable[[], None] = lambda: None
    """Stop the HTTPS server and start a new platform process on the same database."""
    openings: bool = False
    """Start with script 1 already run on the card with an issued challenge (issue 15 item 2)."""
    pools: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    """Unspent host challenges, by client (``id``)."""

    def api(self, path: str) -> str:
        return f"{self.url}{API_PREFIX}{path}"

    def client(self, terminal: str = "counter-01") -> requests.Session:
        """A TLS session presenting ``terminal``'s enrolled certificate."""
        client = requests.Session()
        client.trust_env = False
        client.verify = str(self.ca)
        client.cert = terminal_cert(terminal)
        self.clients.append(client)
        return client

    def login(self, operator: str = "clerk1", terminal: str = "counter-01") -> requests.Session:
        client = self.client(terminal)
        reply = client.post(
            self.api("/login"),
            json={"operator": operator, "password": PASSWORDS[operator][0], "terminal_id": terminal},
        )
        assert reply.status_code == 200, reply.text
        client.headers["Authorization"] = f"Bearer {reply.json()['token']}"
        if self.openings:  # ahead of the services, as the terminal does
            self.pools[id(client)] = self.challenges(client)
        return client

    def challenges(self, client: requests.Session, count: int = 16) -> list[dict[str, Any]]:
        reply = client.post(self.api("/challenges"), json={"count": count})
        assert reply.status_code == 200, reply.text
        return list(reply.json()["challenges"])

    def opening(self, client: requests.Session, card: VirtualCard, challenge: dict[str, Any] | None = None
                ) -> dict[str, Any]:
        """Script 1 run here with an issued challenge: what the start request carries."""
        if challenge is None:
            pool = self.pools.setdefault(id(client), [])
            if not pool:
                pool.extend(self.challenges(client))
            challenge = pool.pop(0)
        commands = [bytes.fromhex("00A4040008") + ISD + b"\x00",
                    bytes.fromhex("8050000008") + bytes.fromhex(challenge["challenge"]) + b"\x00"]
        responses = []
        for command in commands:
            answer = card.transmit(command)
            responses.append(answer.hex().upper())
            if answer[-2:] != b"\x90\x00":
                break
        return {"challenge_id": challenge["id"], "commands": [c.hex().upper() for c in commands],
                "responses": responses}

    def card(
        self, msisdn: str | None = MSISDN, seid: str | None = None, nvm: int | None = None, register: bool = True,
        **options: Any,
    ) -> VirtualCard:
        """A fresh virtual SE of the demo batch, bound to ``msisdn`` unless None; ``register``
        records its identity (KDD, CIN, IIN) as the issuer's data would at registration.

        Its keys are the demo master key diversified as its batch says (per card unless a test
        made the batch batch-wide, :meth:`batch_wide`); ``options`` go to ``new_card``."""
        seid = seid or new_seid()
        options.setdefault("kdf", card_diversification(self.sessions, seid))
        card = new_card(None, bytes.fromhex(seid), nvm=nvm, **options)
        with transaction(self.sessions) as session:
            ensure_se(session, seid)
            if msisdn is not None:
                session.add(MsisdnBinding(seid=seid, msisdn=msisdn))
            if register:
                trust.record_identity(session, seid, kdd=card.state.kdd, cin=card.state.seid, iin=card.state.iin)
        return card

    def batch_wide(self, batch: str = "DEMO-A") -> None:
        """Make ``batch`` batch-wide (every card holds the master key): the case where only the
        identity read inside the channel proves which card answers (issue 9)."""
        with transaction(self.sessions) as session:
            session.scalars(sa.select(SeBatch).where(SeBatch.name == batch)).one().diversification = "none"

    def start(self, client: requests.Session, kind: str, card: VirtualCard, **params: Any) -> requests.Response:
        body: dict[str, Any] = {"kind": kind, "card": identity(card), "params": params,
                                "idempotency_key": uuid.uuid4().hex}
        if self.openings:
            body["opening"] = self.opening(client, card)
        return client.post(self.api("/operations"), json=body)

    def post(self, client: requests.Session, view: dict[str, Any], body: dict[str, Any]) -> requests.Response:
        return client.post(self.api(f"/operations/{view['id']}/steps/{view['step']}"), json=body)

    def run(
        self,
        kind: str,
        card: VirtualCard,
        client: requests.Session | None = None,
        cards: dict[str, VirtualCard] | None = None,
        before: Callable[[dict[str, Any], VirtualCard], None] | None = None,
        **params: Any,
    ) -> Run:
        """Start an operation and relay it to the end; ``cards`` answers need_card by role,
        ``before(script, card)`` runs before each script (to pull the card, say)."""
        client = client or self.login()
        reply = self.start(client, kind, card, **params)
        assert reply.status_code == 200, reply.text
        return self.relay(client, reply.json(), card, cards or {}, before)

    def relay(
        self,
        client: requests.Session,
        view: dict[str, Any],
        card: VirtualCard,
        cards: dict[str, VirtualCard],
        before: Callable[[dict[str, Any], VirtualCard], None] | None = None,
    ) -> Run:
        run = Run(view, 0)
        for _ in range(40):
            if view["state"] == "need_card":
                card = cards[view["need_card"]["role"]]
                body = {"step": view["step"], "responses": [], "completed": True, "card": identity(card)}
                if self.openings:  # the new card's script 1 with an issued challenge, as at the start
                    body["opening"] = self.opening(client, card)
            elif view["state"] == "running":
                run.scripts.append(view["script"])
                run.round_trips += 1
                if before is not None:
                    before(view["script"], card)
                body = run_script(card, view["script"])
            else:
                break
            reply = self.post(client, view, body)
            assert reply.status_code == 200, reply.text
            view = reply.json()
        run.view = view
        return run

    def query_db(self, statement: Any) -> list[Any]:
        with self.sessions() as session:
            return list(session.scalars(statement))

    def scalar(self, statement: Any) -> Any:
        with self.sessions() as session:
            return session.scalar(statement)


P = TypeVar("P", bound=FlowPlatform)


def demo_app(db: Engine, keystore: KeyStore) -> tuple[FastAPI, DemoSummary]:
    """The platform on ``db`` and ``keystore`` with the test people, the demo catalogue and batches,
    and a platform token key: what every flow test platform starts from."""
    app = create_app(db, keystore=keystore, settings=PlatformSettings(), registry=default_registry())
    seed_people(app.state.sessions)
    summary = init_demo(app.state.sessions, keystore, CAPS)
    keystore.add_key_set("platform-token", 0x70, os.urandom(16), os.urandom(16), os.urandom(16))
    return app, summary


@contextmanager
def serving(kind: type[P], app: FastAPI, tls_files: tls.TlsFiles) -> Iterator[P]:
    """``app`` over real HTTPS as a ``kind`` until the block ends; the tests' clients close before
    the server stops."""
    server = ServerThread(app, tls=tls_files).start()
    platform = kind(server.url, tls_files.ca_cert, app.state.db, app.state.sessions, app.state.keystore)
    try:
        yield platform
    finally:
        for client in platform.clients:
            client.close()
        server.stop()


@pytest.fixture
def flow_platform(db: Engine, tls_files: tls.TlsFiles) -> Iterator[FlowPlatform]:
    keystore = SoftwareKeyStore(session_factory(db), os.urandom(32))
    app, _ = demo_app(db, keystore)
    servers = [ServerThread(app, tls=tls_files).start()]
    platform = FlowPlatform(servers[0].url, tls_files.ca_cert, db, app.state.sessions, keystore)

    def restart() -> None:
        servers[-1].stop()
        fresh = create_app(db, keystore=keystore, settings=PlatformSettings(), registry=default_registry())
        servers.append(ServerThread(fresh, tls=tls_files).start())
        platform.url = servers[-1].url

    platform.restart = restart
    try:
        yield platform
    finally:
        for client in platform.clients:
            client.close()
        servers[-1].stop()


def add_scp03_batch(
    sessions: sessionmaker[Session], name: str, seid_prefix: str, key_set_ref: str, diversification: str
) -> None:
    """An SCP03 batch (i=70, C-MAC + C-DECRYPTION) of the SEIDs ``seid_prefix``…, offered every
    catalogue application."""
    with transaction(sessions) as session:
        batch = SeBatch(
            name=name, seid_start=seid_prefix.ljust(20, "0"), seid_end=seid_prefix.ljust(20, "F"),
            chip_type="virtual-GP221-SCP03", cms2ac_version="1.0", java_version="3.0.4",
            initial_free_space=512 * 1024, isd_aid=ISD_AID.hex().upper(), key_set_ref=key_set_ref,
            diversification=diversification, scp=0x03, scp_i=0x70, scp_level=0x03,
        )
        session.add(batch)
        session.flush()
        session.add_all(ApplicationBatch(application_id=a, batch_id=batch.id)
                        for a in session.scalars(sa.select(Application.id)))


def app_id(platform: FlowPlatform, name: str) -> int:
    from ota.platform.models import Application

    return int(platform.scalar(sa.select(Application.id).where(Application.name == name)))


def app_state(platform: FlowPlatform, seid: str, name: str) -> str:
    from ota.platform.models import SeAppState

    state = platform.scalar(
        sa.select(SeAppState.state).where(SeAppState.seid == seid, SeAppState.application_id == app_id(platform, name))
    )
    return str(state or "Ready")

