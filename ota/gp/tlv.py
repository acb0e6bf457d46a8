"""BER-TLV (ISO/IEC 8825-1) as used by GlobalPlatform (GPC 2.2.1 §11.1.4 and Annex B).

Tags are kept as integers of their encoded bytes (``0x9F7F``, ``0xFF21``).  Lengths use the short
form (``00``..``7F``) or the long forms ``81``/``82``/``83``; the indefinite form ``80`` and length
fields of more than three bytes are rejected, as GP never uses them.  Every decoding error is a
``TlvError`` carrying the absolute offset of the offending byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ota.gp.errors import TlvError

MAX_LENGTH = 0xFFFFFF
MAX_TAG_BYTES = 4


def tag_bytes(tag: int) -> bytes:
    """Encoded bytes of ``tag``; raises ``TlvError`` if they are not a well-formed BER tag."""
    if tag < 0:
        raise TlvError(f"negative tag {tag}", 0)
    raw = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    if len(raw) > MAX_TAG_BYTES:
        raise TlvError(f"tag {tag:X} longer than {MAX_TAG_BYTES} bytes", 0)
    multi = raw[0] & 0x1F == 0x1F
    if multi != (len(raw) > 1):
        raise TlvError(f"tag {tag:X}: first byte disagrees with tag length", 0)
    if any(b & 0x80 == 0 for b in raw[1:-1]) or (len(raw) > 1 and raw[-1] & 0x80):
        raise TlvError(f"tag {tag:X}: bad continuation bits", 0)
    return raw


def encode_length(n: int) -> bytes:
    """BER length field, shortest form (GPC 2.2.1 §11.1.4: up to 3 length bytes after 8x)."""
    if n < 0 or n > MAX_LENGTH:
        raise TlvError(f"length {n} cannot be encoded in BER-TLV", 0)
    if n < 0x80:
        return bytes((n,))
    size = (n.bit_length() + 7) // 8
    return bytes((0x80 | size,)) + n.to_bytes(size, "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    return tag_bytes(tag) + encode_length(len(value)) + bytes(value)


@dataclass(frozen=True)
class Tlv:
    """One data object.  ``offset`` is where its value started in the decoded input."""

    tag: int
    value: bytes
    offset: int = field(default=0, compare=False, repr=False)

    @property
    def constructed(self) -> bool:
        """Bit 6 of the first tag byte (ISO 8825-1 §8.1.2.5)."""
        return bool(tag_bytes(self.tag)[0] & 0x20)

    def children(self) -> list[Tlv]:
        return decode_tlvs(self.value, self.offset)

    def encode(self) -> bytes:
        return encode_tlv(self.tag, self.value)


def _read_tag(data: bytes, pos: int, base: int) -> tuple[int, int]:
    first = data[pos]
    end = pos + 1
    if first & 0x1F == 0x1F:
        while True:
            if end >= len(data):
                raise TlvError("truncated tag", base + end)
            if end - pos >= MAX_TAG_BYTES:
                raise TlvError(f"tag longer than {MAX_TAG_BYTES} bytes", base + pos)
            more = data[end] & 0x80
            end += 1
            if not more:
                break
    return int.from_bytes(data[pos:end], "big"), end


def _read_length(data: bytes, pos: int, base: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("truncated length", base + pos)
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    if first == 0x80:
        raise TlvError("indefinite length not allowed", base + pos)
    size = first & 0x7F
    if size > 3:
        raise TlvError(f"length field of {size} bytes not allowed", base + pos)
    if pos + 1 + size > len(data):
        raise TlvError("truncated length", base + pos)
    return int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def decode_tlvs(data: bytes, offset_base: int = 0) -> list[Tlv]:
    """Decode a sequence of TLVs filling ``data`` exactly; offsets are ``offset_base`` + index."""
    data = bytes(data)
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        tag, pos_len = _read_tag(data, pos, offset_base)
        length, pos_val = _read_length(data, pos_len, offset_base)
        end = pos_val + length
        if end > len(data):
            raise TlvError(
                f"value of tag {tag:X} needs {length} bytes, only {len(data) - pos_val} remain",
                offset_base + pos_len,
            )
        out.append(Tlv(tag, data[pos_val:end], offset_base + pos_val))
        pos = end
    return out


def decode_tlv(data: bytes, offset_base: int = 0) -> Tlv:
    """Decode exactly one TLV (nothing may follow it)."""
    tlvs = decode_tlvs(data, offset_base)
    if len(tlvs) != 1:
        raise TlvError(f"expected one TLV, found {len(tlvs)}", offset_base)
    return tlvs[0]


def find(tlvs: Iterable[Tlv], tag: int) -> Tlv | None:
    """First TLV with ``tag`` in ``tlvs`` (one level, no recursion)."""
    return next((t for t in tlvs if t.tag == tag), None)


def find_path(data: bytes, *tags: int) -> bytes | None:
    """Value at the path ``tags`` (e.g. ``0x6F, 0xA5, 0x9F65``), or ``None`` when absent."""
    tlvs = decode_tlvs(data)
    found: Tlv | None = None
    for depth, tag in enumerate(tags):
        found = find(tlvs, tag)
        if found is None:
            return None
        if depth < len(tags) - 1:
            tlvs = found.children()
    return found.value if found is not None else None
