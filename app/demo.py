"""The demo environment: platform, demo data and three virtual phones, with nothing to configure.

* the platform in-process on 127.0.0.1 (uvicorn in a thread), HTTPS with a private CA the
  terminal pins, SQLite and the keystore's master key in the data folder;
* the demo data of ``ota.platform.demo`` (operators, terminals, subscribers, catalog);
* two SCP02 virtual SEs whose SEIDs are the demo batch's (``DEMO_SEIDS``), their state in card
  files in the data folder, on "Virtual PCD 00 00" / "00 01" through pcscd's vpcd driver when
  pcscd lists those readers, otherwise as in-process readers of the same names;
* a third phone of the SCP03 batch (``DEMO_AES_SEID``, AES-128, i=70) on "Virtual PCD 00 02",
  same subscriber: in-process always; through vpcd only when pcscd lists a third vpcd slot
  (Debian's vpcd driver has two, so on PC/SC the banner says how to reach it);
* a terminal configuration (``terminal.json``) that ``hallterm --demo`` and the GUI pick up.

This module and ``app/cli.py`` are the only parts of ``app`` that import ``ota.platform`` /
``ota.vse``: they start them in-process (docs/ARCHITECTURE.md, layers).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from app.config import TerminalConfig, default_data_dir, save_config
from app.reader import InProcessReader, ReaderError, list_readers
from app.services.base import CardReader, ReaderFactory

log = logging.getLogger(__name__)

READERS = ("Virtual PCD 00 00", "Virtual PCD 00 01")
"""The two SCP02 phones: a customer's old and new phone, ready for a migration."""
AES_READER = "Virtual PCD 00 02"
"""The SCP03 phone of the DEMO-AES batch (issue 12)."""
ALL_READERS = (*READERS, AES_READER)
VPCD_BASE_PORT = 35963
CONFIG_NAME = "terminal.json"
INFO_NAME = "demo.json"
TERMINAL_ID = "counter-01"


def default_demo_dir() -> Path:
    return default_data_dir() / "demo"


def demo_config_path(data_dir: Path | None = None) -> Path:
    return (data_dir or default_demo_dir()) / CONFIG_NAME


def _pcsc_readers() -> list[str]:
    try:
        return list_readers()
    except ReaderError:
        return []


def pcscd_has_vpcd() -> bool:
    """True when pcscd answers and lists the two vpcd slots of the SCP02 phones."""
    names = _pcsc_readers()
    return all(r in names for r in READERS)


def file_reader_factory(config: TerminalConfig) -> ReaderFactory:
    """In-process readers over the card files a demo config names (no pcscd needed)."""
    from ota.vse.card import VirtualCard

    def factory(name: str | None) -> CardReader:
        wanted = name or config.reader_preferred or next(iter(config.virtual_readers))
        for reader, path in config.virtual_readers.items():
            if wanted.casefold() in reader.casefold():
                return InProcessReader(VirtualCard.load(Path(path)), reader)
        from app.reader import NoReaderError

        raise NoReaderError(f"no reader matches {wanted!r}")

    return factory


class DemoEnvironment:
    """Start with :meth:`start`, stop with :meth:`stop` (or use it as a context manager)."""

    def __init__(self, data_dir: Path | None = None, use_pcsc: bool | None = None, port: int = 0) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_demo_dir()
        self.use_pcsc = use_pcsc
        self.port = port
        self.config: TerminalConfig | None = None
        self.config_path = demo_config_path(self.data_dir)
        self.cards: dict[str, Any] = {}
        self._server: Any = None
        self._vpcd: dict[str, Any] = {}
        self._engine: Any = None
        self.terminal_certs: dict[str, tuple[Path, Path]] = {}
        """Terminal id -> (certificate, key) of the demo's enrolled terminals."""

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> DemoEnvironment:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tls = self._start_platform()
        self._make_cards()
        pcsc = pcscd_has_vpcd() if self.use_pcsc is None else self.use_pcsc
        aes_on_pcsc = pcsc and AES_READER in _pcsc_readers()
        if pcsc:
            self._serve_vpcd(aes_on_pcsc)
        # Debian's vpcd driver has two slots: without a third, the SCP03 phone stays in-process
        # beside the two PC/SC phones (the terminal lists all three).
        in_process = {} if aes_on_pcsc else {AES_READER: str(self._card_path(ALL_READERS.index(AES_READER)))}
        self.config = TerminalConfig(
            platform_url=self._server.url,
            ca_file=str(tls.ca_cert),
            terminal_id=TERMINAL_ID,
            reader_preferred=READERS[0],
            journal_path=str(self.data_dir / "journal.sqlite"),
            virtual_readers=in_process if pcsc else {r: str(self._card_path(i)) for i, r in enumerate(ALL_READERS)},
            pcsc_too=pcsc and bool(in_process),
            language="zh_CN",
            client_cert=str(self.terminal_certs[TERMINAL_ID][0]),
            client_key=str(self.terminal_certs[TERMINAL_ID][1]),
        )
        save_config(self.config, self.config_path)
        self._write_info()
        return self

    def stop(self) -> None:
        for server in self._vpcd.values():
            server.stop()
        self._vpcd.clear()
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> DemoEnvironment:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- what the GUI and the banner need --------------------------------------------------------

    @property
    def url(self) -> str:
        return str(self._server.url) if self._server else ""

    @property
    def in_process(self) -> bool:
        """Every phone in-process (no pcscd): the SCP03 phone alone beside PC/SC is not this."""
        return bool(self.config and self.config.virtual_readers and not self.config.pcsc_too)

    def reader_factory(self) -> ReaderFactory:
        """Readers for a terminal in this process: the live cards, or PC/SC."""
        assert self.config is not None
        local = self.cards if self.in_process else {r: self.cards[r] for r in self.config.virtual_readers}
        readers = {name: InProcessReader(card, name) for name, card in local.items()}
        pcsc: ReaderFactory | None = None
        if not self.in_process:
            from app.terminal import pcsc_reader_factory

            pcsc = pcsc_reader_factory(self.config)

        def factory(name: str | None) -> CardReader:
            wanted = (name or READERS[0]).casefold()
            for reader_name, reader in readers.items():
                if wanted in reader_name.casefold():
                    return reader
            if pcsc is not None:
                return pcsc(name)
            from app.reader import NoReaderError

            raise NoReaderError(f"no reader matches {name!r}")

        return factory

    def insert_card(self, reader: str) -> None:
        """Put a virtual phone back on its vpcd slot (after it pulled itself, or was pulled)."""
        self._vpcd[reader].insert_card()

    def remove_card(self, reader: str) -> None:
        self._vpcd[reader].remove_card()

    @property
    def aes_on_pcsc(self) -> bool:
        """The SCP03 phone is on a vpcd slot (pcscd lists a third one); otherwise in-process."""
        return AES_READER in self._vpcd

    @staticmethod
    def operators() -> list[tuple[str, str, str, str]]:
        from ota.platform.demo import DEMO_OPERATORS

        return [(name, password, str(role), region) for name, password, role, region in DEMO_OPERATORS]

    def banner(self) -> str:
        lines = [f"platform   {self.url}", f"CA         {self.config.ca_file if self.config else ''}"]
        lines.append("operators  (name / password / role / region)")
        lines += [f"           {n} / {p} / {r} / {g}" for n, p, r, g in self.operators()]
        for reader, (seid, protocol) in self.phones().items():
            lines.append(f"reader     {reader}  [{self._mode(reader)}, {protocol}]  SEID {seid}")
        lines.append(f"config     {self.config_path}")
        # --demo logs in as clerk1; another operator's password is asked for, never on the command line
        lines.append(f"try        hallterm query --demo --data-dir {self.data_dir}")
        return "\n".join(lines)

    # -- the PUSH and billing showcase (issue 10) -----------------------------------------------

    def run_showcase(self, delay_s: float = 2.0) -> str:
        """A scheduled upgrade reaches both demo phones by SMS PUSH and the wallet agent, then the
        day's bill file lands on a local BOSS FTP inbox; returns the closing note."""
        import requests

        from app.wallet import WalletAgent, WalletLink
        from ota.platform.db import session_factory
        from ota.platform.demo import DEMO_OWNER
        from ota.platform.demo_push import UPGRADE_APP, PushShowcase

        assert self.config is not None
        showcase = PushShowcase(session_factory(self._engine), self.data_dir)
        session = requests.Session()
        session.trust_env = False
        link = WalletLink(self.url, session, ca_file=self.config.ca_file)
        phone = WalletAgent(DEMO_OWNER, list(READERS), self.reader_factory(), link, showcase.handset)
        try:
            phone.start()
            task_ids = showcase.schedule_upgrade(list(self._seids()), delay_s)
            details = [showcase.wait(t) for t in task_ids]
            bills = showcase.bill_today()
        finally:
            phone.stop()
            showcase.stop()
        upgrade = details[-1]
        lines = [f"PUSH       task {upgrade.task.id}: upgrade {UPGRADE_APP} (delete, then download), "
                 f"timed for {upgrade.task.run_at:%H:%M:%S} UTC: {upgrade.task.status}"]
        for item in upgrade.items:
            lines.append(f"           SE {item.seid}: {item.state}, {item.step_index}/{item.steps} operations, "
                         f"{item.pushes} SMS via the CMPP gateway simulator"
                         + (f", reason {item.reason}" if item.reason else ""))
        lines.append(f"           wallet agent of {DEMO_OWNER}: "
                     + ", ".join(f"…{o.serial_tail} {o.state}" for o in phone.outcomes))
        for bill in bills:
            lines.append(f"BOSS bill  {bill.path} ({bill.rows} rows, total {bill.total / 100:.2f} CNY, "
                         f"sha256 {bill.sha256[:16]}…)")
        if not bills:
            lines.append("BOSS bill  none landed (see the platform log)")
        return "\n".join(lines)

    # -- parts -----------------------------------------------------------------------------------

    def _start_platform(self) -> Any:
        from ota.platform.api import create_app
        from ota.platform.db import make_engine, session_factory, upgrade
        from ota.platform.demo import enrol_demo_terminals, init_demo
        from ota.platform.keystore import SoftwareKeyStore, load_master_key
        from ota.platform.server import ServerThread
        from ota.platform.tls import ensure

        tls = ensure(self.data_dir / "tls")
        self._engine = make_engine(f"sqlite:///{self.data_dir / 'platform.sqlite3'}")
        upgrade(self._engine)
        sessions = session_factory(self._engine)
        keystore = SoftwareKeyStore(sessions, load_master_key(self.data_dir / "master.key"))
        init_demo(sessions, keystore)
        # The demo enrols its own terminals: each gets a client certificate from the demo CA.
        self.terminal_certs = enrol_demo_terminals(sessions, tls, self.data_dir / "terminals")
        app = create_app(self._engine, keystore=keystore, migrate=False)
        self._server = ServerThread(app, port=self.port, tls=tls).start()
        return tls

    def _card_path(self, index: int) -> Path:
        return self.data_dir / f"se{index + 1}.json"

    @staticmethod
    def _seids() -> tuple[str, ...]:
        """The SEIDs of the two SCP02 phones (the PUSH showcase upgrades these)."""
        from ota.platform.demo import DEMO_SEIDS

        return tuple(DEMO_SEIDS)

    @classmethod
    def phones(cls) -> dict[str, tuple[str, str]]:
        """Reader -> (SEID, secure channel protocol) of every demo phone."""
        from ota.platform.demo import DEMO_AES_SEID

        phones = {reader: (seid, "SCP02") for reader, seid in zip(READERS, cls._seids(), strict=True)}
        phones[AES_READER] = (DEMO_AES_SEID, "SCP03")
        return phones

    def _make_cards(self) -> None:
        from ota.platform.db import session_factory
        from ota.platform.demo import card_diversification
        from ota.vse.card import VirtualCard
        from ota.vse.factory import SCP02, SCP03, new_card

        # Without a platform of its own (cards for a platform started elsewhere, e.g. the deployment
        # test), a card follows what init_demo makes today: per-card keys.
        sessions = session_factory(self._engine) if self._engine is not None else None
        for i, (reader, (seid, protocol)) in enumerate(self.phones().items()):
            path = self._card_path(i)
            if path.exists():
                card = VirtualCard.load(path)
            else:
                # What `hallterm vse new` makes: the GP test key diversified per card (SCP03: as
                # AES-128, i=70), as the phone's batch says (a data folder from before per-card
                # keys keeps batch-wide batches: ota.platform.demo.card_diversification).
                card = new_card(path, bytes.fromhex(seid), scp=SCP03 if protocol == "SCP03" else SCP02,
                                kdf=card_diversification(sessions, seid) if sessions else None)
            self.cards[reader] = card

    def _serve_vpcd(self, aes_on_pcsc: bool) -> None:
        from ota.vse.vpcd import VpcdServer

        served = ALL_READERS if aes_on_pcsc else READERS
        for i, reader in enumerate(served):
            server = VpcdServer(self.cards[reader], port=VPCD_BASE_PORT + i)
            server.start()
            self._vpcd[reader] = server

    def _mode(self, reader: str) -> str:
        return "PC/SC (vpcd)" if reader in self._vpcd else "in-process"

    def _write_info(self) -> None:
        info = {
            "platform_url": self.url,
            "ca_file": self.config.ca_file if self.config else None,
            "config": str(self.config_path),
            "terminals": {t: {"cert": str(c), "key": str(k)} for t, (c, k) in self.terminal_certs.items()},
            "readers": [{"name": r, "seid": s, "scp": protocol,
                         "mode": "pcsc" if self._mode(r) == "PC/SC (vpcd)" else "in-process"}
                        for r, (s, protocol) in self.phones().items()],
            "operators": [{"name": n, "password": p, "role": r, "region": g} for n, p, r, g in self.operators()],
        }
        (self.data_dir / INFO_NAME).write_text(json.dumps(info, indent=2, ensure_ascii=False), encoding="utf-8")


def demo_info(data_dir: Path | None = None) -> dict[str, Any] | None:
    """What a running (or last run) demo wrote about itself, for the CLI's ``--demo``."""
    path = (data_dir or default_demo_dir()) / INFO_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
