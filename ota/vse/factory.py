"""A new virtual card personalised the way an issuer does it: keys diversified per card.

Issue 13 calls per-card (diversified) keys the normal case and a batch-wide key set a warning;
issue 9's trust rule then lets the channel's cryptogram prove which card answers, so a write
shares the script that opens the channel (2 round trips for lock, unlock, delete, number change).
The master key stays with the issuer (the platform's key service); the card receives only its own
keys, derived from the master key and its KDD (GPC 2.2.1 §E.5.1.6: the first 10 bytes of the
INITIALIZE UPDATE response, here the card's SEID).

* SCP02: ``emv`` (EMV CPG 2.04, GlobalPlatformPro ``--emv``): KDD bytes 4..9, which tell the
  demo's phones 86860100000000000001 and ...02 apart (``visa2`` would give both one key set).
* SCP03: ``kdf3`` (``ota.gp.diversify_aes``).
* ``none``: the master key itself on every card of the batch (the batch-wide case that tests of
  the identity-in-channel rule still need).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import Diversification, diversify
from ota.gp.diversify_aes import KDF3, diversify_kdf3
from ota.gp.scp02 import StaticKeys
from ota.gp.scp03 import Scp03Keys
from ota.vse.card import VirtualCard
from ota.vse.state import INITIAL_KVN

SCP02, SCP03 = 0x02, 0x03
NONE = Diversification.NONE.value
PER_CARD = {SCP02: Diversification.EMV_CPG204.value, SCP03: KDF3}
"""The diversification a new card gets unless told otherwise, by protocol."""
METHODS = {SCP02: (NONE, Diversification.VISA2.value, Diversification.EMV_CPG202.value,
                   Diversification.EMV_CPG204.value),
           SCP03: (NONE, KDF3)}


def kdd_of(seid: bytes) -> bytes:
    """A virtual card's key diversification data: its SEID, 10 bytes (``ota.vse.state``)."""
    return seid[-10:].rjust(10, b"\x00")


def card_keys(master: bytes, kdd: bytes, scp: int = SCP02, kdf: str | None = None) -> tuple[bytes, bytes, bytes]:
    """ENC, MAC, DEK of one card: ``master`` diversified with ``kdd`` (``kdf`` None: per card)."""
    method = PER_CARD[scp] if kdf is None else kdf
    if method not in METHODS.get(scp, ()):
        raise ValueError(f"SCP{scp:02X} cards take diversification {', '.join(METHODS.get(scp, ()))}, not {method}")
    if method == NONE:
        return master, master, master
    if scp == SCP03:
        aes = diversify_kdf3(Scp03Keys(master, master, master, INITIAL_KVN), kdd)
        return aes.enc, aes.mac, aes.dek
    des = diversify(StaticKeys.single(master, INITIAL_KVN), kdd, method)
    return des.enc, des.mac, des.dek


def new_card(
    path: Path | None,
    seid: bytes | None = None,
    *,
    scp: int = SCP02,
    kdf: str | None = None,
    master: bytes = DEFAULT_TEST_KEY,
    **options: Any,
) -> VirtualCard:
    """A new card (saved to ``path`` when given) whose keys are ``master`` diversified with its
    KDD by ``kdf`` (None: the protocol's per-card default, ``PER_CARD``; ``"none"``: the master
    key itself). ``options`` go to ``VirtualCard.create`` (``i``, ``nvm``, ``max_block``, ...)."""
    seid = seid or os.urandom(10)
    keys = card_keys(master, kdd_of(seid), scp, kdf)
    if scp == SCP03:
        options.setdefault("i", 0x70)
    return VirtualCard.create(path, seid=seid, keys=keys, scp=scp, **options)
