"""SCP02 on the card: INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, PUT KEY (GPC 2.2.1 App. E, §11.8).

The cryptography is ``ota.gp.scp02_card.CardChannel``; this module owns what the card stores:

* the key set chosen by INITIALIZE UPDATE P1 (00 = the default key set, i.e. the lowest KVN);
* the sequence counter per key set, incremented when EXTERNAL AUTHENTICATE's C-MAC verifies
  (the first C-MAC of an explicitly opened session, §E.1.2) and reset to 0 by PUT KEY;
* a failed-authentication counter per key set: every EXTERNAL AUTHENTICATE that fails counts,
  a successful one clears it; at ``MAX_AUTH_FAILURES`` INITIALIZE UPDATE answers 6983.

The card's initial key set has KVN FF (GP's reserved "initial key set", like real test cards).
PUT KEY P1=00 with a new KVN replaces that initial set (GPPro's ``--lock`` relies on this) and
otherwise adds a set; P1=KVN replaces that set.  Only DES keys (type 80), three per set.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable

from ota.gp.apdu import CommandApdu
from ota.gp.errors import GpError
from ota.gp.scp02 import (
    Scp02Options,
    StaticKeys,
    key_check_value,
    next_sequence_counter,
    pseudo_random_card_challenge,
)
from ota.gp.scp02_card import CardChannel, CardSecurityError
from ota.gp.sw import SW
from ota.vse.errors import StatusWordError, fail
from ota.vse.state import INITIAL_KVN, CardState, KeySet

Random = Callable[[int], bytes]
_DES_KEY = 0x80


def static_keys(key_set: KeySet) -> StaticKeys:
    return StaticKeys(key_set.enc, key_set.mac, key_set.dek, key_set.kvn)


def initialize_update(
    state: CardState, sd_aid: bytes, command: CommandApdu, rng: Random = os.urandom
) -> tuple[CardChannel, bytes]:
    """INITIALIZE UPDATE, GPC 2.2.1 §E.5.1: a new channel and the 28-byte response data."""
    if command.p2 != 0:
        raise fail(SW.INCORRECT_P1P2, "P2 must be 00 for SCP02")
    if len(command.data) != 8:
        raise fail(SW.WRONG_LENGTH, "host challenge must be 8 bytes")
    if sd_aid != state.isd_aid:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "this security domain has no key set")
    key_set = state.key_set(command.p1)
    if key_set is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"no key set {command.p1:02X}")
    if key_set.blocked:
        raise fail(SW.AUTH_METHOD_BLOCKED, "key set blocked after failed authentications")
    options = Scp02Options(i=state.i)
    keys = static_keys(key_set)
    if options.pseudo_random_challenge:
        challenge = pseudo_random_card_challenge(keys, key_set.seq, sd_aid)
    else:
        challenge = rng(6)
    channel = CardChannel(options)
    return channel, channel.begin(keys, key_set.seq, command.data, challenge, state.kdd)


def external_authenticate(state: CardState, channel: CardChannel, apdu: bytes) -> None:
    """EXTERNAL AUTHENTICATE, GPC 2.2.1 §E.5.2; the caller saves the state either way."""
    key_set = state.key_set(channel.kvn)
    try:
        channel.external_authenticate(apdu)
    except CardSecurityError as exc:
        if key_set is not None:
            key_set.failures += 1
        raise StatusWordError(exc.sw, str(exc)) from exc
    except GpError as exc:  # an EXTERNAL AUTHENTICATE that does not even parse
        raise fail(SW.WRONG_LENGTH, str(exc)) from exc
    if key_set is not None:
        key_set.seq = next_sequence_counter(key_set.seq, channel.first_cmac_verified)
        key_set.failures = 0


def _read_keys(data: bytes) -> list[tuple[bytes, bytes]]:
    """Key blocks of PUT KEY (Table 11-65): type, LV encrypted key, LV KCV."""
    keys: list[tuple[bytes, bytes]] = []
    pos = 0
    while pos < len(data):
        if pos + 2 > len(data):
            raise fail(SW.WRONG_DATA, "truncated key block")
        key_type, n = data[pos], data[pos + 1]
        key = data[pos + 2 : pos + 2 + n]
        pos += 2 + n
        if key_type != _DES_KEY or n != 16 or len(key) != n:
            raise fail(SW.WRONG_DATA, "only 16-byte DES keys (type 80) are supported")
        if pos >= len(data):
            raise fail(SW.WRONG_DATA, "key check value missing")
        kcv_len = data[pos]
        kcv = data[pos + 1 : pos + 1 + kcv_len]
        pos += 1 + kcv_len
        if kcv_len != 3 or len(kcv) != 3:
            raise fail(SW.WRONG_DATA, "key check value must be 3 bytes")
        keys.append((key, kcv))
    return keys


def put_key(state: CardState, channel: CardChannel, command: CommandApdu) -> bytes:
    """PUT KEY, GPC 2.2.1 §11.8: decrypt with the session DEK, verify KCVs, reset the counter."""
    old_kvn, p2, data = command.p1, command.p2, command.data
    if not data:
        raise fail(SW.WRONG_DATA, "PUT KEY without data")
    new_kvn = data[0]
    blocks = _read_keys(data[1:])
    if p2 & 0x7F != 1 or not p2 & 0x80 or len(blocks) != 3:
        raise fail(SW.WRONG_DATA, "PUT KEY must carry the three keys of a set, from key id 1")
    plain = [channel.decrypt_sensitive(key) for key, _ in blocks]
    for key, (_, kcv) in zip(plain, blocks, strict=True):
        if not hmac.compare_digest(key_check_value(key), kcv):
            raise fail(SW.WRONG_DATA, "key check value does not match")
    _replace_key_set(state, old_kvn, KeySet(new_kvn, plain[0], plain[1], plain[2]))
    return bytes((new_kvn,)) + b"".join(kcv for _, kcv in blocks)


def _replace_key_set(state: CardState, old_kvn: int, new: KeySet) -> None:
    if not 1 <= new.kvn <= 0x7F:
        raise fail(SW.WRONG_DATA, "new key version must be 01..7F")
    if old_kvn == 0:
        initial = state.key_set(INITIAL_KVN)
        if initial is not None and len(state.key_sets) == 1:
            state.key_sets.remove(initial)
        elif state.key_set(new.kvn) is not None:
            raise fail(SW.WRONG_DATA, f"key set {new.kvn:02X} exists; replace it with P1={new.kvn:02X}")
    else:
        old = state.key_set(old_kvn)
        if old is None:
            raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"no key set {old_kvn:02X}")
        if new.kvn != old_kvn and state.key_set(new.kvn) is not None:
            raise fail(SW.WRONG_DATA, f"key set {new.kvn:02X} exists")
        state.key_sets.remove(old)
    state.key_sets.append(new)
