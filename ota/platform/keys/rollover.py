"""Key versions per card and roll-over to a new version (seed §5.8.9.3, §5.8.9.6).

A batch has several key versions in use at once: the channel always opens with the version
the card reports in INITIALIZE UPDATE (``flows.secure``).  Starting a roll-over
(:func:`start_rollover`) names the batch's target version; at each card's next contact
:func:`offer` adds, right after EXTERNAL AUTHENTICATE, a PUT KEY (GPC 2.2.1 §11.8) replacing
the card's current key set with the target version, its keys encrypted under the session DEK
by the key service.  The card checks the KCVs and answers with the new KVN and its own KCVs;
:func:`settle` compares them with what the key service computed.  PUT KEY refusals are
accepted by the script so the customer's operation goes on; the key version stays and the
next contact tries again.  The session itself keeps running on the old keys (its session
keys were derived before), and a card that changed its keys without the platform hearing
back is found out at its next INITIALIZE UPDATE, which names the new version.

Every contact records the card's KVN and sequence counter (:func:`card_contact`); a counter
within :data:`COUNTER_MARGIN` of :data:`COUNTER_LIMIT` (cards need not count beyond 32767,
GPC 2.2.1 §E.1.2) flags the card, to be moved to a new key version (which resets it).
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.gp import commands
from ota.gp.scp03 import Scp03KeySource, put_key_data_encrypted
from ota.gp.sw import SW
from ota.platform import audit
from ota.platform.db import insert_row, update_row, utcnow
from ota.platform.errors import ConflictError, KeyStoreError, NotFoundError
from ota.platform.models import KeyRollover, SeBatch, SecureElement, SeKeyState

if TYPE_CHECKING:
    from ota.gp.scp02_cipher import SessionCipher
    from ota.platform.flows.base import FlowContext
    from ota.platform.flows.secure import Replies
    from ota.platform.flows.secure import Session as CardSession

COUNTER_LIMIT = 0x7FFF
COUNTER_MARGIN = 0x0400
PUT_KEY_TAG = "put_key:rollover"
# A refused PUT KEY must not stop the customer's operation: these answers are read by settle().
_PUT_KEY_ACCEPT = (
    SW.OK,
    SW.WRONG_DATA,
    SW.WRONG_LENGTH,
    SW.INCORRECT_P1P2,
    SW.REFERENCED_DATA_NOT_FOUND,
    SW.CONDITIONS_NOT_SATISFIED,
    SW.SECURITY_STATUS_NOT_SATISFIED,
    SW.NOT_ENOUGH_MEMORY,
    SW.INS_NOT_SUPPORTED,
    SW.FUNC_NOT_SUPPORTED,
)


def card_contact(session: Session, seid: str, kvn: int, seq: int) -> SeKeyState:
    """Record the card's key version and counter (INITIALIZE UPDATE); flag a counter near its limit."""
    seid = seid.upper()
    state = session.get(SeKeyState, seid)
    near = seq >= COUNTER_LIMIT - COUNTER_MARGIN
    if near and (state is None or not state.near_limit):
        audit.record(session, "key.counter_near_limit", "system", seid=seid, kvn=kvn, seq=seq, limit=COUNTER_LIMIT)
    if state is None:
        return insert_row(session, SeKeyState, seid=seid, kvn=kvn, seq=seq, near_limit=near, rolled_at=None,
                          updated_at=utcnow())
    update_row(session, state, kvn=kvn, seq=seq, near_limit=near, updated_at=utcnow())
    return state


def offer(
    ctx: FlowContext, batch: SeBatch, card_session: CardSession, keys: SessionCipher | Scp03KeySource, card_kvn: int
) -> None:
    """Add the PUT KEY of the batch's roll-over when this card is not on the target version yet.

    SCP02: the new keys under the session DEK (GPC 2.2.1 §11.8.2.3); SCP03: the new AES keys
    under the card's static DEK (Amendment D §7.2), ``keys`` being the card's current set."""
    rollover = ctx.session.get(KeyRollover, batch.id)
    if rollover is None or rollover.target_kvn == card_kvn:
        return
    if rollover.target_kvn not in ctx.keystore.key_versions(batch.key_set_ref, session=ctx.session):
        return
    kdd = bytes.fromhex(card_session.card["kdd"])
    target, actor = rollover.target_kvn, ctx.principal.operator
    try:
        if isinstance(keys, Scp03KeySource):
            aes = ctx.keystore.aes_put_key_blocks(
                keys, batch.key_set_ref, kdd, batch.diversification, target, ctx.session, actor
            )
            data, kcvs = put_key_data_encrypted(target, aes), [key.kcv for key in aes]
        else:
            des = ctx.keystore.put_key_blocks(
                keys, batch.key_set_ref, kdd, batch.diversification, target, ctx.session, actor
            )
            data, kcvs = commands.put_key_data(target, des), [kcv for _, kcv in des]
    except KeyStoreError as e:
        if e.code != "keystore.hsm_cannot_wrap":
            raise
        # The HSM will not send these keys: the customer's service goes on, the custodian is told.
        seid = str(card_session.card["seid"])
        audit.record(ctx.session, "key.rollover_skipped", actor, seid=seid, kvn_from=card_kvn, kvn_to=target,
                     code=e.code)
        return
    # P1 names the key set replaced; a card's initial set (KVN FF, outside 01..7F) is replaced by adding.
    old = card_kvn if 1 <= card_kvn <= 0x7F else 0
    card_session.send(commands.put_key(target, data, old), PUT_KEY_TAG, _PUT_KEY_ACCEPT)
    card_session.card["rollover"] = {"from": card_kvn, "to": target, "kcv": b"".join(kcvs).hex().upper()}


def settle(ctx: FlowContext, card: dict[str, Any], answers: Replies) -> None:
    """Read the card's answer to the roll-over's PUT KEY, if this script carried one."""
    expected = card.get("rollover")
    reply = answers.get(PUT_KEY_TAG)
    if not expected or reply is None:
        return
    seid = str(card["seid"])
    want = bytes((expected["to"],)) + bytes.fromhex(expected["kcv"])
    actor = ctx.principal.operator
    if reply.sw == SW.OK and hmac.compare_digest(reply.data[: len(want)], want):
        state = ctx.session.get(SeKeyState, seid)
        if state is not None:
            state.kvn, state.seq, state.near_limit, state.rolled_at = expected["to"], 0, False, utcnow()
        audit.record(
            ctx.session, "key.rollover_done", actor, seid=seid, kvn_from=expected["from"], kvn_to=expected["to"]
        )
    else:
        audit.record(
            ctx.session,
            "key.rollover_refused",
            actor,
            seid=seid,
            kvn_from=expected["from"],
            kvn_to=expected["to"],
            sw=f"{reply.sw:04X}",
            reason="card refused PUT KEY" if reply.sw != SW.OK else "card's KCVs differ",
        )
    card.pop("rollover", None)


# --- starting and watching a roll-over ------------------------------------------------------------


def start_rollover(session: Session, batch_name: str, target_kvn: int, known: list[int], actor: str) -> KeyRollover:
    """Move ``batch_name``'s cards to ``target_kvn`` at their next contact; audited."""
    batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == batch_name)).first()
    if batch is None:
        raise NotFoundError("keys.batch_unknown", detail={"batch_name": batch_name})
    if target_kvn not in known:
        raise ConflictError(
            "keys.version_unknown",
            detail={"key_set_ref": batch.key_set_ref},
            params={"kvn": target_kvn},
        )
    if not 1 <= target_kvn <= 0x7F:
        raise ConflictError("keys.version_range", params={"kvn": target_kvn})
    rollover = session.get(KeyRollover, batch.id)
    if rollover is None:
        rollover = KeyRollover(batch_id=batch.id, target_kvn=target_kvn, started_by=actor)
        session.add(rollover)
    else:
        rollover.target_kvn, rollover.started_by, rollover.started_at = target_kvn, actor, utcnow()
    audit.record(session, "key.rollover_start", actor, batch=batch.name, key_ref=batch.key_set_ref, kvn_to=target_kvn)
    session.flush()
    return rollover


@dataclass(frozen=True)
class RolloverStatus:
    batch: str
    target_kvn: int | None
    cards_by_kvn: dict[int, int]
    near_limit: list[str]


def batch_status(session: Session, batch_name: str) -> RolloverStatus:
    batch = session.scalars(sa.select(SeBatch).where(SeBatch.name == batch_name)).first()
    if batch is None:
        raise NotFoundError("keys.batch_unknown", detail={"batch_name": batch_name})
    rows = session.execute(
        sa.select(SeKeyState.seid, SeKeyState.kvn, SeKeyState.near_limit)
        .join(SecureElement, SecureElement.seid == SeKeyState.seid)
        .where(SecureElement.batch_id == batch.id)
    ).all()
    counts: dict[int, int] = {}
    for _, kvn, _ in rows:
        counts[kvn] = counts.get(kvn, 0) + 1
    rollover = session.get(KeyRollover, batch.id)
    return RolloverStatus(
        batch=batch.name,
        target_kvn=rollover.target_kvn if rollover else None,
        cards_by_kvn=dict(sorted(counts.items())),
        near_limit=sorted(seid for seid, _, near in rows if near),
    )
