"""Known-answer tests from notes/gp-scp02.md §3.3 (GPPro TestGPKeyInfo/TestParseTags, kaoh)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ota.gp.constants import Privilege, StatusSubset
from ota.gp.errors import GpError, ResponseFormatError, TlvError
from ota.gp.responses import (
    CardResources,
    KeyInfo,
    decode_oid,
    parse_card_recognition_data,
    parse_cplc,
    parse_extended_card_resources,
    parse_fci,
    parse_get_status,
    parse_get_status_legacy,
    parse_key_information,
    parse_sequence_counter,
)
from ota.gp.tlv import encode_tlv

h = bytes.fromhex

CARD_DATA_GPPRO = (
    "664C734A06072A864886FC6B01600C060A2A864886FC6B02020101630906072A864886FC6B03640B06092A864886FC6B"
    "040215650B06092B8510864864020103660C060A2B060104012A026E0102"
)
CARD_DATA_KAOH_SCP03 = (
    "664D734B06072A864886FC6B01600B06092A864886FC6B020203630906072A864886FC6B03640B06092A864886FC6B"
    "040370650D060B2A864886FC6B0507020000660C060A2B060104012A026E0103"
)
CPLC_KAOH = "9F7F2A4790D6004700000000003244342952208448000000000000000015278234323935320000000000000000"
REGISTRY_ENTRY = (
    "E3464F08A0000000030000009F700101C5039EFE80CF0140CF0141CF0142CF0143CF0180CF0181CF0182CF0183"
    "C40BD276000005AAFFCAFE0001CE020001CC08A000000003000000"
)


def test_key_information_five_keys() -> None:
    keys = parse_key_information(h("E020C00401018820C00402018820C00403018820C0060170A180A003C00401718010"))
    assert len(keys) == 5
    assert keys[0] == KeyInfo(kvn=1, key_id=1, type=0x88, length=0x20, components=((0x88, 0x20),))
    assert [k.key_id for k in keys[:3]] == [1, 2, 3]
    assert keys[3].kvn == 0x70 and keys[3].components == ((0xA1, 0x80), (0xA0, 0x03))
    assert (keys[4].kvn, keys[4].type, keys[4].length) == (0x71, 0x80, 0x10)


def test_key_information_extended_form() -> None:
    keys = parse_key_information(h("E021C00401018010C00402018010C00403018010C00D0173FFA10080A0000301840100"))
    assert len(keys) == 4
    assert all((k.kvn, k.type, k.length) == (1, 0x80, 16) for k in keys[:3])
    rsa = keys[3]
    assert (rsa.key_id, rsa.kvn, rsa.type, rsa.length) == (1, 0x73, 0xA1, 0x80)
    assert rsa.components == ((0xA1, 0x80), (0xA0, 3))
    assert rsa.usage == h("84") and rsa.access == h("00")


def test_key_information_extended_with_ff_everywhere_and_empty_template() -> None:
    keys = parse_key_information(h("E00EC00A0120FF80001001000100C000"))
    assert keys == [KeyInfo(0x20, 1, 0x80, 16, ((0x80, 16),), h("00"), h("00"))]


@pytest.mark.parametrize("raw", ["E003C00101", "E005C003010180", "E002C100"])
def test_key_information_rejects_malformed(raw: str) -> None:
    with pytest.raises(ResponseFormatError):
        parse_key_information(h(raw))


def test_card_recognition_data_gppro() -> None:
    crd = parse_card_recognition_data(h(CARD_DATA_GPPRO))
    assert crd.gp_version == "2.1.1"
    assert (crd.scp, crd.i) == (2, 0x15)
    assert crd.card_identification_scheme == "1.2.840.114283.3"
    assert crd.chip_details == "1.3.6.1.4.1.42.2.110.1.2"


def test_card_recognition_data_kaoh_scp03_and_scp02_variant() -> None:
    crd = parse_card_recognition_data(h(CARD_DATA_KAOH_SCP03))
    assert crd.gp_version == "2.3" and (crd.scp, crd.i) == (3, 0x70)
    assert crd.card_configuration == "1.2.840.114283.5.7.2.0.0"
    scp02 = CARD_DATA_KAOH_SCP03.replace("640B06092A864886FC6B040370", "640B06092A864886FC6B040255")
    assert parse_card_recognition_data(h(scp02)).scps == ((2, 0x55),)


def test_card_recognition_data_rejects_foreign_scp_oid() -> None:
    bad = CARD_DATA_GPPRO.replace("640B06092A864886FC6B040215", "640B06092A864886FC6C040215")
    with pytest.raises(ResponseFormatError, match="not a GP OID"):
        parse_card_recognition_data(h(bad))


def test_decode_oid() -> None:
    assert decode_oid(h("2A864886FC6B040255")) == (1, 2, 840, 114283, 4, 2, 0x55)
    with pytest.raises(ResponseFormatError):
        decode_oid(h("2A86"))


def test_cplc_with_and_without_wrapper() -> None:
    cplc = parse_cplc(h(CPLC_KAOH))
    assert cplc.ic_fabricator == h("4790")
    assert cplc.ic_type == h("D600")
    assert cplc.os_id == h("4700")
    assert cplc.ic_fabrication_date == "3244"
    assert cplc.ic_serial_number == h("34295220")
    assert cplc.ic_batch_identifier == h("8448")
    assert cplc.ic_pre_personalizer == h("1527")
    assert cplc.ic_pre_perso_date == "8234"
    assert cplc.ic_pre_perso_equipment == h("32393532")
    assert cplc.ic_perso_equipment == bytes(4)
    assert parse_cplc(h(CPLC_KAOH)[3:]) == cplc


@pytest.mark.parametrize("raw", [CPLC_KAOH[:-2], "9F7F29" + CPLC_KAOH[6:-2], "9F7E2A" + CPLC_KAOH[6:]])
def test_cplc_rejects_wrong_length_or_tag(raw: str) -> None:
    with pytest.raises(GpError):
        parse_cplc(h(raw))


def test_extended_card_resources() -> None:
    res = parse_extended_card_resources(h("FF211081020002820400016DB483040000086A"))
    assert res == CardResources(installed_apps=2, free_nvm=0x16DB4, free_vm=0x086A)
    without_83 = encode_tlv(0xFF21, h("810102" "82020100"))
    with pytest.raises(ResponseFormatError, match="tag 83 missing"):
        parse_extended_card_resources(without_83)


def test_sequence_counter() -> None:
    assert parse_sequence_counter(h("C1020005")) == 5
    assert parse_sequence_counter(h("002A")) == 42
    with pytest.raises(ResponseFormatError):
        parse_sequence_counter(h("C10105"))


def test_registry_entry_gppro() -> None:
    [entry] = parse_get_status(h(REGISTRY_ENTRY), StatusSubset.APPS)
    assert entry.aid == h("A000000003000000")
    assert entry.life_cycle == 0x01
    assert entry.privileges == 0x9EFE80
    assert Privilege.SECURITY_DOMAIN in Privilege(entry.privileges)
    assert entry.load_file_aid == h("D276000005AAFFCAFE0001")
    assert entry.version == h("0001")
    assert entry.sd_aid == h("A000000003000000")
    assert entry.module_aids == ()
    assert entry.kind == StatusSubset.APPS


def test_registry_load_file_with_modules_and_one_byte_privileges() -> None:
    raw = encode_tlv(0xE3, h("4F05A000000151" "9F700101" "C50180" "8406A00000015101" "8405A000000152"))
    [entry] = parse_get_status(raw, StatusSubset.LOAD_FILES_AND_MODULES)
    assert entry.module_aids == (h("A00000015101"), h("A000000152"))
    assert entry.privileges == 0x800000
    assert entry.load_file_aid is None and entry.version is None


def test_get_status_rejects_wrong_tag_and_missing_fields() -> None:
    with pytest.raises(ResponseFormatError, match="E3"):
        parse_get_status(h("E2024F00"), StatusSubset.APPS)
    with pytest.raises(ResponseFormatError, match="9F70"):
        parse_get_status(h("E3044F02A000"), StatusSubset.APPS)
    with pytest.raises(TlvError):
        parse_get_status(h(REGISTRY_ENTRY)[:-1], StatusSubset.APPS)
    assert parse_get_status(b"", StatusSubset.APPS) == []


def test_get_status_legacy_format() -> None:
    raw = h("07A000000151000007" "9E")
    [isd] = parse_get_status_legacy(raw, StatusSubset.ISD)
    assert (isd.aid, isd.life_cycle, isd.privileges) == (h("A0000001510000"), 0x07, 0x9E0000)
    modules = h("05A00000000101" "00" "02" "03AABBCC" "02DDEE")
    [lf] = parse_get_status_legacy(modules, StatusSubset.LOAD_FILES_AND_MODULES)
    assert lf.module_aids == (h("AABBCC"), h("DDEE"))
    with pytest.raises(ResponseFormatError, match="truncated"):
        parse_get_status_legacy(raw[:-1], StatusSubset.ISD)


def test_fci() -> None:
    crd_73 = h(CARD_DATA_GPPRO)[2:]  # drop the 66 wrapper: the FCI carries 73 directly
    a5 = encode_tlv(0xA5, crd_73 + h("9F6E06010203040506") + h("9F6501FF"))
    raw = encode_tlv(0x6F, h("8408A000000151000000") + a5)
    fci = parse_fci(raw)
    assert fci.aid == h("A000000151000000")
    assert fci.max_block_size == 0xFF
    assert fci.production_life_cycle == h("010203040506")
    assert fci.card_recognition_data is not None
    assert (fci.card_recognition_data.scp, fci.card_recognition_data.i) == (2, 0x15)


def test_fci_minimal_and_errors() -> None:
    fci = parse_fci(h("6F0A8408A000000151000000"))
    assert fci.max_block_size is None and fci.card_recognition_data is None
    with pytest.raises(ResponseFormatError, match="no AID"):
        parse_fci(h("6F02A500"))
    with pytest.raises(TlvError):
        parse_fci(h("6F03A501"))
    with pytest.raises(ResponseFormatError, match="expected tag 6F"):
        parse_fci(h("8408A000000151000000"))


PARSERS = [
    parse_fci,
    parse_cplc,
    parse_card_recognition_data,
    parse_key_information,
    parse_sequence_counter,
    parse_extended_card_resources,
    lambda d: parse_get_status(d, StatusSubset.APPS),
    lambda d: parse_get_status_legacy(d, StatusSubset.LOAD_FILES_AND_MODULES),
]


@given(st.binary(max_size=120), st.integers(0, len(PARSERS) - 1))
def test_garbage_only_raises_gp_errors(raw: bytes, which: int) -> None:
    try:
        PARSERS[which](raw)
    except GpError:
        pass


@given(st.integers(0, len(REGISTRY_ENTRY) // 2), st.integers(0, 255))
def test_mutated_vectors_only_raise_gp_errors(pos: int, byte: int) -> None:
    for vector, parser in ((REGISTRY_ENTRY, PARSERS[6]), (CARD_DATA_GPPRO, parse_card_recognition_data)):
        raw = bytearray(h(vector))
        if pos < len(raw):
            raw[pos] = byte
        try:
            parser(bytes(raw))
        except GpError:
            pass
