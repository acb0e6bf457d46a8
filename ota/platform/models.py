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


class SecureElement(Base):
    __tablename__ = "secure_elements"
    seid: Mapped[str] = mapped_column(HexId, primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("se_batches.id"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default=SeStatus.ACTIVE)
    recorded_free_space: Mapped[int | None]
    measured_free_space: Mapped[int | None]
    last_sync: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


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


class AuthSession(Base):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"
    token_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    operator_id: Mapped[int] = mapped_column(sa.ForeignKey("operators.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(sa.ForeignKey("terminals.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)


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
