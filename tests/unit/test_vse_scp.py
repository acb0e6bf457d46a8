"""SCP02 on the virtual card: golden vectors, levels, counters, blocking, PUT KEY."""

from __future__ import annotations

import pytest

from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.constants import DEFAULT_TEST_KEY, ISD_AID
from ota.gp.errors import CryptogramError
from ota.gp.scp02 import HostChannel, StaticKeys, key_check_value, pseudo_random_card_challenge
from ota.vse.card import VirtualCard
from ota.vse.state import KeySet, new_state

from .vse_util import DEFAULT_KEYS, HOST_CHALLENGE, Terminal, new_card

# pySim tests/unittests/test_globalplatform.py (notes/gp-scp02.md §3.1)
KIC = bytes.fromhex("100102030405060708090A0B0C0D0E0F")
KID = bytes.fromhex("101102030405060708090A0B0C0D0E0F")
KIK = bytes.fromhex("102102030405060708090A0B0C0D0E0F")
PYSIM_IU = "805020000840A62C37FA6304F800"
PYSIM_IU_RESPONSE = "00000000000000000000700200016B4524ABEE7CF32EA3838BC148F3"


def _pysim_card() -> VirtualCard:
    state = new_state(bytes(10), (KIC, KID, KIK), kvn=0x70)
    state.kdd = bytes(10)
    state.key_sets[0].seq = 1
    return VirtualCard(state, None, rng=lambda n: bytes.fromhex("6B4524ABEE7C")[:n])


def _tx(card: VirtualCard, hex_apdu: str) -> ResponseApdu:
    return ResponseApdu.parse(card.transmit(bytes.fromhex(hex_apdu)))


def test_initialize_update_reproduces_the_pysim_vector() -> None:
    card = _pysim_card()
    iu = "80500000" + PYSIM_IU[8:]  # P1 00: the default key set (KVN 70 here)
    response = _tx(card, iu)
    assert response.sw == 0x9000
    assert response.data.hex().upper() == PYSIM_IU_RESPONSE


def test_pysim_session_at_level_01_accepts_the_wrapped_apdus() -> None:
    card = _pysim_card()
    _tx(card, "80500000" + PYSIM_IU[8:])
    assert _tx(card, "8482010010BA6961667737C5BCEBECE14C7D6A4376").sw == 0x9000
    assert card.state.key_sets[0].seq == 2  # incremented on the first valid C-MAC
    assert _tx(card, "84F220020814DB34FA4341DCA8").sw == 0x6A80  # MAC ok; no search criteria
    assert _tx(card, "84CA00660855ED7C5FF069512B00").sw == 0x9000
    assert _tx(card, "84F22002124F0212345C054F9F70C58FC1B380C4228AF8").sw == 0x6A88
    assert _tx(card, "84F280020A4F003B95F09317DE6A4E00").sw == 0x9000


@pytest.mark.parametrize(
    "first",
    ["84F220020829A860F8CAEA727C", "84F220021069046E8F508B617529A860F8CAEA727C"],
    ids=["gppro-empty-data", "pysim-encrypted-padding"],
)
def test_level_03_accepts_both_empty_data_styles(first: str) -> None:
    card = _pysim_card()
    _tx(card, "80500000" + PYSIM_IU[8:])
    assert _tx(card, "8482030010BA6961667737C5BC657E3E6189F4D2FA").sw == 0x9000
    assert _tx(card, first).sw == 0x6A80  # verified and decrypted, then no search criteria
    assert _tx(card, "84CA006608A5B8B06C11F51A0D00").sw == 0x9000
    assert _tx(card, "84F22002182FF978ED68095D3B4480581A4736A18447FDB8207D0C53C3").sw == 0x6A88
    assert _tx(card, "84F280021049E07A819F369F3C87A6C8EB383E7AEA00").sw == 0x9000


@pytest.mark.parametrize("level", [0x00, 0x01, 0x03, 0x11, 0x13])
def test_host_channel_works_at_every_level(level: int) -> None:
    term = Terminal(new_card())
    term.authenticate(level)
    entries = term.ok(commands.get_status(0x80))
    assert ISD_AID in entries
    assert term.ok(commands.get_data(0xC1)) == bytes.fromhex("C1020001")


def test_i55_card_uses_the_pseudo_random_challenge() -> None:
    card = new_card(i=0x55)
    term = Terminal(card)
    term.plain(commands.select()).check()
    iu = term.plain(commands.initialize_update(HOST_CHALLENGE)).check()
    assert iu[14:20] == pseudo_random_card_challenge(DEFAULT_KEYS, 0, ISD_AID)
    assert bytes.fromhex("640B06092A864886FC6B040255") in term.ok(commands.get_data(0x66))
    term.authenticate(0x01, i=0x55)
    assert term.ok(commands.get_status(0x80))


def test_wrong_keys_fail_on_the_host_and_bad_mac_counts_on_the_card() -> None:
    card = new_card()
    term = Terminal(card)
    with pytest.raises(CryptogramError):
        term.authenticate(keys=StaticKeys.single(bytes(16), 0xFF))
    # a host cryptogram that does not verify: 6300, failure counted, counter unchanged
    iu = term.plain(commands.initialize_update(HOST_CHALLENGE)).check()
    _, ext = HostChannel.open(DEFAULT_KEYS, HOST_CHALLENGE, iu, 1)
    bad = ext[:5] + bytes(8) + ext[13:]
    assert ResponseApdu.parse(card.transmit(bad)).sw == 0x6300
    assert card.state.key_sets[0].failures == 1
    assert card.state.key_sets[0].seq == 0


def test_failed_authentications_block_the_key_set() -> None:
    card = new_card()
    term = Terminal(card)
    for _ in range(10):
        term.plain(commands.initialize_update(HOST_CHALLENGE)).check()
        assert ResponseApdu.parse(card.transmit(bytes.fromhex("8482010010" + "00" * 16))).sw in (0x6300, 0x6982)
    assert term.plain(commands.initialize_update(HOST_CHALLENGE)).sw == 0x6983


def test_success_clears_the_failure_counter() -> None:
    card = new_card()
    term = Terminal(card)
    term.plain(commands.initialize_update(HOST_CHALLENGE)).check()
    card.transmit(bytes.fromhex("8482010010" + "00" * 16))
    term.authenticate()
    assert card.state.key_sets[0].failures == 0


def test_commands_needing_a_secure_channel_answer_6982_without_one() -> None:
    term = Terminal(new_card())
    for command in (
        commands.get_status(0x80),
        commands.delete(bytes.fromhex("A0000000010101")),
        commands.install_for_load(bytes.fromhex("A0000000010101")),
        commands.set_status(0x80, 0x7F),
        commands.store_data(bytes.fromhex("2F140100"), 0, True),
        CommandApdu(0x80, 0xE8, 0x80, 0x00, b"\xC4\x00"),
        CommandApdu(0x80, 0xD8, 0x00, 0x81, b"\x01"),
    ):
        assert term.plain(command).sw == 0x6982, command


def test_bad_mac_aborts_the_session() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    wrapped = bytearray(term.scp.wrap(commands.get_status(0x80).encode()))
    wrapped[-2] ^= 0xFF  # last MAC byte (before Le)
    assert ResponseApdu.parse(card.transmit(bytes(wrapped))).sw == 0x6982
    assert term.send(commands.get_status(0x80)).sw == 0x6982  # aborted until a new session
    term.authenticate()
    assert term.ok(commands.get_status(0x80))


def test_clear_gp_command_under_cmac_session_is_refused() -> None:
    term = Terminal(new_card())
    term.authenticate(0x01)
    assert term.plain(commands.get_status(0x80)).sw == 0x6982


def test_select_of_another_app_ends_the_session() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    term.ok(commands.install_for_install(
        bytes.fromhex("A0000001515350"), bytes.fromhex("A000000151535041"), bytes.fromhex("A00000015153504101"),
        privileges=0x800000))
    term.plain(commands.select(bytes.fromhex("A00000015153504101"))).check()
    term.plain(commands.select(ISD_AID)).check()
    assert term.send(commands.get_status(0x80)).sw == 0x6982


def test_new_initialize_update_and_reset_end_the_session() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    term.plain(commands.initialize_update(HOST_CHALLENGE)).check()
    assert term.send(commands.get_status(0x80)).sw == 0x6982
    term.authenticate()
    card.reset()
    assert term.send(commands.get_status(0x80)).sw == 0x6982


def test_external_authenticate_without_initialize_update_is_refused() -> None:
    card = new_card()
    assert _tx(card, "8482010010" + "00" * 16).sw == 0x6985


def test_unknown_key_version_is_6a88() -> None:
    term = Terminal(new_card())
    assert term.plain(commands.initialize_update(HOST_CHALLENGE, kvn=0x30)).sw == 0x6A88


def _put_key(term: Terminal, kvn: int, key: bytes, old_kvn: int = 0) -> ResponseApdu:
    assert term.scp is not None
    block = (term.scp.encrypt_sensitive(key), key_check_value(key))
    return term.send(commands.put_key(kvn, commands.put_key_data(kvn, [block] * 3), old_kvn))


def test_put_key_rotates_keys_and_resets_the_counter() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    term.authenticate()
    new_key = bytes(range(0x20, 0x30))
    response = _put_key(term, 0x01, new_key)
    assert response.sw == 0x9000
    assert response.data == b"\x01" + key_check_value(new_key) * 3
    assert [k.kvn for k in card.state.key_sets] == [0x01]  # the initial FF set was replaced
    assert card.state.key_sets[0].seq == 0
    with pytest.raises(CryptogramError):
        term.authenticate()
    term.authenticate(keys=StaticKeys.single(new_key, 0x01))
    assert card.state.key_sets[0].seq == 1
    # adding a second set, then replacing it in place
    assert _put_key(term, 0x02, DEFAULT_TEST_KEY).sw == 0x9000
    assert _put_key(term, 0x02, DEFAULT_TEST_KEY).sw == 0x6A80  # exists: needs P1=02
    assert _put_key(term, 0x03, DEFAULT_TEST_KEY, old_kvn=0x02).sw == 0x9000
    assert sorted(k.kvn for k in card.state.key_sets) == [0x01, 0x03]
    term.authenticate(keys=StaticKeys.single(DEFAULT_TEST_KEY, 0x03), kvn=0x03)


def test_put_key_with_a_wrong_kcv_is_6a80() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    assert term.scp is not None
    block = (term.scp.encrypt_sensitive(bytes(16)), b"\x00\x00\x01")
    response = term.send(commands.put_key(0x01, commands.put_key_data(0x01, [block] * 3)))
    assert response.sw == 0x6A80
    assert [k.kvn for k in card.state.key_sets] == [0xFF]


def test_put_key_of_an_unknown_set_and_malformed_blocks() -> None:
    term = Terminal(new_card())
    term.authenticate()
    assert _put_key(term, 0x05, DEFAULT_TEST_KEY, old_kvn=0x04).sw == 0x6A88
    assert term.send(CommandApdu(0x80, 0xD8, 0x00, 0x81, bytes.fromhex("01881000"))).sw == 0x6A80


def test_keys_never_appear_in_reprs() -> None:
    key_set = KeySet(0x20, KIC, KID, KIK)
    assert KIC.hex() not in repr(key_set).lower()
    assert "1001020304" not in repr(new_state(bytes(10), (KIC, KID, KIK))).upper()


def test_delete_key_set() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    assert term.send(CommandApdu(0x80, 0xE4, 0, 0, bytes.fromhex("D201FF"))).sw == 0x6985  # the last one
    assert _put_key(term, 0x01, DEFAULT_TEST_KEY).sw == 0x9000
    assert _put_key(term, 0x02, DEFAULT_TEST_KEY).sw == 0x9000
    assert term.send(CommandApdu(0x80, 0xE4, 0, 0, bytes.fromhex("D20105"))).sw == 0x6A88
    assert term.send(CommandApdu(0x80, 0xE4, 0, 0, bytes.fromhex("D20101"))).sw == 0x9000
    assert [k.kvn for k in card.state.key_sets] == [0x02]
