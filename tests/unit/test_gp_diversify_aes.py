"""KDF3 diversification of SCP03 (AES) static keys (ota/gp/diversify_aes.py).

The one published vector: GlobalPlatformPro, tool/src/test/java/pro/javacard/gp/TestSCP03.java,
``testKDF3`` (AES-256 master key, KDD D9B1DE5D0362DEDCE4FB, the ENC key).  It has no MAC or DEK
vector and no AES-128/192 one, so those are tested by property: different cards and different
key numbers give different keys of the master's length, and a host that diversifies from the
KDD the card reports opens a secure channel with a card personalised the same way.
"""

from __future__ import annotations

import pytest

from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import KEY_DEK, KEY_ENC, KEY_MAC
from ota.gp.diversify_aes import diversify_kdf3, kdf3_key
from ota.gp.errors import ApduFormatError
from ota.gp.scp03 import Scp03CryptogramError, Scp03HostChannel, Scp03Keys, Scp03Options
from ota.gp.scp03_card import Scp03CardChannel

GPPRO_MASTER = bytes.fromhex("8C72C72CF908411653018807950D82FBAD947562F0828A0B10B8B9606ABF3BCD")
GPPRO_KDD = bytes.fromhex("D9B1DE5D0362DEDCE4FB")
GPPRO_ENC = bytes.fromhex("9AAC5D0B3601F89438A0D9D0B6B256CFB47E6462DFA5228D3420C4AC7C224781")


def test_globalplatformpro_kdf3_vector() -> None:
    """GlobalPlatformPro TestSCP03.testKDF3: two CMAC blocks (counter 01, 02) for a 32-byte key."""
    assert kdf3_key(GPPRO_MASTER, KEY_ENC, GPPRO_KDD) == GPPRO_ENC
    keys = diversify_kdf3(Scp03Keys(GPPRO_MASTER, GPPRO_MASTER, GPPRO_MASTER, 0x30), GPPRO_KDD)
    assert keys.enc == GPPRO_ENC and keys.kvn == 0x30


@pytest.mark.parametrize("length", [16, 24, 32])
def test_every_card_and_every_key_differs(length: int) -> None:
    master = bytes(range(length))
    kdd_a, kdd_b = bytes.fromhex("86860300000000000001"), bytes.fromhex("86860300000000000002")
    a = diversify_kdf3(Scp03Keys(master, master, master), kdd_a)
    b = diversify_kdf3(Scp03Keys(master, master, master), kdd_b)
    assert {len(a.enc), len(a.mac), len(a.dek)} == {length}
    assert len({a.enc, a.mac, a.dek, b.enc, b.mac, b.dek, master}) == 7
    assert a == diversify_kdf3(Scp03Keys(master, master, master), kdd_a)  # deterministic
    assert kdf3_key(master, KEY_MAC, kdd_a) == a.mac and kdf3_key(master, KEY_DEK, kdd_a) == a.dek


def test_a_kdd_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ApduFormatError):
        kdf3_key(DEFAULT_TEST_KEY, KEY_ENC, bytes(8))


def test_host_and_card_agree_and_the_master_key_alone_fails() -> None:
    kdd = bytes.fromhex("86860300000000000007")
    master = Scp03Keys(DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, DEFAULT_TEST_KEY, 0xFF)
    card_keys = diversify_kdf3(master, kdd)
    host_challenge = bytes.fromhex("0102030405060708")

    def answer() -> bytes:
        card = Scp03CardChannel(Scp03Options(0x70))
        return card.begin(card_keys, host_challenge, bytes.fromhex("1122334455667788"), kdd, seq=1)

    card = Scp03CardChannel(Scp03Options(0x70))
    iu = card.begin(card_keys, host_challenge, bytes.fromhex("1122334455667788"), kdd, seq=1)
    host, ext_auth = Scp03HostChannel.open(diversify_kdf3(master, iu[:10]), host_challenge, iu, 0x03)
    assert card.external_authenticate(ext_auth) == 0x03
    plain = bytes.fromhex("80E2900003010203")
    assert card.unwrap(host.wrap(plain)) == plain  # C-MAC and C-DECRYPTION under the session keys
    with pytest.raises(Scp03CryptogramError):
        Scp03HostChannel.open(master, host_challenge, answer(), 0x03)
