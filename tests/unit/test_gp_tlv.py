from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ota.gp.errors import TlvError
from ota.gp.tlv import Tlv, decode_tlv, decode_tlvs, encode_length, encode_tlv, find, find_path

h = bytes.fromhex


@pytest.mark.parametrize(
    ("n", "raw"),
    [(0, "00"), (0x7F, "7F"), (0x80, "8180"), (0xFF, "81FF"), (0x100, "820100"),
     (0xFFFF, "82FFFF"), (0x10000, "83010000"), (0xFFFFFF, "83FFFFFF")],
)
def test_encode_length(n: int, raw: str) -> None:
    assert encode_length(n) == h(raw)


def test_encode_length_rejects_out_of_range() -> None:
    with pytest.raises(TlvError):
        encode_length(0x1000000)
    with pytest.raises(TlvError):
        encode_length(-1)


def test_multi_byte_tags() -> None:
    assert encode_tlv(0x9F7F, b"\x01") == h("9F7F0101")
    assert encode_tlv(0xFF21, b"") == h("FF2100")
    assert encode_tlv(0x5F8101, b"") == h("5F810100")
    tlvs = decode_tlvs(h("9F7F0101FF2100"))
    assert [t.tag for t in tlvs] == [0x9F7F, 0xFF21]


def test_malformed_tag_values_are_refused_on_encode() -> None:
    with pytest.raises(TlvError):
        encode_tlv(0x9F, b"")  # first byte announces more tag bytes
    with pytest.raises(TlvError):
        encode_tlv(0x4F4F, b"")  # two bytes but first byte says one
    with pytest.raises(TlvError):
        encode_tlv(0x9F81, b"")  # last byte has the continuation bit


def test_long_form_values() -> None:
    value = bytes(300)
    raw = encode_tlv(0xC4, value)
    assert raw[:4] == h("C482012C")
    assert decode_tlv(raw) == Tlv(0xC4, value)


def test_constructed_and_children_with_absolute_offsets() -> None:
    raw = h("6F108408A000000151000000A5049F6501FF")
    fci = decode_tlv(raw)
    assert fci.constructed
    assert [t.tag for t in fci.children()] == [0x84, 0xA5]
    a5 = find(fci.children(), 0xA5)
    assert a5 is not None and a5.constructed and a5.offset == 14
    assert find(a5.children(), 0x9F65) == Tlv(0x9F65, b"\xff")
    assert not find(fci.children(), 0x84).constructed  # type: ignore[union-attr]
    assert find_path(raw, 0x6F, 0xA5, 0x9F65) == b"\xff"
    assert find_path(raw, 0x6F, 0x84) == h("A000000151000000")
    assert find_path(raw, 0x6F, 0x73) is None
    assert find_path(raw, 0x6F, 0xA5, 0x9F6E) is None


def test_non_minimal_long_length_is_accepted() -> None:
    assert decode_tlv(h("C98102AABB")).value == h("AABB")


@pytest.mark.parametrize(
    ("raw", "message", "offset"),
    [
        ("9F", "truncated tag", 1),
        ("4F", "truncated length", 1),
        ("4F05AABB", "needs 5 bytes, only 2 remain", 1),
        ("4F8180AA", "needs 128 bytes", 1),
        ("4F82", "truncated length", 1),
        ("4F800000", "indefinite length", 1),
        ("4F840000000100", "length field of 4 bytes", 1),
        ("4F00C4", "truncated length", 3),
        ("9F8F8F8F01", "tag longer than 4 bytes", 0),
    ],
)
def test_strict_decode_errors_name_the_offset(raw: str, message: str, offset: int) -> None:
    with pytest.raises(TlvError, match=message) as err:
        decode_tlvs(h(raw))
    assert err.value.offset == offset
    assert err.value.code == "gp.tlv"


def test_nested_error_offset_is_absolute() -> None:
    raw = h("E3054F03A00000" "E3034F05AA")  # second entry's inner 4F is truncated
    second = decode_tlvs(raw)[1]
    with pytest.raises(TlvError) as err:
        second.children()
    assert err.value.offset == 10  # the 05 length byte of the inner 4F
    with pytest.raises(TlvError) as err2:
        decode_tlvs(h("4F05"), offset_base=100)
    assert err2.value.offset == 101


def test_decode_tlv_wants_exactly_one() -> None:
    with pytest.raises(TlvError, match="expected one TLV, found 2"):
        decode_tlv(h("4F004F00"))


# --- properties --------------------------------------------------------------------------

def _tag() -> st.SearchStrategy[int]:
    one = st.integers(0, 255).filter(lambda b: b & 0x1F != 0x1F)
    two = st.tuples(st.integers(0, 7).map(lambda c: (c << 5) | 0x1F), st.integers(0, 0x7F)).map(
        lambda t: (t[0] << 8) | t[1]
    )
    three = st.tuples(
        st.integers(0, 7).map(lambda c: (c << 5) | 0x1F), st.integers(0x80, 0xFF), st.integers(0, 0x7F)
    ).map(lambda t: (t[0] << 16) | (t[1] << 8) | t[2])
    return st.one_of(one, two, three)


@given(st.lists(st.tuples(_tag(), st.binary(max_size=400)), max_size=5))
def test_round_trip(items: list[tuple[int, bytes]]) -> None:
    raw = b"".join(encode_tlv(t, v) for t, v in items)
    assert decode_tlvs(raw) == [Tlv(t, v) for t, v in items]
    assert b"".join(t.encode() for t in decode_tlvs(raw)) == raw


@given(st.binary(max_size=200))
def test_garbage_only_raises_tlv_error(raw: bytes) -> None:
    try:
        tlvs = decode_tlvs(raw)
    except TlvError as exc:
        assert 0 <= exc.offset <= len(raw)
        return
    for tlv in tlvs:  # descending into anything must also fail only with TlvError
        try:
            tlv.children()
        except TlvError:
            pass
