"""The platform's data model (DESIGN.md §4; seed §5.5, §5.8).

SEIDs and AIDs are stored as upper-case hex text: they are identifiers that people read in the
database and in URLs and they are only ever compared for equality.  CAP files and encrypted
secrets are binary.  Enumerated columns are plain strings holding the ``StrEnum`` values below,
so adding a value needs no schema change.

Changing anything here needs a new migration in ``migrations/versions``;
``tests/platform/test_migrations.py`` fails while the two disagree.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ota.platform.db import UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HexId = sa.String(64)
Json = sa.JSON()


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: Json, list[Any]: Json}  # noqa: RUF012 - read by SQLAlchemy


class SeStatus(StrEnum):
    ACTIVE = "active"
    LOST = "lost"
    TERMINATED = "terminated"


class AppState(StrEnum):
    """Per-SE application state, seed §5.8.7.2 (figure 5-7)."""

    READY = "Ready"
    LOADED = "Loaded"
    INSTANTIATED = "Instantiated"
    PERSONALIZED = "Personalized"
    USABLE = "Usable"
    LOCKED = "Locked"


class Diversification(StrEnum):
    """Mirrors ``ota.gp.diversify.Diversification`` without importing the GP layer here."""

    NONE = "none"
    VISA2 = "visa2"
    EMV_CPG202 = "emv_cpg202"
    EMV_CPG204 = "emv_cpg204"
    KDF3 = "kdf3"  # AES (SCP03) batches only: ota/gp/diversify_aes.py


# --- cards and subscribers (§5.5, §5.8.1) -------------------------------------------------------


class SeBatch(Base):
    """A production batch of SEs, identified by its SEID range (§5.8.1)."""

    __tablename__ = "se_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    seid_start: Mapped[str] = mapped_column(HexId)
    seid_end: Mapped[str] = mapped_column(HexId)
    chip_type: Mapped[str] = mapped_column(sa.String(64))
    cms2ac_version: Mapped[str] = mapped_column(sa.String(16))
    java_version: Mapped[str] = mapped_column(sa.String(16))
    initial_free_space: Mapped[int]
    isd_aid: Mapped[str] = mapped_column(HexId)
    key_set_ref: Mapped[str] = mapped_column(sa.String(64))
    diversification: Mapped[str] = mapped_column(sa.String(16), default=Diversification.NONE)
    scp_i: Mapped[int] = mapped_column(default=0x15)
    scp_level: Mapped[int] = mapped_column(default=0x01)
    # Card trust (issue 9): a batch whose cards cannot R-MAC says so; its outcomes are then
    # recorded as reported and reconciled with GET STATUS at every later contact.
    reported_outcomes: Mapped[bool] = mapped_column(default=False)
    # issue 12: the batch's secure channel protocol (02 or 03, with scp_i / scp_level of that
    # protocol) and the key version INITIALIZE UPDATE asks for (0: the card's default set).
    scp: Mapped[int] = mapped_column(default=0x02, server_default="2")
    scp_kvn: Mapped[int] = mapped_column(default=0x00, server_default="0")


class SecureElement(Base):
    __tablename__ = "secure_elements"
    seid: Mapped[str] = mapped_column(HexId, primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("se_batches.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=SeStatus.ACTIVE)
    recorded_free_space: Mapped[int | None]
    measured_free_space: Mapped[int | None]
    last_sync: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Card trust (issue 9): the identity recorded at registration (hex), compared with what the
    # card shows inside the channel; and the reason the record awaits reconciliation, if any.
    kdd: Mapped[str | None] = mapped_column(sa.String(20))
    cin: Mapped[str | None] = mapped_column(HexId)
    iin: Mapped[str | None] = mapped_column(HexId)
    cplc_serial: Mapped[str | None] = mapped_column(sa.String(32))
    reconcile: Mapped[str | None] = mapped_column(sa.String(64))
    reconcile_detail: Mapped[dict[str, Any] | None]


class Subscriber(Base):
    __tablename__ = "subscribers"
    msisdn: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    region: Mapped[str] = mapped_column(sa.String(32), index=True)
    imsi: Mapped[str | None] = mapped_column(sa.String(16))
    in_service: Mapped[bool] = mapped_column(default=True)


class MsisdnBinding(Base):
    """One SE belongs to one MSISDN; one MSISDN may own many SEs (§5.5.2)."""

    __tablename__ = "msisdn_bindings"
    seid: Mapped[str] = mapped_column(sa.ForeignKey("secure_elements.seid"), primary_key=True)
    msisdn: Mapped[str] = mapped_column(sa.ForeignKey("subscribers.msisdn"), index=True)
    bound_at: Mapped[datetime] = mapped_column(default=utcnow)


class LostSe(Base):
    __tablename__ = "lost_list"
    seid: Mapped[str] = mapped_column(sa.ForeignKey("secure_elements.seid"), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(sa.String(200), default="")


class SeToken(Base):
    """The token written with STORE DATA tag 1047 (§5.5.2), encrypted by the keystore."""

    __tablename__ = "tokens"
    seid: Mapped[str] = mapped_column(sa.ForeignKey("secure_elements.seid"), primary_key=True)
    token_encrypted: Mapped[bytes] = mapped_column(sa.LargeBinary)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


# --- catalog (§5.3, §5.4, §5.6) --------------------------------------------------------------------


class Provider(Base):
    __tablename__ = "providers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(128), unique=True)
    blacklisted: Mapped[bool] = mapped_column(default=False)


class SecurityDomain(Base):
    __tablename__ = "security_domains"
    aid: Mapped[str] = mapped_column(HexId, primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64))
    owner: Mapped[str] = mapped_column(sa.String(32))  # "mobile" or "third_party"
    privileges: Mapped[int] = mapped_column(default=0)
    key_set_ref: Mapped[str | None] = mapped_column(sa.String(64))
    provider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("providers.id"))
    # §5.3.1 attributes (issue 13, round 3: ota.platform.sd_attributes says what each means)
    space_type: Mapped[str] = mapped_column(sa.String(8), default="flexible", server_default="flexible")
    space_size: Mapped[int | None]
    mode: Mapped[str] = mapped_column(sa.String(16), default="normal", server_default="normal")
    deletion_rule: Mapped[str] = mapped_column(sa.String(16), default="separate", server_default="separate")
    key_update_days: Mapped[int | None]
    install_params: Mapped[str] = mapped_column(sa.String(256), default="", server_default="")
    provider_keys: Mapped[dict[str, Any] | None]
    """Third-party SD keys as the provider sent them: under its transport KEK, with KCVs."""
    created_at: Mapped[datetime | None]
    """When the SD was first created on an SE; after that only two attributes change (§5.3.4)."""
    dap_key: Mapped[dict[str, Any] | None]
    """A DAP-mode SD's RSA public DAP key from its owner: {"modulus": hex, "exponent": hex}."""


class Application(Base):
    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title_zh: Mapped[str] = mapped_column(sa.String(128), default="")
    title_en: Mapped[str] = mapped_column(sa.String(128), default="")
    provider_id: Mapped[int | None] = mapped_column(sa.ForeignKey("providers.id"))
    version: Mapped[str] = mapped_column(sa.String(16))
    needs_personalisation: Mapped[bool] = mapped_column(default=False)
    needs_activation: Mapped[bool] = mapped_column(default=False)
    sd_aid: Mapped[str | None] = mapped_column(sa.ForeignKey("security_domains.aid"))
    perso_template: Mapped[dict[str, Any] | None]
    code_size: Mapped[int] = mapped_column(default=0)
    """Bytes of non-volatile memory the application needs (§5.8.7.1 note 3')."""


class ApplicationBatch(Base):
    """Which SE batches an application is compatible with."""

    __tablename__ = "application_batches"
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("se_batches.id"), primary_key=True)


class LoadFile(Base):
    __tablename__ = "load_files"
    aid: Mapped[str] = mapped_column(HexId, primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(128))
    cap: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha1: Mapped[str] = mapped_column(sa.String(40))
    """SHA-1 of the Load File Data Block, the hash INSTALL [for load] carries."""
    size: Mapped[int]
    """Size of the Load File Data Block in bytes."""
    dap_signature: Mapped[str | None] = mapped_column(sa.Text)
    """The owner's DAP signature (hex) when the app's SD is in DAP mode; stored, never computed."""


class Module(Base):
    __tablename__ = "modules"
    aid: Mapped[str] = mapped_column(HexId, primary_key=True)
    load_file_aid: Mapped[str] = mapped_column(
        sa.ForeignKey("load_files.aid", ondelete="CASCADE"), index=True
    )


class AppInstance(Base):
    """The instances to create for an application (template, not per card)."""

    __tablename__ = "app_instances"
    instance_aid: Mapped[str] = mapped_column(HexId, primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    module_aid: Mapped[str] = mapped_column(sa.ForeignKey("modules.aid"))
    privileges: Mapped[int] = mapped_column(default=0)
    install_params: Mapped[str] = mapped_column(sa.String(512), default="C900")
    # per-instance personalisation and labels (issue 14, §5.8.4.1)
    label_zh: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    label_en: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    """What a clerk sees for this instance next to the application's name ("门禁卡 2")."""
    perso_template: Mapped[dict[str, Any] | None]
    """This instance's own personalisation (same form as Application.perso_template); None: the app's."""


class SeAppState(Base):
    __tablename__ = "se_app_states"
    seid: Mapped[str] = mapped_column(sa.ForeignKey("secure_elements.seid"), primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(16), default=AppState.READY)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SeContent(Base):
    """A measured snapshot of a card's registry and free space (GET STATUS / GET DATA FF21)."""

    __tablename__ = "se_content"
    id: Mapped[int] = mapped_column(primary_key=True)
    seid: Mapped[str] = mapped_column(sa.ForeignKey("secure_elements.seid"), index=True)
    measured_at: Mapped[datetime] = mapped_column(default=utcnow)
    registry: Mapped[dict[str, Any]]  # type: ignore[misc,assignment]  # a column, shadowing DeclarativeBase.registry
    free_nvm: Mapped[int | None]
    free_vm: Mapped[int | None]


class Subscription(Base):
    __tablename__ = "subscriptions"
    msisdn: Mapped[str] = mapped_column(sa.ForeignKey("subscribers.msisdn"), primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), primary_key=True)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- keys (§5.8.9) -------------------------------------------------------------------------------


class KeySetRow(Base):
    """One key version of one key set, sealed with AES-GCM by the software keystore."""

    __tablename__ = "key_sets"
    ref: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kvn: Mapped[int] = mapped_column(primary_key=True)
    sealed: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- people and terminals (§5.7.3, §7.1) ----------------------------------------------------------


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(16))
    region: Mapped[str] = mapped_column(sa.String(32))
    active: Mapped[bool] = mapped_column(default=True)


class Terminal(Base):
    __tablename__ = "terminals"
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    region: Mapped[str] = mapped_column(sa.String(32))
    active: Mapped[bool] = mapped_column(default=True)
    # --- enrolment (issue 9 item 5): the client certificate binds kind, hall and region ---
    hall: Mapped[str] = mapped_column(sa.String(64), default="", server_default="")
    cert_fingerprint: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    cert_serial: Mapped[str | None] = mapped_column(sa.String(64))
    enrolled_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class AuthSession(Base):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    operator_id: Mapped[int] = mapped_column(sa.ForeignKey("operators.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(sa.ForeignKey("terminals.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    last_seen_at: Mapped[datetime | None]
    """The last request with this token, for the idle time-out (issue 9 item 7)."""


# --- operations, steps, links (DESIGN.md §3, seed §5.8.6, §5.8.8) -----------------------------


class Operation(Base):
    __tablename__ = "operations"
    __table_args__ = (sa.UniqueConstraint("operator_id", "idempotency_key"),)
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    seid: Mapped[str] = mapped_column(HexId, index=True)
    state: Mapped[str] = mapped_column(sa.String(16), index=True)
    step: Mapped[int] = mapped_column(default=0)
    idempotency_key: Mapped[str] = mapped_column(sa.String(128))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    operator_id: Mapped[int] = mapped_column(sa.ForeignKey("operators.id"))
    terminal_id: Mapped[str] = mapped_column(sa.ForeignKey("terminals.id"))
    card: Mapped[dict[str, Any]]
    params: Mapped[dict[str, Any]]
    checkpoint: Mapped[dict[str, Any]]
    script: Mapped[dict[str, Any] | None]
    result: Mapped[dict[str, Any] | None]
    error: Mapped[dict[str, Any] | None]
    need_card: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class OperationStep(Base):
    """The stored answer to one posted step, so a retried post is answered without re-running."""

    __tablename__ = "operation_steps"
    operation_id: Mapped[str] = mapped_column(
        sa.ForeignKey("operations.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[int] = mapped_column(primary_key=True)
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SeLink(Base):
    """The one active link (lease) per SE across all platform processes (§5.8.8)."""

    __tablename__ = "se_links"
    seid: Mapped[str] = mapped_column(HexId, primary_key=True)
    operation_id: Mapped[str] = mapped_column(sa.ForeignKey("operations.id"), index=True)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class AuditEntry(Base):
    """Append-only audit log (§7.4); each row chains the hash of the one before it."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(sa.String(64))
    event: Mapped[str] = mapped_column(sa.String(64))
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    hash: Mapped[str] = mapped_column(sa.String(64))


# --- access control (issue 9 items 7, 10) -----------------------------------------------------


class LoginThrottle(Base):
    """Failed logins per operator name, and the lock-out they earn."""

    __tablename__ = "login_throttle"
    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_start: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]


class PlatformMeta(Base):
    """Facts about the database itself, e.g. ``purpose = demo`` for one made by ``init-demo``."""

    __tablename__ = "platform_meta"
    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(256))
# --- tasks and SMS PUSH (seed §5.8.5, §5.8.6, §5.8.8; issue 10) ------------------------------------


class TaskState(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"


class ItemState(StrEnum):
    """Where one SE's share of a task is; the unfinished ones form the SE's queue (§5.8.8)."""

    QUEUED = "queued"
    PUSHED = "pushed"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (ItemState.DONE, ItemState.FAILED, ItemState.CANCELLED)


class Task(Base):
    """At a given time, on given SEs, do given operations (§5.8.6)."""

    __tablename__ = "tasks"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(128))
    operations: Mapped[list[Any]]
    """The sequence, e.g. ``[{"kind": "delete", ...}, {"kind": "download", ...}]`` for an upgrade."""
    target: Mapped[dict[str, Any]]
    schedule: Mapped[str] = mapped_column(sa.String(16))
    run_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(sa.String(16), default=TaskState.ACTIVE, index=True)
    delivery: Mapped[str] = mapped_column(sa.String(16), default="push")
    created_by: Mapped[str] = mapped_column(sa.String(64))
    retry_of: Mapped[str | None] = mapped_column(sa.String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    requester: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    """The app manager (terminal) that asked for this work for one SE (§5.8.8), if not an admin task."""


class TaskItem(Base):
    """One SE's part of a task: its push serial, position in the sequence and result."""

    __tablename__ = "task_items"
    __table_args__ = (sa.Index("ix_task_items_due", "state", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(sa.ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    seid: Mapped[str] = mapped_column(HexId, index=True)
    state: Mapped[str] = mapped_column(sa.String(16), default=ItemState.QUEUED)
    due_at: Mapped[datetime]
    push_serial: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    pushes: Mapped[int] = mapped_column(default=0)
    last_push_at: Mapped[datetime | None]
    gateway_msg_id: Mapped[str | None] = mapped_column(sa.String(32))
    step_index: Mapped[int] = mapped_column(default=0)
    operation_id: Mapped[str | None] = mapped_column(sa.String(36))
    operations_done: Mapped[list[Any]] = mapped_column(default=list)
    reason: Mapped[str | None] = mapped_column(sa.String(64))
    reason_detail: Mapped[dict[str, Any] | None]
    claimed_by: Mapped[str | None] = mapped_column(sa.String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- billing (seed §5.7.2; issue 10) ------------------------------------------------------------------


class ChargeType(Base):
    """A kind of charge (计费种类): deleting one archives it, it stays listed (§5.7.2.1)."""

    __tablename__ = "charge_types"
    code: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    description_zh: Mapped[str] = mapped_column(sa.String(128))
    description_en: Mapped[str] = mapped_column(sa.String(128))
    enabled: Mapped[bool] = mapped_column(default=True)
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BillingStrategy(Base):
    """One provider's strategy (计费策略): cycle, granularity, prices, bundles (§5.7.2.1)."""

    __tablename__ = "billing_strategies"
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("providers.id"), primary_key=True)
    provider_type: Mapped[str] = mapped_column(sa.String(16))
    sd_space: Mapped[str] = mapped_column(sa.String(16))
    cycle: Mapped[str] = mapped_column(sa.String(8))
    granularity: Mapped[int]
    space_unit_price: Mapped[int]
    """Fen per granularity unit, per user, per cycle."""
    function_prices: Mapped[dict[str, Any]]
    """``{kind: {"mode": "per_use" | "monthly", "price": fen}}`` (§5.7.2.3)."""
    bundles: Mapped[list[Any]]
    """``[{"name": ..., "kinds": [...], "price": fen}]``: kinds charged together (打包计费)."""


class Bill(Base):
    """One provider's bill for one cycle, and the state of its file's transfer to BOSS."""

    __tablename__ = "bills"
    __table_args__ = (sa.UniqueConstraint("provider_id", "cycle_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("providers.id"))
    cycle_key: Mapped[str] = mapped_column(sa.String(16))
    file_name: Mapped[str] = mapped_column(sa.String(128), unique=True)
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    rows: Mapped[int]
    total: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(16), default="generated", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
# --- key service: versions, per-SE counters, roll-overs (issue 13, §5.8.9) ---------------------


class KeyState(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class KeyVersion(Base):
    """What the platform knows about one key version of one key set: never the key itself.

    ``backend`` names where the key lives (``software``: sealed in ``key_sets``; ``pkcs11``:
    objects in the HSM token).  The KCVs are those of the (master) keys as imported.
    """

    __tablename__ = "key_versions"
    ref: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    kvn: Mapped[int] = mapped_column(primary_key=True)
    backend: Mapped[str] = mapped_column(sa.String(16))
    kcv_enc: Mapped[str] = mapped_column(sa.String(6))
    kcv_mac: Mapped[str] = mapped_column(sa.String(6))
    kcv_dek: Mapped[str] = mapped_column(sa.String(6))
    components: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(sa.String(16), default=KeyState.ACTIVE)
    created_by: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SeKeyState(Base):
    """The key version and sequence counter each SE last reported (§5.8.9.3, §5.8.9.6)."""

    __tablename__ = "se_key_states"
    seid: Mapped[str] = mapped_column(HexId, primary_key=True)
    kvn: Mapped[int]
    seq: Mapped[int]
    near_limit: Mapped[bool] = mapped_column(default=False)
    rolled_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class KeyRollover(Base):
    """A batch moving its cards to ``target_kvn`` with PUT KEY at each card's next contact."""

    __tablename__ = "key_rollovers"
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("se_batches.id"), primary_key=True)
    target_kvn: Mapped[int]
    started_by: Mapped[str] = mapped_column(sa.String(64))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
# --- administration: releases, providers, batches, system (issue 14; seed §5.4, §5.6, §5.7.3, §5.8.1)


class ReleaseState(StrEnum):
    """An application's life cycle on the platform (§5.4.4): 初始 → 已审核 → 已测试 → 已发布 → 归档."""

    INITIAL = "initial"
    AUDITED = "audited"
    TESTED = "tested"
    PUBLISHED = "published"
    ARCHIVING = "archiving"
    ARCHIVED = "archived"


class AppRelease(Base):
    """What a provider submitted beside the CAP (§5.4.2, §5.4.4.1) and where the app is in its life.

    An application without a release row (the demo catalog) counts as published.
    """

    __tablename__ = "app_releases"
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(sa.String(16), default=ReleaseState.INITIAL, index=True)
    version_id: Mapped[str] = mapped_column(sa.String(96))
    """``AID+version+YYYYMMDD`` (§5.4.4.1)."""
    release_date: Mapped[str] = mapped_column(sa.String(8))
    main_module_aid: Mapped[str] = mapped_column(HexId)
    nv_size: Mapped[int] = mapped_column(default=0)
    volatile_size: Mapped[int] = mapped_column(default=0)
    deletion_mode: Mapped[str] = mapped_column(sa.String(16), default="full")
    scope: Mapped[str] = mapped_column(sa.String(16), default="network")
    province: Mapped[str | None] = mapped_column(sa.String(32))
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    submitted_by: Mapped[str] = mapped_column(sa.String(64))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppUserList(Base):
    """The subscribers a published application is limited to, when it names any (§5.4.4.4)."""

    __tablename__ = "app_user_lists"
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    msisdn: Mapped[str] = mapped_column(sa.String(20), primary_key=True)


class ArchiveRemoval(Base):
    """One SE an archived application must leave (§5.4.4.5): by platform task or by the subscriber."""

    __tablename__ = "archive_removals"
    __table_args__ = (sa.UniqueConstraint("application_id", "seid"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(sa.ForeignKey("applications.id"), index=True)
    seid: Mapped[str] = mapped_column(HexId, index=True)
    msisdn: Mapped[str | None] = mapped_column(sa.String(20))
    method: Mapped[str] = mapped_column(sa.String(16))
    consent: Mapped[bool | None]
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProviderProfile(Base):
    """A provider's registration (§5.6.1–§5.6.5): basic attributes, extended ones, state, SPID."""

    __tablename__ = "provider_profiles"
    provider_id: Mapped[int] = mapped_column(
        sa.ForeignKey("providers.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    spid: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    basic: Mapped[dict[str, Any]]
    extended: Mapped[dict[str, Any]]
    registered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProviderAccount(Base):
    """The platform login issued to a provider when it is approved (§5.6.2)."""

    __tablename__ = "provider_accounts"
    operator_id: Mapped[int] = mapped_column(sa.ForeignKey("operators.id"), primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("providers.id"), index=True)


class BatchPreload(Base):
    """An application or SD preloaded on every SE of a batch, with its memory and state (§5.8.1)."""

    __tablename__ = "batch_preloads"
    batch_id: Mapped[int] = mapped_column(
        sa.ForeignKey("se_batches.id", ondelete="CASCADE"), primary_key=True
    )
    aid: Mapped[str] = mapped_column(HexId, primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(8))
    memory: Mapped[str] = mapped_column(sa.String(16), default="flash")
    state: Mapped[str] = mapped_column(sa.String(16), default="")


class Region(Base):
    """Province, city or county (§5.7.3); operators, subscribers and apps name one by code."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    name_zh: Mapped[str] = mapped_column(sa.String(64))
    name_en: Mapped[str] = mapped_column(sa.String(64), default="")
    level: Mapped[str] = mapped_column(sa.String(8))
    parent: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))


class PlatformParameter(Base):
    """A business parameter (§5.7.3.4), e.g. the test numbers of §5.4.4.3."""

    __tablename__ = "platform_parameters"
    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(Json)
    description: Mapped[str] = mapped_column(sa.String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class BusinessPlatform(Base):
    """A provider's business platform and the capabilities it may call (§5.7.1)."""

    __tablename__ = "business_platforms"
    operator_id: Mapped[int] = mapped_column(sa.ForeignKey("operators.id"), primary_key=True)
    provider_id: Mapped[int] = mapped_column(sa.ForeignKey("providers.id"), index=True)
    capabilities: Mapped[list[Any]]


# --- issue 15 item 2: host challenges issued ahead of a start (ota/platform/challenges.py) --------


class HostChallenge(Base):
    """A single-use INITIALIZE UPDATE host challenge, issued to one terminal before it starts.

    The terminal runs script 1 (SELECT, INITIALIZE UPDATE) with it and sends the answers with
    the start request.  Redeemed at most once (``used_at``), only by ``terminal_id``, only
    before ``expires_at``; rows outlive a restart, and spent or expired ones are swept.
    """

    __tablename__ = "host_challenges"
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(sa.ForeignKey("terminals.id"), index=True)
    challenge: Mapped[str] = mapped_column(HexId)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None]


# --- companion terminal apps (issue 14 round 3, §5.4.2, §5.4.7) ---------------------------------


class CompanionApp(Base):
    """An application's companion phone app: a package the platform serves, or a URL elsewhere."""

    __tablename__ = "companion_apps"
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str | None] = mapped_column(sa.String(512))
    """Where the provider publishes it (an app store page, its own site); None for a package."""
    file_name: Mapped[str | None] = mapped_column(sa.String(128))
    package: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str | None] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(default=0)
    uploaded_by: Mapped[str] = mapped_column(sa.String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- SD key-update period (issue 13 round 4, seed §5.3.1, §5.8.3.2) ---------------------------------


class SeSdKeys(Base):
    """When each SE's supplementary SD last got its keys, and the task that updates them when due."""

    __tablename__ = "se_sd_keys"
    seid: Mapped[str] = mapped_column(HexId, primary_key=True)
    sd_aid: Mapped[str] = mapped_column(HexId, primary_key=True, index=True)
    kvn: Mapped[int]
    keys_set_at: Mapped[datetime] = mapped_column(index=True)
    update_task_id: Mapped[str | None] = mapped_column(sa.String(36))
    """The task scheduled to update these keys once the period ran out; cleared when they change."""


# --- Delegated Management: token-mode SDs (issue 13 item 7, GPC 2.2.1 §9.3.3, Annex C.4) ---------


class DmKey(Base):
    """The Card Issuer's Delegated Management keys, sealed by the key service: ``token`` (RSA
    private key, PKCS#8 DER; its public half in ``public``) and ``receipt`` (two-key 3DES)."""

    __tablename__ = "dm_keys"
    name: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(sa.LargeBinary)
    public: Mapped[dict[str, Any] | None]
    """The token key's public half: {"modulus": hex, "exponent": hex}; None for the receipt key."""
    kcv: Mapped[str] = mapped_column(sa.String(16), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DmReceipt(Base):
    """A card's receipt for a delegated command (GPC 2.2.1 §C.4.2), stored with its operation."""

    __tablename__ = "dm_receipts"
    id: Mapped[int] = mapped_column(primary_key=True)
    operation_id: Mapped[str] = mapped_column(sa.String(36), index=True)
    seid: Mapped[str] = mapped_column(HexId, index=True)
    sd_aid: Mapped[str] = mapped_column(HexId, index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    aids: Mapped[list[Any]]
    counter: Mapped[int]
    card_unique_data: Mapped[str] = mapped_column(sa.String(64))
    receipt: Mapped[str] = mapped_column(sa.String(64))
    valid: Mapped[bool]
    """Whether the receipt checked out with the receipt key when the card returned it."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- issue 15 item 1: versions of the metadata the platform caches per process ------------------


class MetadataVersion(Base):
    """One row per cached scope (``ota.platform.metadata_cache``): ``version`` goes up with every
    INSERT, UPDATE or DELETE of the scope's tables, by a database trigger (migration
    0014_versions), so every writer bumps it, whatever process, host or tool it is."""

    __tablename__ = "metadata_versions"
    scope: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# --- indexes the reports read by (issue 15 item 4, r5scale; migration 0015_indexes) ---------------
# Statistics for a period select that period's operations; a bill counts one application's users.

sa.Index("ix_operations_created_at", Operation.created_at)
sa.Index("ix_se_app_states_application_id", SeAppState.application_id)


# --- the index the free space per batch is counted from (r5reports; migration 0016_report_indexes) -
# /admin/stats sums each batch's recorded free space: read from this narrow index (index-only)
# instead of every wide row of secure_elements.  The column changes once per download or delete.

sa.Index("ix_secure_elements_batch_free", SecureElement.batch_id, SecureElement.recorded_free_space)
