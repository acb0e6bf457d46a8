"""Demo data: operators, terminals, subscribers, one SE batch, the ISD, its keys and the catalog.

``platform init-demo`` calls :func:`init_demo`.  The passwords below are public on purpose (they
are in the README); a real deployment creates its own operators.  The catalog comes from the
CAP files in ``resources/caps`` (see its README for the flags chosen per application).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy.orm import Session, sessionmaker

from ota import wording
from ota.gp.cap import CapFile
from ota.gp.constants import DEFAULT_TEST_KEY, ISD_AID, Privilege
from ota.platform import auth, meta, trust
from ota.platform.cards import batch_for_seid, ensure_se
from ota.platform.db import transaction
from ota.platform.errors import KeyStoreError
from ota.platform.flows.change_number import TOKEN_KEY_REF
from ota.platform.keystore import KeyStore
from ota.platform.models import (
    AppInstance,
    Application,
    ApplicationBatch,
    Diversification,
    LoadFile,
    Module,
    MsisdnBinding,
    Operator,
    Provider,
    SeBatch,
    SecurityDomain,
    Subscriber,
    Terminal,
)
from ota.platform.tls import TlsFiles
from ota.protocol import Role, TerminalKind

CAPS_DIR = Path(__file__).resolve().parents[2] / "resources" / "caps"

DEMO_REGION = "GD-GZ"
OTHER_REGION = "GD-SZ"
DEMO_KEY_REF = "demo-isd"
TOKEN_KVN = 0x70  # GP key version range 70: token keys
DEMO_KVN = 0xFF  # the virtual SE's initial key set (ota/vse/state.py INITIAL_KVN)
DEMO_SEIDS = ("86860100000000000001", "86860100000000000002")
# Per-card keys (issue 13's normal case): each card holds the master key diversified with its KDD
# (ota/vse/factory.py), so its cryptogram proves which card it is and a write shares the script
# that opens the channel (issue 15: 2 round trips for lock, unlock, delete, number change).
# EMV CPG 2.04 takes KDD bytes 4..9, which differ between the demo phones (VISA2's would not).
DEMO_KDF = Diversification.EMV_CPG204
DEMO_AES_KDF = Diversification.KDF3
# issue 12: a batch of SCP03 (AES-128, i=70, C-MAC + C-DECRYPTION) cards, and one such phone.
DEMO_AES_BATCH = "DEMO-AES"
DEMO_AES_KEY_REF = "demo-isd-aes"
DEMO_AES_SEID = "86860300000000000001"
"""Two demo phones of the demo batch (SEIDs are 10 bytes, like the virtual SE's)."""
DEMO_OWNER = "13800138000"
"""The subscriber both demo phones belong to: an old and a new phone, ready for a migration."""

DEMO_OPERATORS: tuple[tuple[str, str, Role, str], ...] = (
    ("clerk1", "clerk1-demo", Role.CLERK, DEMO_REGION),
    ("clerk2", "clerk2-demo", Role.CLERK, OTHER_REGION),
    ("technician1", "technician1-demo", Role.TECHNICIAN, DEMO_REGION),
    ("kiosk1", "kiosk1-demo", Role.KIOSK, DEMO_REGION),
    ("admin", "admin-demo", Role.ADMIN, DEMO_REGION),
    ("auditor1", "auditor1-demo", Role.AUDITOR, DEMO_REGION),
)
DEMO_TERMINALS: tuple[tuple[str, TerminalKind, str], ...] = (
    ("counter-01", TerminalKind.COUNTER, DEMO_REGION),
    ("counter-02", TerminalKind.COUNTER, OTHER_REGION),
    ("laptop-01", TerminalKind.LAPTOP, DEMO_REGION),
    ("kiosk-01", TerminalKind.KIOSK, DEMO_REGION),
)
DEMO_SUBSCRIBERS: tuple[tuple[str, str, str, bool], ...] = (
    ("13800138000", DEMO_REGION, "460001234567890", True),
    ("13800138001", DEMO_REGION, "460001234567891", True),
    ("13900139000", OTHER_REGION, "460009876543210", True),
    ("13700137000", DEMO_REGION, "460005555555555", False),
)

ISD_PRIVILEGES = (
    Privilege.SECURITY_DOMAIN
    | Privilege.CARD_LOCK
    | Privilege.CARD_TERMINATE
    | Privilege.CVM_MANAGEMENT
    | Privilege.AUTHORIZED_MANAGEMENT
    | Privilege.GLOBAL_DELETE
    | Privilege.GLOBAL_LOCK
    | Privilege.GLOBAL_REGISTRY
)


@dataclass(frozen=True)
class CatalogEntry:
    """What the CAP file does not say about an application."""

    provider: str
    title_zh: str
    title_en: str
    needs_personalisation: bool = False
    needs_activation: bool = False
    perso_template: dict[str, object] | None = None


# Seed §5.8.4.6 "方式三": INSTALL [for personalization] to the SD, then STORE DATA blocks that the
# SD verifies and forwards to the applet.  Values come from the operation's params or the
# subscriber; the flow encodes each record as BER-TLV in one STORE DATA sequence.
OPENPGP_PERSO_TEMPLATE: dict[str, object] = {
    "mode": 3,
    "format": "BER",
    "encrypted": False,
    "records": [
        {"tag": "5B", "source": "param:cardholder_name", "encoding": "utf8", "default": ""},
        {"tag": "5F2D", "value": "7A68656E"},
        {"tag": "5E", "source": "subscriber:msisdn", "encoding": "ascii"},
    ],
}

CATALOG: dict[str, CatalogEntry] = {
    "JCMemory": CatalogEntry("CRoCS", "内存检测", "JC memory probe"),
    "JCAlgTest": CatalogEntry("CRoCS", "算法测试", "JC algorithm test"),
    "YubicoYubiKeyOath": CatalogEntry(
        "Yubico", "动态口令", "OATH one-time passwords", needs_activation=True
    ),
    "PChovanecJCOpenPGP": CatalogEntry(
        "Petr Chovanec",
        "OpenPGP 数字签名",
        "OpenPGP signing",
        needs_personalisation=True,
        perso_template=OPENPGP_PERSO_TEMPLATE,
    ),
    "AnssiSmartPGP": CatalogEntry("ANSSI", "SmartPGP 数字签名", "SmartPGP signing"),
}

_CAP_NAME = re.compile(r"^(?P<name>[A-Za-z0-9]+)_v(?P<version>[0-9.]+)_sdk")


@dataclass
class DemoSummary:
    operators: list[str] = field(default_factory=list)
    terminals: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the demo could not set up on this key service (e.g. SCP03 keys in an HSM)."""


def seed_catalog(session: Session, caps_dir: Path = CAPS_DIR) -> list[Application]:
    """One application per CAP file: load file, modules, instances, sizes and LFDB SHA-1."""
    batch_ids = list(session.scalars(sa.select(SeBatch.id)))
    apps = []
    for path in sorted(caps_dir.glob("*.cap")):
        match = _CAP_NAME.match(path.stem)
        name, version = (match["name"], match["version"]) if match else (path.stem, "0")
        if session.scalars(sa.select(Application).where(Application.name == name)).first():
            continue
        cap = CapFile.open(path)
        entry = CATALOG.get(name, CatalogEntry("unknown", name, name))
        app = Application(
            name=name,
            title_zh=entry.title_zh,
            title_en=entry.title_en,
            provider_id=_provider(session, entry.provider).id,
            version=version,
            needs_personalisation=entry.needs_personalisation,
            needs_activation=entry.needs_activation,
            sd_aid=ISD_AID.hex().upper(),
            perso_template=entry.perso_template,
            code_size=cap.code_size,
        )
        session.add(app)
        session.flush()
        lfdb = cap.load_file_data_block()
        load_file_aid = cap.package_aid.hex().upper()
        session.add(
            LoadFile(
                aid=load_file_aid,
                application_id=app.id,
                file_name=path.name,
                cap=path.read_bytes(),
                sha1=cap.load_file_data_block_hash().hex().upper(),
                size=len(lfdb),
            )
        )
        session.flush()
        for applet in cap.applet_aids:
            aid = applet.hex().upper()
            session.add(Module(aid=aid, load_file_aid=load_file_aid))
            session.flush()
            session.add(AppInstance(instance_aid=aid, application_id=app.id, module_aid=aid))
        session.add_all(ApplicationBatch(application_id=app.id, batch_id=b) for b in batch_ids)
        apps.append(app)
    session.flush()
    return apps


def _provider(session: Session, name: str) -> Provider:
    provider = session.scalars(sa.select(Provider).where(Provider.name == name)).first()
    if provider is None:
        provider = Provider(name=name)
        session.add(provider)
        session.flush()
    return provider


def init_demo(
    sessions: sessionmaker[Session], keystore: KeyStore, caps_dir: Path = CAPS_DIR
) -> DemoSummary:
    """Create the demo data once; running it again adds only what is missing."""
    summary = DemoSummary()
    with transaction(sessions) as session:
        meta.mark_demo(session)
        existing = set(session.scalars(sa.select(Operator.name)))
        for name, password, role, region in DEMO_OPERATORS:
            if name not in existing:
                auth.add_operator(session, name, password, role, region)
                summary.operators.append(name)
        for terminal_id, kind, region in DEMO_TERMINALS:
            if session.get(Terminal, terminal_id) is None:
                auth.add_terminal(session, terminal_id, kind, region)
                summary.terminals.append(terminal_id)
        for msisdn, region, imsi, in_service in DEMO_SUBSCRIBERS:
            if session.get(Subscriber, msisdn) is None:
                session.add(Subscriber(msisdn=msisdn, region=region, imsi=imsi, in_service=in_service))
        isd = ISD_AID.hex().upper()
        if session.get(SecurityDomain, isd) is None:
            session.add(
                SecurityDomain(
                    aid=isd,
                    name="ISD",
                    owner="mobile",
                    privileges=int(ISD_PRIVILEGES),
                    key_set_ref=DEMO_KEY_REF,
                )
            )
        if not session.scalars(sa.select(SeBatch).where(SeBatch.name == "DEMO-A")).first():
            session.add_all(_demo_batches(isd))
        if not session.scalars(sa.select(SeBatch).where(SeBatch.name == DEMO_AES_BATCH)).first():
            session.add(_demo_aes_batch(isd))
        session.flush()
        _bind_demo_phones(session)
        summary.applications = [a.name for a in seed_catalog(session, caps_dir)]
    if DEMO_KVN not in keystore.key_versions(DEMO_KEY_REF):
        keystore.add_key_set(DEMO_KEY_REF, DEMO_KVN, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY)
    if DEMO_KVN not in keystore.key_versions(DEMO_AES_KEY_REF):
        # The GP test key 404142..4F as AES-128: the master key `hallterm vse new --scp 03`
        # diversifies (KDF3) for a card.
        try:
            keystore.add_key_set(
                DEMO_AES_KEY_REF, DEMO_KVN, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, aes=True
            )
        except KeyStoreError as e:  # an HSM key service without AES: the SCP03 batch stays keyless
            summary.notes.append(wording.error_text(e.code, e.params, "en"))
    if not keystore.key_versions(TOKEN_KEY_REF):
        # The number-change token key (§5.5.2): random per installation, never a known value.
        keystore.add_key_set(TOKEN_KEY_REF, TOKEN_KVN, os.urandom(16), os.urandom(16), os.urandom(16))
    return summary


def _bind_demo_phones(session: Session) -> None:
    for seid in (*DEMO_SEIDS, DEMO_AES_SEID):
        ensure_se(session, seid)
        if session.get(MsisdnBinding, seid) is None:
            session.add(MsisdnBinding(seid=seid, msisdn=DEMO_OWNER))
        # The issuer's data for the demo phones (issue 9): a virtual SE's KDD is its 10-byte
        # SEID and its CIN the SEID itself (ota/vse/state.py).
        trust.record_identity(session, seid, kdd=bytes.fromhex(seid)[-10:].rjust(10, b"\x00"), cin=bytes.fromhex(seid))
    session.flush()


def _demo_batches(isd_aid: str) -> list[SeBatch]:
    common = dict(
        chip_type="virtual-GP221",
        cms2ac_version="1.0",
        java_version="3.0.4",
        initial_free_space=512 * 1024,
        isd_aid=isd_aid,
        key_set_ref=DEMO_KEY_REF,
        diversification=DEMO_KDF,
        scp_i=0x35,  # the virtual SEs advertise R-MAC support: outcomes are authenticated
        scp_level=0x01,
    )
    return [
        SeBatch(name="DEMO-A", seid_start="86860100000000000000", seid_end="868601FFFFFFFFFFFFFF", **common),
        # Virtual SEs made without a SEID get a random one: this batch takes any 10-byte SEID.
        SeBatch(name="DEMO-ANY", seid_start="00" * 10, seid_end="FF" * 10, **common),
    ]


DEMO_HALL = "广州天河营业厅"  # free text from the enrolment: receipts print it as the hall's name


def enrol_demo_terminals(sessions: sessionmaker[Session], ca: TlsFiles, out_dir: Path) -> dict[str, tuple[Path, Path]]:
    """Give every demo terminal a client certificate (``out_dir/<id>.pem`` + ``.key``, 0600).

    Certificates already there and still enrolled are kept, so restarting the demo does not
    invalidate a terminal's files; anything else is enrolled afresh.
    """
    from ota.platform import terminals
    from ota.platform.tls import fingerprint, write_client_credentials

    files: dict[str, tuple[Path, Path]] = {}
    with transaction(sessions) as session:
        for terminal_id, kind, region in DEMO_TERMINALS:
            cert, key = out_dir / f"{terminal_id}.pem", out_dir / f"{terminal_id}.key"
            files[terminal_id] = (cert, key)
            row = session.get(Terminal, terminal_id)
            if row is not None and row.active and cert.exists() and key.exists():
                der = x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(Encoding.DER)
                if row.cert_fingerprint == fingerprint(der):
                    continue
            creds = terminals.enrol(session, ca, terminal_id, kind, DEMO_HALL, region, actor="init-demo")
            write_client_credentials(creds, cert, key)
    return files


def card_diversification(sessions: sessionmaker[Session], seid: str) -> str | None:
    """How the keys of a card of ``seid``'s batch derive from the batch's master key.

    A demo data folder made before per-card keys keeps its batch-wide batches (``init_demo`` adds
    only what is missing), so a card made for it later must hold the master key itself. None:
    no batch holds ``seid``.
    """
    with sessions() as session:
        batch = batch_for_seid(session, seid)
        return None if batch is None else str(batch.diversification)


def _demo_aes_batch(isd_aid: str) -> SeBatch:
    """The SCP03 demo batch (issue 12): AES-128 keys, i=70, C-MAC + C-DECRYPTION."""
    return SeBatch(
        name=DEMO_AES_BATCH,
        seid_start="86860300000000000000",
        seid_end="868603FFFFFFFFFFFFFF",
        chip_type="virtual-GP221-SCP03",
        cms2ac_version="1.0",
        java_version="3.0.4",
        initial_free_space=512 * 1024,
        isd_aid=isd_aid,
        key_set_ref=DEMO_AES_KEY_REF,
        diversification=DEMO_AES_KDF,
        scp=0x03,
        scp_i=0x70,
        scp_level=0x03,
    )
