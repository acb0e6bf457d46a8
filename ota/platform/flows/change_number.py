"""BOSS number change, 换号 (seed §5.5.2 table 5-1, §5.5.5): two round trips.

Script 2 writes to the ISD, in one STORE DATA sequence (GPC 2.2.1 §11.11, no structure
indicated: 2F14 and 1047 are two-byte tags that are not well-formed BER):

* ``2F14 len MSISDN``: the new MSISDN as ASCII digits (e.g. ``3133383030313338303030``);
  ASCII rather than BCD so that no filler nibble and no swapped-nibble convention can be
  misread, and GET DATA 2F14 shows the number as it is written;
* ``1047 len 01 len token 02 len digest`` (table 5-1): the token is
  ``HMAC-SHA256(token key, SEID || YYYYMMDD)[:16]``, "dispersed from the SEID and the date"
  with the platform's token key (key set ``platform-token`` in the keystore, enc || mac as the
  HMAC key); the IMSI digest is ``SHA-256(IMSI as ASCII digits)[:16]``.

The token is stored sealed by the keystore (AES-GCM) with a validity of ``TOKEN_VALIDITY``.
Then the applications on this SE that need personalisation are personalised again from their
templates, with the new number.  After the card accepted everything, the SE's binding moves to
the new MSISDN (a new subscriber record inherits region and service state), and the
subscriptions of the applications on this SE move with it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from ota.gp import commands
from ota.gp.constants import TAG_MSISDN, TAG_TOKEN, StoreDataFormat
from ota.gp.crypto import pad80
from ota.gp.tlv import encode_length
from ota.platform import audit
from ota.platform.db import utcnow
from ota.platform.errors import KeyStoreError
from ota.platform.flows import perso
from ota.platform.flows.base import DoneOutcome, FlowContext, FlowError, Outcome
from ota.platform.flows.checks import Registration, check_region, find_app, mask, refuse
from ota.platform.flows.secure import CardFlow, Replies, Session, unfinished
from ota.platform.flows.states import get_state
from ota.platform.models import AppInstance, Application, AppState, MsisdnBinding, SeToken, Subscriber, Subscription
from ota.protocol import OperationKind

TOKEN_KEY_REF = "platform-token"
TOKEN_VALIDITY = timedelta(days=30)
TOKEN_LEN = 16
DIGEST_LEN = 16
_DIGITS = re.compile(r"^[0-9]{5,15}$")


def two_byte_object(tag: int, value: bytes) -> bytes:
    return tag.to_bytes(2, "big") + encode_length(len(value)) + value


def token_for(key: bytes, seid: str, day: datetime) -> bytes:
    return hmac.new(key, bytes.fromhex(seid) + day.strftime("%Y%m%d").encode(), hashlib.sha256).digest()[:TOKEN_LEN]


def imsi_digest(imsi: str) -> bytes:
    return hashlib.sha256(imsi.encode("ascii")).digest()[:DIGEST_LEN]


def isd_data(msisdn: str, token: bytes, digest: bytes) -> bytes:
    """The ISD's STORE DATA payload: tag 2F14 then tag 1047 of table 5-1."""
    token_value = bytes((0x01, len(token))) + token + bytes((0x02, len(digest))) + digest
    return two_byte_object(TAG_MSISDN, msisdn.encode("ascii")) + two_byte_object(TAG_TOKEN, token_value)


def _token(ctx: FlowContext, seid: str, day: datetime) -> bytes:
    """``token_for`` computed by the key service (inside the HSM for the PKCS#11 back end)."""
    try:
        mac = ctx.keystore.token_mac(TOKEN_KEY_REF, bytes.fromhex(seid) + day.strftime("%Y%m%d").encode(), ctx.session)
    except KeyStoreError as e:
        raise FlowError("keystore.token_key") from e
    return mac[:TOKEN_LEN]


def _digits(ctx: FlowContext, name: str, fallback: str | None = None) -> str:
    value = str(ctx.params.get(name) or fallback or "")
    if not _DIGITS.match(value):
        raise refuse(f"params.{name}", param=name)
    return value


def _apps_to_repersonalise(ctx: FlowContext, seid: str) -> list[Application]:
    apps = ctx.session.scalars(sa.select(Application).where(Application.needs_personalisation.is_(True)).order_by(Application.id))
    return [
        a for a in apps
        if perso.needs_commands(a.perso_template)
        and get_state(ctx.session, seid, a.id) in (AppState.PERSONALIZED, AppState.USABLE)
    ]


class ChangeNumberFlow(CardFlow):
    kind = OperationKind.CHANGE_NUMBER
    writes_at_once = True

    def prepare(self, ctx: FlowContext, registration: Registration) -> dict[str, Any]:
        old = registration.subscriber
        assert old is not None  # check_registration refuses an unbound SE for writes
        new_msisdn = _digits(ctx, "new_msisdn")
        if new_msisdn == old.msisdn:
            raise refuse("number.unchanged")
        new = ctx.session.get(Subscriber, new_msisdn)
        if new is not None:
            check_region(ctx, new)
        imsi = _digits(ctx, "imsi", (new.imsi if new else None) or old.imsi)
        return {"old": old.msisdn, "new": new_msisdn, "imsi": imsi}

    def authenticated(self, ctx: FlowContext, state: dict[str, Any], session: Session) -> Outcome:
        seid = session.card["seid"]
        token = _token(ctx, seid, utcnow())
        data = isd_data(state["new"], token, imsi_digest(state["imsi"]))
        # Encrypted with the session DEK (P1 b7-b6 = 11, GPC 2.2.1 §11.11.2.1, §E.4.7): the script
        # passes through the terminal and is stored with the operation, and the token may only be
        # kept sealed (seed §5.5.2).
        sealed_data = session.channel.encrypt_sensitive(pad80(data))
        # Cut on DES block boundaries: a card may decrypt each block on its own.
        block_size = session.max_data // 16 * 16  # whole DES and AES blocks (SCP02 / SCP03)
        blocks = commands.store_data_blocks(sealed_data, block_size, StoreDataFormat.NONE, encrypted=True)
        for n, block in enumerate(blocks):
            session.send(block, f"number:store:{n}")
        values = {"subscriber:msisdn": state["new"], "subscriber:imsi": state["imsi"], "se:seid": seid}

        def resolve(source: str) -> str | None:
            if source.startswith("param:"):
                value = ctx.params.get(source[6:])
                return None if value is None else str(value)
            return values.get(source)

        apps = _apps_to_repersonalise(ctx, seid)
        for app in apps:
            perso.send_through_sd(session, app.perso_template, _instances(ctx, app), resolve)
        for app in apps:
            perso.send_plain(session, app.perso_template, _instances(ctx, app))
        sealed = ctx.keystore.seal_secret(f"token:{seid}", token)
        flow = {**state, "token": sealed.hex(), "apps": [a.id for a in apps]}
        return session.script({"phase": "write", "flow": flow})

    def answered(self, ctx: FlowContext, checkpoint: dict[str, Any], r: Replies) -> Outcome:
        failure = unfinished(r)
        if failure is not None:
            return failure
        state, seid = checkpoint["flow"], checkpoint["card"]["seid"]
        expires = self._store_token(ctx, seid, bytes.fromhex(state["token"]))
        self._rebind(ctx, seid, state)
        audit.record(ctx.session, "se.change_number", ctx.principal.operator, seid=seid, old=mask(state["old"]), new=mask(state["new"]))
        names = [find_app(ctx.session, a).name for a in state["apps"]]
        return DoneOutcome(
            {"seid": seid, "msisdn": state["new"], "previous_msisdn": state["old"], "token_expires_at": expires.isoformat(), "repersonalised": names}
        )

    @staticmethod
    def _store_token(ctx: FlowContext, seid: str, sealed: bytes) -> datetime:
        now = utcnow()
        row = ctx.session.get(SeToken, seid)
        if row is None:
            row = SeToken(seid=seid, token_encrypted=sealed, issued_at=now, expires_at=now + TOKEN_VALIDITY)
            ctx.session.add(row)
        else:
            row.token_encrypted, row.issued_at, row.expires_at = sealed, now, now + TOKEN_VALIDITY
        return now + TOKEN_VALIDITY

    @staticmethod
    def _rebind(ctx: FlowContext, seid: str, state: dict[str, Any]) -> None:
        db = ctx.session
        old = db.get(Subscriber, state["old"])
        if db.get(Subscriber, state["new"]) is None:
            db.add(Subscriber(msisdn=state["new"], region=old.region if old else ctx.principal.region, imsi=state["imsi"], in_service=True))
            db.flush()
        binding = db.get(MsisdnBinding, seid)
        assert binding is not None
        binding.msisdn = state["new"]
        on_card = [a for a in db.scalars(sa.select(Application.id)) if get_state(db, seid, a) is not AppState.READY]
        for app_id in on_card:
            previous = db.get(Subscription, (state["old"], app_id))
            if previous is None or not previous.active:
                continue
            previous.active = False
            moved = db.get(Subscription, (state["new"], app_id))
            if moved is None:
                db.add(Subscription(msisdn=state["new"], application_id=app_id, active=True))
            else:
                moved.active = True
        db.flush()


def _instances(ctx: FlowContext, app: Application) -> list[bytes]:
    rows = ctx.session.scalars(sa.select(AppInstance.instance_aid).where(AppInstance.application_id == app.id))
    return [bytes.fromhex(a) for a in sorted(rows)]


FLOW = ChangeNumberFlow()
