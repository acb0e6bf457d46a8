"""Delegated Management on the virtual SE (GPC 2.2.1 §9.3.3, §9.3.4, Annex C.4).

A token-mode SD is an SSD with the Delegated Management privilege.  Content management that
changes what such an SD holds needs the Card Issuer's token, whichever SD the command came in
through (this card's rule; GP requires it for commands through the DM SD, and the HallTerm
platform sends them in the ISD's channel, see docs/ARCHITECTURE.md "Token-mode SDs"):

* INSTALL [for load] of a load file associated with it (its SD AID field, or the selected SD);
* INSTALL [for install] of a module of a load file it holds;
* INSTALL [for extradition] to it, or of something it holds;
* DELETE of an application or load file it holds.

The ISD verifies the token with the Card Issuer's public token key (``CardState.token_modulus``
/ ``token_exponent``, put there at card issuance): a missing or bad token answers 6982 and
nothing changes.  When the ISD holds a receipt key (Receipt Generation), the command's response
carries the receipt with the raised confirmation counter (ota.gp.token); a load's receipt comes
with its last LOAD block.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import rsa

from ota.gp import token
from ota.gp.apdu import CommandApdu
from ota.gp.constants import Ins, InstallFor, Privilege
from ota.gp.errors import GpError
from ota.gp.sw import SW
from ota.gp.tlv import TlvError, decode_tlvs, find
from ota.vse.errors import fail
from ota.vse.loading import read_lv_fields
from ota.vse.state import CardState

_DM = int(Privilege.DELEGATED_MANAGEMENT)


@dataclass(frozen=True)
class Delegated:
    """A command the ISD let through on a good token: what its receipt will cover."""

    kind: token.ReceiptKind
    aids: tuple[bytes, ...]


def _is_dm_sd(state: CardState, aid: bytes | None) -> bool:
    sd = state.app(aid) if aid else None
    return sd is not None and sd.privileges & _DM == _DM


def _owner(state: CardState, aid: bytes) -> bytes | None:
    """The SD an application or load file is associated with."""
    found = state.app(aid) or state.load_file(aid)
    return found.sd_aid if found is not None else None


def governed(state: CardState, command: CommandApdu, selected: bytes) -> Delegated | None:
    """The receipt a token-gated command will earn, or None when it needs no token."""
    if command.ins == Ins.INSTALL:
        fields = read_lv_fields(command.data, token.install_fields(command.p1))
        if command.p1 == InstallFor.LOAD:
            sd = fields[1] or selected
            if _is_dm_sd(state, sd) or _is_dm_sd(state, selected):
                return Delegated(token.ReceiptKind.LOAD, (fields[0], sd))
        elif command.p1 in (InstallFor.INSTALL, InstallFor.INSTALL_AND_MAKE_SELECTABLE):
            if _is_dm_sd(state, _owner(state, fields[0])) or _is_dm_sd(state, selected):
                return Delegated(token.ReceiptKind.INSTALL, (fields[0], fields[2] or fields[1]))
        elif command.p1 == InstallFor.EXTRADITION:
            sd, aid = fields[0], fields[2]
            original = _owner(state, aid) or b""
            if _is_dm_sd(state, sd) or _is_dm_sd(state, original) or _is_dm_sd(state, selected):
                return Delegated(token.ReceiptKind.EXTRADITION, (original, aid, sd))
        return None
    if command.ins == Ins.DELETE:
        try:
            aid_tlv = find(decode_tlvs(command.data), 0x4F)
        except TlvError:
            return None  # the DELETE itself answers the malformed data
        if aid_tlv is not None and (_is_dm_sd(state, _owner(state, aid_tlv.value)) or _is_dm_sd(state, selected)):
            return Delegated(token.ReceiptKind.DELETE, (aid_tlv.value,))
    return None


def check(state: CardState, command: CommandApdu, selected: bytes) -> Delegated | None:
    """The ISD's token verification: 6982 for a gated command without the Card Issuer's token."""
    delegated = governed(state, command, selected)
    if delegated is None:
        return None
    if not state.token_modulus:
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "no token verification key on the card")
    try:
        numbers = rsa.RSAPublicNumbers(int.from_bytes(state.token_exponent, "big"), int.from_bytes(state.token_modulus, "big"))
        key = numbers.public_key()
    except ValueError:
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "unusable token verification key") from None
    if not token.verify_token(key, command):
        raise fail(SW.SECURITY_STATUS_NOT_SATISFIED, "Delegated Management token missing or invalid")
    return delegated


def card_unique_data(state: CardState) -> bytes:
    """IIN and CIN end to end (tags 42 and 45)."""
    return state.iin + state.seid


def confirm(state: CardState, delegated: Delegated | None) -> bytes:
    """The response data after the command was carried out: the receipt, or ``00`` (none)."""
    if delegated is None or not state.receipt_key:
        return b"\x00"
    state.confirmation_counter = (state.confirmation_counter + 1) & 0xFFFF
    cud = card_unique_data(state)
    try:
        data = token.receipt_input(delegated.kind, state.confirmation_counter, cud, *delegated.aids)
    except GpError:
        return b"\x00"
    return token.Confirmation(token.receipt(state.receipt_key, data), state.confirmation_counter, cud).encode()
