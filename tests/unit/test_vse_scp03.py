"""The virtual SE speaks SCP03 (GPC 2.2 Amendment D) per card, and ends a secure channel session
exactly when GP says - for SCP02 and SCP03 cards alike (GPC 2.2.1 §10.2.3, §E.1.6):
a new SELECT (the ISD re-selected included), closing the logical channel, reset, a new
INITIALIZE UPDATE, a failed C-MAC.  After each, a plain GET DATA works and a secured command gets
6982.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ota.gp import commands
from ota.gp.apdu import CommandApdu, ResponseApdu
from ota.gp.constants import DEFAULT_TEST_KEY, ISD_AID, GetDataTag
from ota.gp.errors import CryptogramError
from ota.gp.responses import parse_key_information
from ota.gp.scp03 import Scp03HostChannel, Scp03Keys, aes_key_block, parse_initialize_update
from ota.gp.scp_choice import Protocol, recognised_protocols
from ota.vse import cli
from ota.vse.card import VirtualCard
from ota.vse.state import load_state
from tests.unit.vse_util import HOST_CHALLENGE, SEID, Terminal, new_card

AES128 = DEFAULT_TEST_KEY
AES256 = bytes(range(32))
KEYS128 = Scp03Keys(AES128, AES128, AES128, 0xFF)


def scp03_card(tmp_path: Path | None = None, i: int = 0x70, key: bytes = AES128) -> VirtualCard:
    return new_card(tmp_path, keys=(key, key, key), i=i, scp=0x03)


class Scp03Terminal(Terminal):
    """``Terminal`` with an SCP03 host channel instead of SCP02."""

    scp03: Scp03HostChannel | None = None

    def authenticate(  # type: ignore[override]
        self, level: int = 0x01, keys: Scp03Keys = KEYS128, select: bool = True, s16: bool = False
    ) -> Scp03HostChannel:
        if select:
            self.plain(commands.select(ISD_AID)).check()
        challenge = bytes(range(16)) if s16 else HOST_CHALLENGE
        iu = self.plain(CommandApdu.parse(Scp03HostChannel.initialize_update(0, challenge))).check()
        self.scp03, ext_auth = Scp03HostChannel.open(keys, challenge, iu, level, self.channel)
        ResponseApdu.parse(self.card.transmit(ext_auth)).check(command="EXTERNAL AUTHENTICATE")
        return self.scp03

    def send(self, command: CommandApdu) -> ResponseApdu:
        command = self._on_channel(command)
        if self.scp03 is None or not command.cla & 0x80:
            return ResponseApdu.parse(self.card.transmit(command.encode()))
        return ResponseApdu.parse(self.scp03.unwrap(self.card.transmit(self.scp03.wrap(command.encode()))))


@pytest.mark.parametrize("level", [0x01, 0x03, 0x11, 0x13, 0x33])
def test_scp03_card_session_at_every_level(level: int) -> None:
    term = Scp03Terminal(scp03_card())
    term.authenticate(level)
    registry = term.ok(commands.get_status(0x80))
    assert registry.startswith(b"\xE3") and ISD_AID in registry


@pytest.mark.parametrize("i", [0x00, 0x10, 0x30, 0x70, 0x71])
def test_scp03_card_every_i(i: int) -> None:
    term = Scp03Terminal(scp03_card(i=i, key=AES256))
    term.authenticate(0x33 if i & 0x40 else 0x03, Scp03Keys(AES256, AES256, AES256, 0xFF), s16=bool(i & 1))
    assert term.ok(commands.get_status(0x80))


def test_pseudo_random_challenge_counter_moves_on_and_persists(tmp_path: Path) -> None:
    card = scp03_card(tmp_path)
    term = Scp03Terminal(card)
    term.plain(commands.select(ISD_AID)).check()
    seqs = []
    for _ in range(3):
        iu = term.plain(CommandApdu.parse(Scp03HostChannel.initialize_update(0, HOST_CHALLENGE))).check()
        seqs.append(parse_initialize_update(iu).seq)
    assert seqs == [0, 1, 2]
    assert load_state(tmp_path / "card.json").key_sets[0].seq == 3


def test_card_recognition_and_key_information_tell_scp03() -> None:
    term = Scp03Terminal(scp03_card())
    term.plain(commands.select(ISD_AID)).check()
    crd = term.plain(commands.get_data(GetDataTag.CARD_RECOGNITION_DATA)).check()
    assert recognised_protocols(crd) == (Protocol(3, 0x70),)
    keys = parse_key_information(term.plain(commands.get_data(GetDataTag.KEY_INFORMATION)).check())
    assert {(k.type, k.length) for k in keys} == {(0x88, 16)}


def test_wrong_keys_are_caught_by_the_host_and_counted_by_the_card() -> None:
    card = scp03_card()
    term = Scp03Terminal(card)
    wrong = Scp03Keys(AES256[:16], AES256[:16], AES256[:16], 0xFF)
    with pytest.raises(CryptogramError):
        term.authenticate(0x01, wrong)
    iu = term.plain(CommandApdu.parse(Scp03HostChannel.initialize_update(0, HOST_CHALLENGE))).check()
    forged = bytes.fromhex("8482010010") + bytes(16)
    assert ResponseApdu.parse(card.transmit(forged)).sw == 0x6300
    assert iu and card.state.key_sets[0].failures == 1


def test_put_key_aes_rotates_the_key_set(tmp_path: Path) -> None:
    card = scp03_card(tmp_path)
    term = Scp03Terminal(card)
    channel = term.authenticate(0x03)
    new = (AES256, bytes(range(1, 33)), bytes(range(2, 34)))
    data = channel.put_key_data(0x30, new)
    answer = term.ok(CommandApdu(0x80, 0xD8, 0x00, 0x81, data, 256))
    assert answer[0] == 0x30 and len(answer) == 1 + 9
    stored = load_state(tmp_path / "card.json").key_sets
    assert [(k.kvn, k.enc, k.mac, k.dek) for k in stored] == [(0x30, *new)]
    term.authenticate(0x33, Scp03Keys(*new, 0x30))
    assert term.ok(commands.get_status(0x80))


def test_put_key_aes_with_a_wrong_kcv_is_6a80() -> None:
    term = Scp03Terminal(scp03_card())
    term.authenticate(0x03)
    block = bytearray(aes_key_block(AES128, AES256))
    block[-1] ^= 1
    data = b"\x30" + bytes(block) * 3
    assert term.send(CommandApdu(0x80, 0xD8, 0x00, 0x81, data, 256)).sw == 0x6A80
    des_block = b"\x80\x10" + bytes(16) + b"\x03" + bytes(3)
    assert term.send(CommandApdu(0x80, 0xD8, 0x00, 0x81, b"\x30" + des_block * 3, 256)).sw == 0x6A80


def test_vse_cli_new_scp03(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.json"
    assert cli.main(["new", "--state", str(path), "--seid", SEID.hex(), "--scp", "03", "--i", "30"]) == 0
    state = load_state(path)
    assert (state.scp, state.i) == (3, 0x30)
    assert cli.main(["show", "--state", str(path)]) == 0
    assert "SCP03 i=30" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    assert cli.main(["new", "--state", str(bad), "--scp", "03", "--i", "55"]) == 2
    assert cli.main(["new", "--state", str(bad), "--scp", "03", "--kdf", "visa2"]) == 2
    assert cli.main(["new", "--state", str(bad), "--scp", "02", "--kdf", "kdf3"]) == 2
    assert not bad.exists()


def test_vse_cli_new_scp03_with_kdf3_keys(tmp_path: Path) -> None:
    from ota.gp.diversify_aes import diversify_kdf3
    from ota.gp.scp03 import Scp03Keys

    path = tmp_path / "k.json"
    master = bytes(range(16))
    args = ["new", "--state", str(path), "--seid", SEID.hex(), "--scp", "03", "--key", master.hex(), "--kdf", "kdf3"]
    assert cli.main(args) == 0
    keys = load_state(path).key_sets[0]
    expected = diversify_kdf3(Scp03Keys(master, master, master), load_state(path).kdd)
    assert (keys.enc, keys.mac, keys.dek) == (expected.enc, expected.mac, expected.dek)
    assert keys.enc != master


# --- when a session ends, for both protocols --------------------------------------------------------


def _open(scp: int, channel: int = 0) -> tuple[VirtualCard, Terminal]:
    card = scp03_card() if scp == 3 else new_card()
    term: Terminal = Scp03Terminal(card, channel) if scp == 3 else Terminal(card, channel)
    return card, term


def _session_is_over(term: Terminal) -> None:
    """A plain (CLA 80) GET DATA works again, a secured GET STATUS is refused."""
    assert term.plain(commands.get_data(GetDataTag.CARD_RECOGNITION_DATA)).sw == 0x9000
    assert term.send(commands.get_status(0x80)).sw == 0x6982


@pytest.mark.parametrize("scp", [2, 3])
def test_reselecting_the_isd_ends_the_session(scp: int) -> None:
    """The case a foreign GP host found: re-SELECT of the ISD, then a plain GET DATA got 6982."""
    _, term = _open(scp)
    term.authenticate(0x01)
    assert term.send(commands.get_status(0x80)).sw == 0x9000
    term.plain(commands.select(ISD_AID)).check()
    _session_is_over(term)


@pytest.mark.parametrize("scp", [2, 3])
def test_closing_the_logical_channel_ends_its_session(scp: int) -> None:
    card, base = _open(scp)
    assert base.plain(CommandApdu(0x00, 0x70, 0x00, 0x01)).sw == 0x9000
    _, term = _open(scp, channel=1)
    term.card = card
    term.authenticate(0x01)
    assert term.send(commands.get_status(0x80)).sw == 0x9000
    assert base.plain(CommandApdu(0x00, 0x70, 0x80, 0x01)).sw == 0x9000
    assert base.plain(CommandApdu(0x00, 0x70, 0x00, 0x01)).sw == 0x9000
    _session_is_over(term)


@pytest.mark.parametrize("scp", [2, 3])
def test_reset_ends_the_session(scp: int) -> None:
    card, term = _open(scp)
    term.authenticate(0x01)
    card.reset()
    _session_is_over(term)


@pytest.mark.parametrize("scp", [2, 3])
def test_a_new_initialize_update_ends_the_session(scp: int) -> None:
    _, term = _open(scp)
    term.authenticate(0x01)
    assert term.plain(commands.initialize_update(HOST_CHALLENGE)).sw == 0x9000
    assert term.send(commands.get_status(0x80)).sw == 0x6982


@pytest.mark.parametrize("scp", [2, 3])
def test_a_failed_cmac_ends_the_session(scp: int) -> None:
    card, term = _open(scp)
    channel = term.authenticate(0x01)
    wrapped = bytearray(channel.wrap(commands.get_status(0x80).encode()))
    wrapped[-2] ^= 0x01  # inside the C-MAC (the last byte is Le)
    assert ResponseApdu.parse(card.transmit(bytes(wrapped))).sw == 0x6982
    _session_is_over(term)
