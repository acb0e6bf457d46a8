"""Token-mode SDs in the flows (seed §5.3.1 mode "token", §5.8.9.3; GPC 2.2.1 §9.3.3, Annex C.4).

For a download into, or a delete from, a token-mode SD the flows send each content-management
command that touches the SD with a token the platform (the Card Issuer's TSM) signs for exactly
that command (:func:`tokened`: bound to P1/P2 and every AID and hash in its data, so to the
card's content and the SD), and note where its receipt comes back (:func:`expect`).  After the
script, :func:`record_receipts` checks each receipt with the receipt key and stores it with the
operation (``DmReceipt``), where the SD's provider fetches and verifies it
(admin/receipts.py).  A command the card refused for its token (6982) fails the operation with
``sd.token_refused``, audited.
"""

from __future__ import annotations

from typing import Any

from ota.gp import token
from ota.gp.apdu import CommandApdu
from ota.gp.errors import GpError
from ota.gp.sw import SW
from ota.platform import audit
from ota.platform.flows.base import FailedOutcome, FlowContext
from ota.platform.flows.secure import Replies
from ota.platform.keys import dm
from ota.platform.models import DmReceipt, SecurityDomain


def token_mode(sd: SecurityDomain | None) -> bool:
    return sd is not None and sd.mode == "token"


def tokened(ctx: FlowContext, command: CommandApdu) -> CommandApdu:
    """``command`` with the Card Issuer's token over exactly it (GPC 2.2.1 §C.4.1)."""
    return token.with_token(command, dm.sign(ctx.session, ctx.keystore, token.token_input(command)))


def expect(tag: str, kind: token.ReceiptKind, *aids: bytes) -> list[Any]:
    """A receipt the card owes: the reply it comes in, and what it covers (checkpoint JSON)."""
    return [tag, kind.value, [a.hex().upper() for a in aids]]


def record_receipts(ctx: FlowContext, seid: str, sd_aid: str, expected: list[list[Any]], r: Replies) -> list[dict[str, Any]]:
    """Check and store the receipts of the commands that ran; a missing or wrong one is stored
    as invalid and audited (the card did the command, the receipt does not prove it)."""
    out = []
    for tag, kind, aids in expected:
        reply = r.get(tag)
        if reply is None or reply.sw != SW.OK:
            continue
        try:
            confirmation = token.parse_confirmation(reply.data)
            data = token.receipt_input(token.ReceiptKind(kind), confirmation.counter, confirmation.card_unique_data,
                                       *(bytes.fromhex(a) for a in aids))
            valid = dm.check_receipt(ctx.session, ctx.keystore, data, confirmation.receipt)
        except GpError:
            confirmation, valid = token.Confirmation(b"", 0, b""), False
        row = DmReceipt(
            operation_id=ctx.operation.id,
            seid=seid,
            sd_aid=sd_aid,
            kind=kind,
            aids=aids,
            counter=confirmation.counter,
            card_unique_data=confirmation.card_unique_data.hex().upper(),
            receipt=confirmation.receipt.hex().upper(),
            valid=valid,
        )
        ctx.session.add(row)
        audit.record(ctx.session, "dm.receipt" if valid else "dm.receipt_invalid", ctx.principal.operator,
                     operation=ctx.operation.id, seid=seid, sd=sd_aid, kind=kind, aids=aids, counter=confirmation.counter)
        out.append({"kind": kind, "aids": aids, "counter": confirmation.counter, "valid": valid})
    ctx.session.flush()
    return out


def explain_refusal(ctx: FlowContext, sd: SecurityDomain | None, expected_tags: list[str], failure: FailedOutcome) -> FailedOutcome:
    """A tokened command answered 6982: the card's ISD refused the token; nothing was changed."""
    detail = failure.detail or {}
    if not token_mode(sd) or detail.get("sw") != "6982" or detail.get("command") not in expected_tags:
        return failure
    assert sd is not None
    audit.record(ctx.session, "sd.token_refused", ctx.principal.operator, operation=ctx.operation.id,
                 seid=ctx.card.seid, sd=sd.aid, command=detail.get("command"))
    return FailedOutcome("sd.token_refused", {**detail, "sd": sd.aid})
