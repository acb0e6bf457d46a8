from __future__ import annotations

import pytest

from ota.gp import commands as c
from ota.gp.apdu import CommandApdu
from ota.gp.constants import ISD_AID, Privilege, SecurityLevel, StatusSubset, StoreDataFormat
from ota.gp.errors import ApduFormatError

h = bytes.fromhex
PKG = h("A0000005272101")
APPLET = h("A000000527471117")


def hexof(apdu: CommandApdu) -> str:
    return apdu.encode().hex().upper()


def test_select() -> None:
    assert hexof(c.select()) == "00A4040000"
    assert hexof(c.select(ISD_AID)) == "00A4040008A00000015100000000"
    assert hexof(c.select(ISD_AID, first=False)) == "00A4040208A00000015100000000"
    with pytest.raises(ApduFormatError):
        c.select(h("A0"))


def test_initialize_update_matches_pysim_vector() -> None:
    assert hexof(c.initialize_update(h("40A62C37FA6304F8"), kvn=0x20)) == "805020000840A62C37FA6304F800"
    with pytest.raises(ApduFormatError):
        c.initialize_update(h("0102"))


def test_external_authenticate_unwrapped() -> None:
    apdu = c.external_authenticate(h("BA6961667737C5BC"), SecurityLevel.C_MAC)
    assert hexof(apdu) == "8482010008BA6961667737C5BC"
    assert hexof(c.external_authenticate(bytes(8), 0x13))[:8] == "84821300"
    with pytest.raises(ApduFormatError):
        c.external_authenticate(bytes(8), 0x04)


@pytest.mark.parametrize(
    ("tag", "raw"),
    [(0x9F7F, "80CA9F7F00"), (0x0066, "80CA006600"), (0x00E0, "80CA00E000"),
     (0x00C1, "80CA00C100"), (0xFF21, "80CAFF2100")],
)
def test_get_data(tag: int, raw: str) -> None:
    assert hexof(c.get_data(tag)) == raw


def test_get_data_iso_class_and_bad_tag() -> None:
    assert hexof(c.get_data(0x9F7F, cla=0x00)) == "00CA9F7F00"
    with pytest.raises(ApduFormatError):
        c.get_data(0x10000)


def test_get_status() -> None:
    assert hexof(c.get_status(StatusSubset.ISD)) == "80F28002024F0000"
    assert hexof(c.get_status(StatusSubset.APPS, next_page=True)) == "80F24003024F0000"
    assert hexof(c.get_status(StatusSubset.LOAD_FILES, tags=False)) == "80F22000024F0000"
    assert hexof(c.get_status(0x10, aid_filter=h("A000000151"))) == "80F21002074F05A00000015100"
    with pytest.raises(ValueError):
        c.get_status(0x55)


def test_install_for_load() -> None:
    apdu = c.install_for_load(PKG, ISD_AID)
    # LV load file AID, LV SD AID, empty hash, empty load parameters, empty token, then Le
    assert hexof(apdu) == "80E60200" "14" "07A0000005272101" "08A000000151000000" "000000" "00"
    with_hash = c.install_for_load(PKG, b"", hash=bytes(20), load_params=c.load_parameters(code_limit=0x1000))
    assert with_hash.data == h("07A0000005272101") + b"\x00" + b"\x14" + bytes(20) + h("06EF04C6021000") + b"\x00"


def test_install_for_install_and_make_selectable() -> None:
    apdu = c.install_for_install(PKG, APPLET, APPLET)
    expected = "07A0000005272101" "08A000000527471117" "08A000000527471117" "0100" "02C900" "00"
    assert apdu.p1 == 0x0C and apdu.data.hex().upper() == expected
    assert hexof(apdu).startswith("80E60C00")
    only_install = c.install_for_install(PKG, APPLET, APPLET, make_selectable=False)
    assert only_install.p1 == 0x04


def test_install_privileges_one_or_three_bytes() -> None:
    one = c.install_for_install(PKG, APPLET, APPLET, privileges=Privilege.CARD_RESET)
    assert "0104" + "02C900" in one.data.hex().upper()
    three = c.install_for_install(PKG, APPLET, APPLET, privileges=Privilege.CARD_RESET | Privilege.GLOBAL_SERVICE)
    assert "03040100" + "02C900" in three.data.hex().upper()
    with pytest.raises(ApduFormatError):
        c.install_for_install(PKG, APPLET, APPLET, privileges=1 << 24)


def test_install_parameters() -> None:
    assert c.install_parameters() == h("C900")
    assert c.install_parameters(h("0102")) == h("C9020102")
    assert c.install_parameters(nv_quota=0x2000, v_quota=0x100) == h("C900" "EF08" "C7020100" "C8022000")
    assert c.install_parameters(nv_quota=0x12345) == h("C900EF06C80400012345")


def test_other_install_variants() -> None:
    assert hexof(c.install_for_make_selectable(APPLET, Privilege.CARD_RESET)) == (
        "80E60800" "0F" "0000" "08A000000527471117" "0104" "0000" "00"
    )
    assert hexof(c.install_for_personalization(APPLET)) == "80E62000" "0E" "0000" "08A000000527471117" "000000" "00"
    assert hexof(c.install_for_extradition(ISD_AID, APPLET)) == (
        "80E61000" "16" "08A000000151000000" "00" "08A000000527471117" "0000" "00" "00"
    )


def test_load_blocks_numbering_and_last_flag() -> None:
    load_file = bytes(range(256)) * 2  # 512 bytes
    blocks = c.load_blocks(load_file, 200)
    assert [(b.p1, b.p2, len(b.data)) for b in blocks] == [(0, 0, 200), (0, 1, 200), (0x80, 2, 112)]
    assert b"".join(b.data for b in blocks) == load_file
    assert all(b.cla == 0x80 and b.ins == 0xE8 for b in blocks)
    single = c.load_blocks(b"\xC4\x01\x00", 239)
    assert hexof(single[0]) == "80E8800003C4010000"


def test_load_blocks_limits() -> None:
    assert len(c.load_blocks(bytes(256 * 10), 10)) == 256
    with pytest.raises(ApduFormatError, match="at most 256"):
        c.load_blocks(bytes(256 * 10 + 1), 10)
    with pytest.raises(ApduFormatError):
        c.load_blocks(bytes(10), 65536)  # beyond an extended APDU (256..65535: issue 12 item 4)
    with pytest.raises(ApduFormatError):
        c.load_blocks(bytes(10), 0)
    with pytest.raises(ApduFormatError):
        c.load_blocks(b"", 10)


def test_load_file_from_lfdb() -> None:
    assert c.load_file_from_lfdb(bytes(300))[:4] == h("C482012C")
    assert c.load_file_from_lfdb(b"\x01", dap_blocks=h("E200")) == h("E200C40101")


def test_delete() -> None:
    assert hexof(c.delete(PKG)) == "80E4000009" "4F07A0000005272101" "00"
    assert hexof(c.delete(PKG, related=True)).startswith("80E40080")


def test_set_status() -> None:
    assert hexof(c.lock_card()) == "80F0807F"
    assert hexof(c.unlock_card()) == "80F0800F"
    assert hexof(c.lock_application(APPLET)) == "80F0408008A000000527471117"
    assert hexof(c.unlock_application(APPLET)) == "80F0400008A000000527471117"
    assert hexof(c.set_status(0x40, 0x0F, APPLET)) == "80F0400F08A000000527471117"
    with pytest.raises(ApduFormatError):
        c.set_status(0x20, 0x07, APPLET)


def test_store_data_p1_bits() -> None:
    assert hexof(c.store_data(h("2F1401AA"), 0, last=True)) == "80E290000" "42F1401AA"
    assert c.store_data(b"\x01", 3, last=False, fmt=StoreDataFormat.DGI).p1 == 0x08
    assert c.store_data(b"\x01", 3, last=True, fmt=StoreDataFormat.NONE, encrypted=True).p1 == 0xE0
    assert c.store_data(b"\x01", 255, last=False).p2 == 0xFF
    with pytest.raises(ApduFormatError):
        c.store_data(b"\x01", 256, last=True)


def test_store_data_blocks_chain() -> None:
    blocks = c.store_data_blocks(bytes(500), 239)
    assert [(b.p1, b.p2) for b in blocks] == [(0x10, 0), (0x10, 1), (0x90, 2)]
    assert sum(len(b.data) for b in blocks) == 500


def test_put_key_data_and_command() -> None:
    enc = h("EFBEE6C6D99D7B70BDE9D7E927F020AF")
    kcv = h("8BAF47")
    data = c.put_key_data(0x21, [(enc, kcv)] * 3)
    assert data == b"\x21" + (b"\x80\x10" + enc + b"\x03" + kcv) * 3
    apdu = c.put_key(0x21, data, old_kvn=0x20)
    assert hexof(apdu) == "80D82081" + f"{len(data):02X}" + data.hex().upper() + "00"
    assert c.put_key(0x21, data).p1 == 0x00
    assert c.put_key(0x21, data, first_key_id=2, multiple=False).p2 == 0x02


def test_put_key_rejects_bad_input() -> None:
    with pytest.raises(ApduFormatError):
        c.put_key_data(0x80, [(bytes(16), bytes(3))])
    with pytest.raises(ApduFormatError):
        c.put_key_data(1, [(bytes(15), bytes(3))])
    with pytest.raises(ApduFormatError):
        c.put_key_data(1, [(bytes(16), bytes(2))])
    with pytest.raises(ApduFormatError):
        c.put_key_data(1, [])
    with pytest.raises(ApduFormatError, match="key version"):
        c.put_key(0x22, c.put_key_data(0x21, [(bytes(16), bytes(3))]))


def test_manage_channel() -> None:
    assert hexof(c.manage_channel_open()) == "0070000001"
    assert hexof(c.manage_channel_close(2)) == "00708002"
    with pytest.raises(ApduFormatError):
        c.manage_channel_close(0)
