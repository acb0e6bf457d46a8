"""KDF3 diversification of SCP03 (AES) static keys (ota/gp/diversify_aes.py).

The one published vector: GlobalPlatformPro, tool/src/test/java/pro/javacard/gp/TestSCP03.java,
``testKDF3`` (AES-256 master key, KDD D9B1DE5D0362DEDCE4FB, the ENC key).  It has no MAC or DEK
vector and no AES-128/192 one, so those are tested by property: different cards and different
key numbers give different keys of the master's length, and a host that diversifies from the
KDD the card reports opens a secure channel with a card personalised the same way.
"""

from __future__ import annotations

import pytest

from ota.gp.aes import aes_ecb_encrypt
from ota.gp.constants import DEFAULT_TEST_KEY
from ota.gp.diversify import KEY_DEK, KEY_ENC, KEY_MAC
from ota.gp.diversify_aes import cmac_subkey, diversify_kdf3, kdf3_key, kdf3_token_input
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


@pytest.mark.parametrize(
    ("key", "l_value", "k1"),
    [  # NIST SP 800-38B Appendix D.1 (AES-128) and D.3 (AES-256): L = AES(K, 0), then K1
        ("2B7E151628AED2A6ABF7158809CF4F3C", "7DF76B0C1AB899B33E42F047B91B546F", "FBEED618357133667C85E08F7236A8DE"),
        ("603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4",
         "E568F68194CF76D6174D4CC04310A854", "CAD1ED03299EEDAC2E9A99808621502F"),
    ],
)
def test_cmac_subkey_matches_sp800_38b(key: str, l_value: str, k1: str) -> None:
    assert aes_ecb_encrypt(bytes.fromhex(key), bytes(16)) == bytes.fromhex(l_value)
    assert cmac_subkey(bytes.fromhex(l_value)) == bytes.fromhex(k1)


@pytest.mark.parametrize("length", [16, 24, 32])
def test_kdf3_is_ecb_of_the_token_input(length: int) -> None:
    """What an HSM computes (AES-ECB of the inputs XOR K1) is the KDF3 key: GPPro's vector too."""
    master = GPPRO_MASTER[:length]
    k1 = cmac_subkey(aes_ecb_encrypt(master, bytes(16)))
    for number in (KEY_ENC, KEY_MAC, KEY_DEK):
        data = kdf3_token_input(k1, number, GPPRO_KDD, length)
        assert aes_ecb_encrypt(master, data)[:length] == kdf3_key(master, number, GPPRO_KDD)



def test_the_token_input_gives_globalplatformpro_kdf3_vector() -> None:
    k1 = cmac_subkey(aes_ecb_encrypt(GPPRO_MASTER, bytes(16)))
    assert aes_ecb_encrypt(GPPRO_MASTER, kdf3_token_input(k1, KEY_ENC, GPPRO_KDD, 32)) == GPPRO_ENC
