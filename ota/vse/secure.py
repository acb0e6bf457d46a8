"""SCP02 on the card: INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, PUT KEY (GPC 2.2.1 App. E, §11.8).

The cryptography is ``ota.gp.scp02_card.CardChannel``; this module owns what the card stores:

* the key set chosen by INITIALIZE UPDATE P1 (00 = the default key set, i.e. the lowest KVN);
* the sequence counter per key set, incremented when EXTERNAL AUTHENTICATE's C-MAC verifies
  (the first C-MAC of an explicitly opened session, §E.1.2) and reset to 0 by PUT KEY;
* a failed-authentication counter per key set: every EXTERNAL AUTHENTICATE that fails counts,
  a successful one clears it; at ``MAX_AUTH_FAILURES`` INITIALIZE UPDATE answers 6983.

The card's initial key set has KVN FF (GP's reserved "initial key set", like real test cards).
PUT KEY P1=00 with a new KVN replaces that initial set (GPPro's ``--lock`` relies on this) and
otherwise adds a set; P1=KVN replaces that set.  Three keys per set: DES keys (type 80) on an
SCP02 card, AES keys (type 88) on an SCP03 card.

An SCP03 card (GPC 2.2 Amendment D) answers INITIALIZE UPDATE with ``Scp03CardChannel``; with a
pseudo-random challenge (i b5) the key set's ``seq`` is the counter of §6.2.2.1, incremented by
each INITIALIZE UPDATE.  Its PUT KEY blocks are encrypted with the static DEK (§7.2).
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable

from ota.gp import dap
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
from ota.gp.scp03 import Scp03Keys, Scp03Options
from ota.gp.scp03 import key_check_value as aes_key_check_value
from ota.gp.scp03 import pseudo_random_card_challenge as scp03_challenge
from ota.gp.scp03_card import Scp03CardChannel
from ota.gp.sw import SW
from ota.vse.errors import StatusWordError, fail
from ota.vse.state import INITIAL_KVN, Application, CardState, KeySet

Random = Callable[[int], bytes]
AnyCardChannel = CardChannel | Scp03CardChannel
_DES_KEY = 0x80
_AES_KEY = 0x88


def check_protocol(scp: int, i: int, keys: tuple[bytes, bytes, bytes]) -> None:
    """Refuse a card that could never open a channel: unknown SCP, bad i, keys of the wrong kind."""
    try:
        if scp == 0x02:
            Scp02Options(i=i)
            StaticKeys(*keys)
        elif scp == 0x03:
            Scp03Options(i)
            Scp03Keys(*keys)
        else:
            raise ValueError(f"SCP {scp:02X} is not supported (02 or 03)")
    except GpError as exc:
        raise ValueError(str(exc)) from None


def static_keys(key_set: KeySet) -> StaticKeys:
    return StaticKeys(key_set.enc, key_set.mac, key_set.dek, key_set.kvn)


def _key_set_for(state: CardState, sd_aid: bytes, command: CommandApdu, challenge_len: int) -> KeySet:
    if command.p2 != 0:
        raise fail(SW.INCORRECT_P1P2, "P2 must be 00")
    if len(command.data) != challenge_len:
        raise fail(SW.WRONG_LENGTH, f"host challenge must be {challenge_len} bytes")
    holder = state.key_holder(sd_aid)
    if holder is None or not holder.key_sets:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, "this security domain has no key set")
    key_set = holder.key_set(command.p1)
    if key_set is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"no key set {command.p1:02X}")
    if key_set.blocked:
        raise fail(SW.AUTH_METHOD_BLOCKED, "key set blocked after failed authentications")
    return key_set


def initialize_update(
    state: CardState, sd_aid: bytes, command: CommandApdu, rng: Random = os.urandom
) -> tuple[AnyCardChannel, bytes]:
    """INITIALIZE UPDATE (GPC 2.2.1 §E.5.1; Amendment D §7.1): a new channel and its response data.

    An SCP03 card with a pseudo-random challenge increments the key set's counter: the caller
    commits the state.
    """
    if state.scp == 0x03:
        return _initialize_update_scp03(state, sd_aid, command, rng)
    key_set = _key_set_for(state, sd_aid, command, 8)
    options = Scp02Options(i=state.i)
    keys = static_keys(key_set)
    if options.pseudo_random_challenge:
        challenge = pseudo_random_card_challenge(keys, key_set.seq, sd_aid)
    else:
        challenge = rng(6)
    channel = CardChannel(options)
    return channel, channel.begin(keys, key_set.seq, command.data, challenge, state.kdd)


def _initialize_update_scp03(
    state: CardState, sd_aid: bytes, command: CommandApdu, rng: Random
) -> tuple[Scp03CardChannel, bytes]:
    options = Scp03Options(state.i)
    n = options.block_len
    key_set = _key_set_for(state, sd_aid, command, n)
    keys = scp03_keys(key_set)
    seq = key_set.seq
    if options.pseudo_random_challenge:
        if seq >= 0xFFFFFF:
            raise fail(SW.CONDITIONS_NOT_SATISFIED, "sequence counter exhausted")
        challenge = scp03_challenge(keys, seq, sd_aid, n)
        key_set.seq = seq + 1
    else:
        challenge = rng(n)
    channel = Scp03CardChannel(options)
    return channel, channel.begin(keys, command.data, challenge, state.kdd, seq)


def scp03_keys(key_set: KeySet) -> Scp03Keys:
    return Scp03Keys(key_set.enc, key_set.mac, key_set.dek, key_set.kvn)


def external_authenticate(state: CardState, channel: AnyCardChannel, apdu: bytes, sd_aid: bytes | None = None) -> None:
    """EXTERNAL AUTHENTICATE, GPC 2.2.1 §E.5.2; the caller saves the state either way.

    The counters are those of the key set of the SD the channel is on (``sd_aid``; the ISD when
    None): each SSD counts for itself."""
    holder = state.key_holder(sd_aid)
    key_set = holder.key_set(channel.kvn) if holder is not None else None
    try:
        channel.external_authenticate(apdu)
    except CardSecurityError as exc:
        if key_set is not None:
            key_set.failures += 1
        raise StatusWordError(exc.sw, str(exc)) from exc
    except GpError as exc:  # an EXTERNAL AUTHENTICATE that does not even parse
        raise fail(SW.WRONG_LENGTH, str(exc)) from exc
    if key_set is not None:
        if isinstance(channel, CardChannel):  # SCP03 counts challenges, not sessions
            key_set.seq = next_sequence_counter(key_set.seq, channel.first_cmac_verified)
        key_set.failures = 0


def _read_keys(data: bytes, key_type_wanted: int = _DES_KEY) -> list[tuple[bytes, bytes]]:
    """Key blocks of PUT KEY (Table 11-65): type, LV key component, LV KCV.

    DES (80): the component is the 16-byte encrypted key.  AES (88, Amendment D §7.2): the
    component is the key length then the encrypted key, padded to 16-byte blocks.
    """
    keys: list[tuple[bytes, bytes]] = []
    pos = 0
    while pos < len(data):
        if pos + 2 > len(data):
            raise fail(SW.WRONG_DATA, "truncated key block")
        key_type, n = data[pos], data[pos + 1]
        key = data[pos + 2 : pos + 2 + n]
        pos += 2 + n
        if key_type != key_type_wanted or len(key) != n:
            raise fail(SW.WRONG_DATA, f"key blocks must be of type {key_type_wanted:02X}")
        if key_type == _DES_KEY and n != 16:
            raise fail(SW.WRONG_DATA, "DES keys must be 16 bytes")
        if key_type == _AES_KEY and (n < 17 or (n - 1) % 16 or key[0] not in (16, 24, 32) or key[0] > n - 1):
            raise fail(SW.WRONG_DATA, "AES key block must be a key length then whole AES blocks")
        if pos >= len(data):
            raise fail(SW.WRONG_DATA, "key check value missing")
        kcv_len = data[pos]
        kcv = data[pos + 1 : pos + 1 + kcv_len]
        pos += 1 + kcv_len
        if kcv_len != 3 or len(kcv) != 3:
            raise fail(SW.WRONG_DATA, "key check value must be 3 bytes")
        keys.append((key, kcv))
    return keys


def put_key(state: CardState, channel: AnyCardChannel, command: CommandApdu, sd_aid: bytes | None = None) -> bytes:
    """PUT KEY, GPC 2.2.1 §11.8: decrypt with the session DEK, verify KCVs, reset the counter.

    The keys go to the SD the channel is on (``sd_aid``; the ISD when None)."""
    old_kvn, p2, data = command.p1, command.p2, command.data
    if not data:
        raise fail(SW.WRONG_DATA, "PUT KEY without data")
    new_kvn = data[0]
    if len(data) > 1 and data[1] == dap.KEY_TYPE_RSA_MODULUS:
        return _put_dap_key(state, data, sd_aid)
    aes = isinstance(channel, Scp03CardChannel)
    blocks = _read_keys(data[1:], _AES_KEY if aes else _DES_KEY)
    if p2 & 0x7F != 1 or not p2 & 0x80 or len(blocks) != 3:
        raise fail(SW.WRONG_DATA, "PUT KEY must carry the three keys of a set, from key id 1")
    if aes:
        plain = [channel.decrypt_sensitive(key[1:])[: key[0]] for key, _ in blocks]
        kcv_of = aes_key_check_value
        if len({len(k) for k in plain}) != 1:
            raise fail(SW.WRONG_DATA, "the three AES keys of a set must have one length")
    else:
        plain = [channel.decrypt_sensitive(key) for key, _ in blocks]
        kcv_of = key_check_value
    for key, (_, kcv) in zip(plain, blocks, strict=False):
        if not hmac.compare_digest(kcv_of(key), kcv):
            raise fail(SW.WRONG_DATA, "key check value does not match")
    holder = state.key_holder(sd_aid)
    if holder is None:
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "not a security domain")
    _replace_key_set(holder, old_kvn, KeySet(new_kvn, plain[0], plain[1], plain[2]))
    return bytes((new_kvn,)) + b"".join(kcv for _, kcv in blocks)


def _put_dap_key(state: CardState, data: bytes, sd_aid: bytes | None) -> bytes:
    """PUT KEY of an SSD's DAP public key (GPC 2.2.1 §11.8.2.3 Table 11-69, §C.2.2)."""
    holder = state.key_holder(sd_aid)
    if not isinstance(holder, Application):
        raise fail(SW.CONDITIONS_NOT_SATISFIED, "a DAP key goes to a supplementary security domain")
    try:
        kvn, key = dap.parse_put_key_data(data)
    except GpError as e:
        raise fail(SW.WRONG_DATA, str(e)) from None
    holder.dap_modulus, holder.dap_exponent = key.modulus, key.exponent
    return bytes((kvn,))


def _replace_key_set(state: CardState | Application, old_kvn: int, new: KeySet) -> None:
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
