"""Security domains (seed §5.3): their §5.3.1 attributes, and a third party's SD keys.

An SD's attributes are set freely until it is first created on an SE; after that only the
deletion rule and the key-update period change (§5.3.4).  A third-party SD's keys come from its
provider encrypted under the provider's transport KEK (the DEK of a ``transport-*`` key set in
the key service), each with its KCV; the platform stores them as sent and the key service
translates them to the card's session DEK at key update (flows/sd_create.py), so the platform
never holds them in clear (§5.8.3.1, §5.8.9.4).
"""

from __future__ import annotations

from typing import Annotated, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.admin.schemas import Text
from ota.platform.errors import ConflictError, ForbiddenError, PlatformError, not_found
from ota.platform.keystore import KeyStore
from ota.platform.models import Application, LoadFile, Provider, SecurityDomain
from ota.platform.policy import Actor
from ota.protocol import Role

Hex = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2})*$", max_length=254, to_upper=True)]
_MUTABLE_AFTER_CREATION = {"deletion_rule", "key_update_days"}


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DapKeyIn(_In):
    """A DAP-mode SD's RSA public key (GPC 2.2.1 §C.2.2), given by its owner."""

    modulus: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){128,512}$", to_upper=True)]
    exponent: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){1,4}$", to_upper=True)] = "010001"


class DomainIn(_In):
    name: Text
    owner: Literal["mobile", "third_party"]
    provider: Text | None = None
    """The owning provider's name (third-party SDs)."""
    privileges: Annotated[int, Field(ge=0, le=0xFFFFFF)] = 0x800000
    key_set_ref: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    """Mobile-owned SDs: the key set in the key service the SD is keyed with."""
    space_type: Literal["flexible", "fixed"] = "flexible"
    space_size: Annotated[int, Field(gt=0, le=0x7FFFFFFF)] | None = None
    mode: Literal["normal", "dap", "token", "authorized"] = "normal"
    deletion_rule: Literal["separate", "with_last_app"] = "separate"
    key_update_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    install_params: Hex = ""
    """The C9 application-specific parameters (hex, without the C9 tag)."""
    dap_key: DapKeyIn | None = None
    """DAP mode: the owner's public key, which the SD gets with PUT KEY at creation."""

    @model_validator(mode="after")
    def _space(self) -> DomainIn:
        if (self.mode == "dap") != (self.dap_key is not None):
            raise ValueError("a DAP-mode SD gives its owner's DAP public key (dap_key); no other SD does")
        if (self.space_type == "fixed") != (self.space_size is not None):
            raise ValueError("a fixed-space SD gives its size (space_size); a flexible one does not")
        if self.owner == "third_party" and not self.provider:
            raise ValueError("a third-party SD names its provider")
        return self


class WrappedKey(_In):
    wrapped: Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{32}$", to_upper=True)]
    """The key, 3DES-ECB under the provider's transport KEK."""
    kcv: Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{6}$", to_upper=True)]


class ProviderKeysIn(_In):
    transport: Annotated[str, StringConstraints(pattern=r"^transport-[A-Za-z0-9_.\-]{1,54}$")]
    kvn: Annotated[int, Field(ge=1, le=0x7F)]
    keys: Annotated[list[WrappedKey], Field(min_length=3, max_length=3)]
    """ENC, MAC, DEK in that order."""


class DapSignatureIn(_In):
    signature: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){64,512}$", to_upper=True)]
    """The SD owner's signature of the load file's Load File Data Block Hash (§C.2.2)."""


class LoadFileDapView(BaseModel):
    load_file: str
    sd: str
    signed: bool


class DomainView(BaseModel):
    aid: str
    name: str
    owner: str
    provider: str | None
    privileges: str
    key_set_ref: str | None
    space_type: str
    space_size: int | None
    mode: str
    deletion_rule: str
    key_update_days: int | None
    install_params: str
    provider_keys: dict[str, object] | None
    """Transport key set, KVN and KCVs of a third party's keys; never the keys."""
    dap_key: dict[str, str] | None
    created: bool


class DomainList(BaseModel):
    domains: list[DomainView]


def view(session: Session, sd: SecurityDomain) -> DomainView:
    provider = session.get(Provider, sd.provider_id) if sd.provider_id else None
    keys = sd.provider_keys
    return DomainView(
        aid=sd.aid,
        name=sd.name,
        owner=sd.owner,
        provider=provider.name if provider else None,
        privileges=f"{sd.privileges:06X}",
        key_set_ref=sd.key_set_ref,
        space_type=sd.space_type,
        space_size=sd.space_size,
        mode=sd.mode,
        deletion_rule=sd.deletion_rule,
        key_update_days=sd.key_update_days,
        install_params=sd.install_params,
        provider_keys={"transport": keys["transport"], "kvn": keys["kvn"], "kcvs": keys["kcvs"]} if keys else None,
        dap_key=sd.dap_key,
        created=sd.created_at is not None,
    )


def list_domains(session: Session, actor: Actor) -> list[DomainView]:
    query = sa.select(SecurityDomain).order_by(SecurityDomain.aid)
    if actor.role is Role.PROVIDER:
        query = query.where(SecurityDomain.provider_id == actor.provider_id)
    return [view(session, sd) for sd in session.scalars(query)]


def save(session: Session, actor: str, aid: str, body: DomainIn) -> DomainView:
    provider_id = None
    if body.provider:
        provider_id = session.scalar(sa.select(Provider.id).where(Provider.name == body.provider))
        if provider_id is None:
            raise not_found("provider", body.provider)
    wanted = {
        "name": body.name,
        "owner": body.owner,
        "provider_id": provider_id,
        "privileges": body.privileges,
        "key_set_ref": body.key_set_ref,
        "space_type": body.space_type,
        "space_size": body.space_size,
        "mode": body.mode,
        "deletion_rule": body.deletion_rule,
        "key_update_days": body.key_update_days,
        "install_params": body.install_params,
        "dap_key": body.dap_key.model_dump() if body.dap_key else None,
    }
    sd = session.get(SecurityDomain, aid)
    if sd is None:
        sd = SecurityDomain(aid=aid, **wanted)
        session.add(sd)
        changed = sorted(wanted)
    else:
        changed = sorted(k for k, v in wanted.items() if getattr(sd, k) != v)
        locked = [k for k in changed if k not in _MUTABLE_AFTER_CREATION]
        if sd.created_at is not None and locked:
            raise ConflictError("sd.attributes_locked", detail={"locked": locked})
        for k in changed:
            setattr(sd, k, wanted[k])
    audit.record(session, "sd.attributes", actor, sd=aid, changed=changed)
    session.flush()
    return view(session, sd)


def set_provider_keys(session: Session, keystore: KeyStore, actor: Actor, aid: str, body: ProviderKeysIn) -> DomainView:
    sd = session.get(SecurityDomain, aid)
    if sd is None:
        raise not_found("security domain", aid)
    if sd.owner != "third_party":
        raise ConflictError("sd.not_third_party")
    if actor.role is Role.PROVIDER and actor.provider_id != sd.provider_id:
        raise ForbiddenError("sd.not_yours")
    if not keystore.key_versions(body.transport, session=session):
        raise PlatformError("sd.transport_unknown", status=409, detail={"transport": body.transport})
    sd.provider_keys = {
        "transport": body.transport,
        "kvn": body.kvn,
        "wrapped": [k.wrapped for k in body.keys],
        "kcvs": [k.kcv for k in body.keys],
    }
    audit.record(session, "sd.provider_keys", actor.name, sd=aid, transport=body.transport, kvn=body.kvn)
    session.flush()
    return view(session, sd)


def set_dap_signature(session: Session, actor: Actor, aid: str, body: DapSignatureIn) -> LoadFileDapView:
    """Store the DAP-mode SD owner's signature of a load file, as given (§5.4.2 "SSD DAP签名")."""
    load_file = session.get(LoadFile, aid)
    if load_file is None:
        raise not_found("load file", aid)
    app = session.get(Application, load_file.application_id)
    sd = session.get(SecurityDomain, app.sd_aid) if app and app.sd_aid else None
    if sd is None or sd.mode != "dap":
        raise ConflictError("sd.not_dap")
    if actor.role is Role.PROVIDER and (app is None or actor.provider_id != app.provider_id):
        raise ForbiddenError("sd.not_yours")
    load_file.dap_signature = body.signature
    audit.record(session, "sd.dap_signature", actor.name, load_file=aid, sd=sd.aid)
    session.flush()
    return LoadFileDapView(load_file=aid, sd=sd.aid, signed=True)
