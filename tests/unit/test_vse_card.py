"""The virtual card as a device: SELECT, GET DATA, channels, STORE DATA, persistence, faults, CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ota.gp import commands
from ota.gp.apdu import CommandApdu
from ota.gp.constants import DEFAULT_TEST_KEY, ISD_AID
from ota.gp.diversify import Diversification, diversify
from ota.gp.responses import parse_cplc, parse_fci, parse_key_information
from ota.gp.scp02 import StaticKeys, key_check_value
from ota.vse import cli
from ota.vse.card import VirtualCard
from ota.vse.errors import CardRemoved
from ota.vse.state import CardFileError, load_state, save_state

from .vse_util import SEID, Terminal, cap, load_cap, new_card


def test_atr_is_a_t1_atr_with_a_valid_checksum() -> None:
    atr = new_card().atr
    assert atr[0] == 0x3B and atr[2:4] == b"\x80\x01"
    check = 0
    for b in atr[1:]:
        check ^= b
    assert check == 0


@pytest.mark.parametrize("aid", [b"", ISD_AID, ISD_AID[:5]])
def test_select_isd_answers_the_fci(aid: bytes) -> None:
    response = Terminal(new_card()).plain(commands.select(aid))
    assert response.sw == 0x9000
    fci = parse_fci(response.data)
    assert fci.aid == ISD_AID and fci.max_block_size == 0xFF
    assert fci.card_recognition_data is not None


def test_select_unknown_aid_is_6a82_and_bad_p1_6a86() -> None:
    term = Terminal(new_card())
    assert term.plain(commands.select(bytes.fromhex("A0000009999999"))).sw == 0x6A82
    assert term.plain(CommandApdu(0x00, 0xA4, 0x00, 0x00, b"\x3F\x00")).sw == 0x6A86


def test_get_data_objects() -> None:
    term = Terminal(new_card())
    assert term.plain(commands.get_data(0x45)).check() == b"\x45\x0A" + SEID
    assert term.plain(commands.get_data(0x45, cla=0x00)).check() == b"\x45\x0A" + SEID
    cplc = parse_cplc(term.plain(commands.get_data(0x9F7F)).check())
    assert cplc.ic_serial_number == SEID[-4:]
    keys = parse_key_information(term.plain(commands.get_data(0xE0)).check())
    assert {(k.kvn, k.key_id) for k in keys} == {(0xFF, 1), (0xFF, 2), (0xFF, 3)}
    assert term.plain(commands.get_data(0xC1)).check() == bytes.fromhex("C1020000")
    assert term.plain(commands.get_data(0xCF)).check()[2:] == SEID[-10:]
    assert term.plain(commands.get_data(0x42)).check()[0] == 0x42
    assert term.plain(commands.get_data(0x2F14)).sw == 0x6A88
    assert term.plain(commands.get_data(0x9F99)).sw == 0x6A88


def test_malformed_apdus() -> None:
    card = new_card()
    assert card.transmit(b"\x80\xCA") == b"\x67\x00"
    assert card.transmit(bytes.fromhex("80CA9F7F05AA")) == b"\x67\x00"
    assert card.transmit(bytes.fromhex("FFCA9F7F00")) == b"\x6E\x00"
    assert card.transmit(bytes.fromhex("80AA000000"))[-2:] == b"\x6D\x00"


def test_store_data_msisdn_and_token() -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    msisdn = bytes.fromhex("8613800138000F")
    token_value = bytes.fromhex("0104CAFEBABE") + bytes.fromhex("0208") + bytes(range(8))
    data = bytes.fromhex("2F14") + bytes((len(msisdn),)) + msisdn + bytes.fromhex("1047") + bytes((len(token_value),)) + token_value
    for block in commands.store_data_blocks(data, 10):
        term.ok(block)
    assert card.state.msisdn == msisdn
    assert card.state.token == bytes.fromhex("CAFEBABE") and card.state.imsi_digest == bytes(range(8))
    assert term.plain(commands.get_data(0x2F14, cla=0x00)).check() == bytes.fromhex("2F1407") + msisdn


@pytest.mark.parametrize(
    "value",
    ["0104CAFEBABE", "0204CAFEBABE0101AA", "0105CAFEBABE0201AA", "0104CAFEBABE0203AA", "0100020100", "01"],
)
def test_malformed_token_is_6a80_and_stores_nothing(value: str) -> None:
    card = new_card()
    term = Terminal(card)
    term.authenticate()
    raw = bytes.fromhex(value)
    msisdn = bytes.fromhex("2F140186")
    response = term.send(commands.store_data(msisdn + bytes.fromhex("1047") + bytes((len(raw),)) + raw, 0, True))
    assert response.sw == 0x6A80
    assert card.state.token is None and card.state.msisdn is None


def test_store_data_to_isd_other_errors() -> None:
    term = Terminal(new_card())
    term.authenticate()
    assert term.send(commands.store_data(bytes.fromhex("9F700101"), 0, True)).sw == 0x6A88
    assert term.send(commands.store_data(bytes.fromhex("2F1405AA"), 0, True)).sw == 0x6A80
    assert term.send(commands.store_data(bytes.fromhex("2F1401AA"), 3, True)).sw == 0x6A80  # block number


def test_logical_channels_have_their_own_selection_and_session() -> None:
    card = new_card()
    base = Terminal(card)
    base.authenticate()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(base, capfile)
    base.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    opened = base.plain(commands.manage_channel_open()).check()
    assert opened == b"\x01"
    second = Terminal(card, channel=1)
    second.plain(commands.select(applet)).check()
    assert base.ok(commands.get_status(0x80))  # channel 0 keeps the ISD and its session
    second.authenticate()  # a second session on channel 1
    assert second.ok(commands.get_status(0x40))
    assert base.ok(commands.get_status(0x40))
    base.plain(commands.manage_channel_close(1)).check()
    assert second.plain(commands.select(applet)).sw == 0x6881
    assert card.transmit(bytes.fromhex("0370800300")) == b"\x68\x81"
    assert base.plain(CommandApdu(0x00, 0x70, 0x80, 0x00)).sw == 0x6A86  # channel 0 cannot close
    for n in (1, 2, 3):
        assert base.plain(commands.manage_channel_open()).check() == bytes((n,))
    assert base.plain(commands.manage_channel_open()).sw == 0x6881


def test_state_survives_a_restart(tmp_path: Path) -> None:
    card = new_card(tmp_path)
    term = Terminal(card)
    term.authenticate()
    capfile = cap("JCMemory")
    applet = capfile.applet_aids[0]
    load_cap(term, capfile)
    term.ok(commands.install_for_install(capfile.package_aid, applet, applet))
    term.ok(commands.store_data(bytes.fromhex("2F140186"), 0, True))
    again = VirtualCard.load(tmp_path / "card.json")
    assert again.state == card.state
    assert again.state.key_sets[0].seq == 1
    Terminal(again).plain(commands.select(applet)).check()
    assert DEFAULT_TEST_KEY.hex().upper() in (tmp_path / "card.json").read_text()  # the card's own NVM


def test_atomic_write_keeps_the_old_file_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    card = new_card(tmp_path)
    path = tmp_path / "card.json"
    before = path.read_text()

    def crash(*_: object) -> None:
        raise OSError(5, "simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    card.state.msisdn = b"\x01"
    with pytest.raises(OSError):
        save_state(card.state, path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["card.json"]  # no temp file left behind
    assert load_state(path).msisdn is None


def test_corrupt_or_missing_card_file_is_a_typed_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"seid": "zz"}))
    with pytest.raises(CardFileError):
        load_state(bad)
    with pytest.raises(CardFileError):
        load_state(tmp_path / "missing.json")


def test_tear_during_load_discards_the_partial_file_at_next_power_on(tmp_path: Path) -> None:
    card = new_card(tmp_path)
    term = Terminal(card)
    term.authenticate()
    kept = cap("JCMemory")
    load_cap(term, kept)
    torn = cap("YubicoYubiKeyOath")
    term.ok(commands.install_for_load(torn.package_aid))
    card.tear_during_load(after_blocks=3)
    blocks = commands.load_blocks(torn.load_file(), 200)
    for block in blocks[:3]:
        term.ok(block)
    with pytest.raises(CardRemoved) as removed:
        term.send(blocks[3])
    assert removed.value.card_removed is True
    assert load_state(tmp_path / "card.json").pending_load is not None  # the card was torn mid-LOAD
    restarted = VirtualCard.load(tmp_path / "card.json")  # next power-on
    assert restarted.state.pending_load is None
    assert load_state(tmp_path / "card.json").pending_load is None
    assert restarted.state.load_file(kept.package_aid) is not None
    assert restarted.state.load_file(torn.package_aid) is None
    card.power_on()
    assert card.state.pending_load is None
    term = Terminal(card)
    term.authenticate()
    assert term.send(blocks[4]).sw == 0x6985  # no LOAD in progress after the power cycle
    load_cap(term, torn)
    assert card.state.load_file(torn.package_aid) is not None


def test_remove_after_n_apdus() -> None:
    card = new_card()
    card.remove_after(2)
    assert card.transmit(commands.select().encode())[-2:] == b"\x90\x00"
    assert card.transmit(commands.get_data(0x45).encode())[-2:] == b"\x90\x00"
    with pytest.raises(CardRemoved):
        card.transmit(commands.get_data(0x45).encode())
    with pytest.raises(CardRemoved):
        card.transmit(commands.get_data(0x45).encode())
    assert card.power_on() == card.atr
    assert card.transmit(commands.get_data(0x45).encode())[-2:] == b"\x90\x00"


def test_cli_new_show_never_prints_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "se.json"
    master = bytes.fromhex("47454D5850524553534F53414D504C45")
    assert cli.main(["new", "--state", str(path), "--seid", SEID.hex(), "--i", "55", "--key", master.hex(), "--kdf", "visa2"]) == 0
    state = load_state(path)
    expected = diversify(StaticKeys.single(master, 0xFF), state.kdd, Diversification.VISA2)
    assert state.key_sets[0].enc == expected.enc and state.i == 0x55
    capsys.readouterr()
    assert cli.main(["show", "--state", str(path)]) == 0
    out = capsys.readouterr().out
    assert SEID.hex().upper() in out
    assert key_check_value(expected.enc).hex().upper() in out
    assert expected.enc.hex().upper() not in out and master.hex().upper() not in out
    assert cli.main(["new", "--state", str(path)]) == 2  # refuses to overwrite


def test_random_apdus_never_raise() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    card = new_card()
    term = Terminal(card)
    term.authenticate(0x00)  # level 00: GP commands in clear reach every handler
    header = st.tuples(st.sampled_from([0x00, 0x80, 0x84, 0x01, 0x81, 0x40]), st.sampled_from(
        [0xA4, 0x50, 0x82, 0xCA, 0xF2, 0xE6, 0xE8, 0xE4, 0xF0, 0xE2, 0xD8, 0xC0, 0x70, 0x00]),
        st.integers(0, 255), st.integers(0, 255))

    @settings(max_examples=400, deadline=None)
    @given(header, st.binary(max_size=40))
    def check(h: tuple[int, int, int, int], data: bytes) -> None:
        apdu = bytes(h) + (bytes((len(data),)) + data if data else b"")
        response = card.transmit(apdu)
        assert len(response) >= 2

    check()
