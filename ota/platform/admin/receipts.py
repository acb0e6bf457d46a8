"""Delegated Management for third-party platforms (seed §5.8.9.3: "对 Token 模式的辅助安全域,多应用
开放平台提供接口给第三方平台完成 Token 验证"; GPC 2.2.1 Annex C.4).

* ``POST /admin/dm-keys`` (administrator): generate the Card Issuer's token and receipt keys once;
  ``GET /admin/dm-keys``: the public token key (to check any token the platform signed) and the
  receipt key's KCV, never a key.
* ``GET /admin/security-domains/{aid}/receipts``: the receipts the cards returned for delegated
  commands in that token-mode SD, as stored with each operation.
* ``POST /admin/security-domains/{aid}/receipts/verify``: is this receipt the card's, for these
  AIDs, counter and card?  The platform checks it with the receipt key the third party never gets.
* ``POST /admin/security-domains/{aid}/tokens/verify``: is the token in this INSTALL / DELETE
  command APDU the Card Issuer's for exactly that command (the ISD's check, done for the third
  party: "提供接口给第三方平台完成 Token 验证")?

A provider sees and verifies only its own SDs' receipts (``sd.not_yours``, audited as every
refusal by ``policy.perform``); each verification is audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.orm import Session

from ota.gp import token
from ota.gp.apdu import CommandApdu
from ota.gp.errors import GpError
from ota.platform import audit
from ota.platform.errors import ConflictError, ForbiddenError, PlatformError, not_found
from ota.platform.keys import dm
from ota.platform.keystore import KeyStore
from ota.platform.models import DmReceipt, SecurityDomain
from ota.platform.policy import Actor
from ota.protocol import Role

Hex = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2})*$", max_length=64, to_upper=True)]
AidHex = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){5,16}$", to_upper=True)]


class DmKeysView(BaseModel):
    token_modulus: str
    token_exponent: str
    receipt_kcv: str


class ReceiptView(BaseModel):
    operation_id: str
    seid: str
    kind: str
    aids: list[str]
    counter: int
    card_unique_data: str
    receipt: str
    valid: bool
    created_at: datetime


class ReceiptIn(BaseModel):
    """A receipt as the third party holds it (from the list above, or its own records)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: token.ReceiptKind
    aids: list[AidHex] = Field(min_length=1, max_length=3)
    counter: int = Field(ge=0, le=0xFFFF)
    card_unique_data: Hex
    receipt: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){8}$", to_upper=True)]


class Verdict(BaseModel):
    valid: bool


class TokenIn(BaseModel):
    """A command APDU carrying a token, in hex, as it would go to the card."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    command: Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){5,300}$", to_upper=True)]


def _view(keys: dm.DmPublic) -> DmKeysView:
    return DmKeysView(token_modulus=keys.modulus, token_exponent=keys.exponent, receipt_kcv=keys.receipt_kcv)


def create_keys(session: Session, keystore: KeyStore, actor: Actor) -> DmKeysView:
    return _view(dm.create(session, keystore, actor.name))


def show_keys(session: Session) -> DmKeysView:
    keys = dm.public(session)
    if keys is None:
        raise dm.DmKeysMissing()
    return _view(keys)


def _token_sd(session: Session, actor: Actor, aid: str) -> SecurityDomain:
    sd = session.get(SecurityDomain, aid)
    if sd is None:
        raise not_found("security domain", aid)
    if actor.role is Role.PROVIDER and actor.provider_id != sd.provider_id:
        raise ForbiddenError("sd.not_yours", detail={"sd": sd.aid, "action": "sd.receipts"})
    if sd.mode != "token":
        raise ConflictError("sd.not_token", detail={"sd": sd.aid})
    return sd


def list_receipts(session: Session, actor: Actor, aid: str) -> list[ReceiptView]:
    sd = _token_sd(session, actor, aid)
    rows = session.scalars(sa.select(DmReceipt).where(DmReceipt.sd_aid == sd.aid).order_by(DmReceipt.id))
    return [
        ReceiptView(
            operation_id=r.operation_id, seid=r.seid, kind=r.kind, aids=list(r.aids), counter=r.counter,
            card_unique_data=r.card_unique_data, receipt=r.receipt, valid=r.valid, created_at=r.created_at,
        )
        for r in rows
    ]


def verify_receipt(session: Session, keystore: KeyStore, actor: Actor, aid: str, body: ReceiptIn) -> Verdict:
    sd = _token_sd(session, actor, aid)
    try:
        data = token.receipt_input(body.kind, body.counter, bytes.fromhex(body.card_unique_data),
                                   *(bytes.fromhex(a) for a in body.aids))
    except GpError as e:
        raise PlatformError(
            "sd.receipt_malformed",
            status=422,
            detail={"reason": str(e)},
        ) from None
    valid = dm.check_receipt(session, keystore, data, bytes.fromhex(body.receipt))
    audit.record(session, "dm.receipt_verified", actor.name, sd=sd.aid, kind=body.kind.value,
                 counter=body.counter, valid=valid)
    return Verdict(valid=valid)


def verify_token(session: Session, actor: Actor, aid: str, body: TokenIn) -> Verdict:
    sd = _token_sd(session, actor, aid)
    keys = dm.public(session)
    if keys is None:
        raise dm.DmKeysMissing()
    try:
        command = CommandApdu.parse(bytes.fromhex(body.command))
    except GpError as e:
        raise PlatformError(
            "sd.token_command_malformed",
            status=422,
            detail={"reason": str(e)},
        ) from None
    public = rsa.RSAPublicNumbers(int(keys.exponent, 16), int(keys.modulus, 16)).public_key()
    valid = command.ins in (0xE4, 0xE6) and token.verify_token(public, command)
    audit.record(session, "dm.token_verified", actor.name, sd=sd.aid, ins=f"{command.ins:02X}", valid=valid)
    return Verdict(valid=valid)
