"""Data objects the Issuer Security Domain reports: FCI, GET DATA objects, ATR.

GET DATA tags answered by the ISD (GPC 2.2.1 §11.3, Appendix H):

* ``9F7F`` CPLC (42 bytes); the IC serial number is the last 4 bytes of the SEID and the IC batch
  identifier the 2 bytes before, so the CPLC follows from the SEID.
* ``0066`` Card Recognition Data: GP 2.2.1, the card's SCP (02 or 03) with its ``i``.
* ``00E0`` Key Information Template, ``00C1`` sequence counter of the default key set.
* ``FF21`` Extended Card Resources: installed applications, free NVM, free VM.
* ``0042`` IIN, ``00CF`` KDD.
* ``0045`` CIN: **the SEID** (the platform reads the SE's identity here).
* ``2F14``: the MSISDN bound by STORE DATA (seed §5.5.2), 6A88 until one was written.
"""

from __future__ import annotations

from ota.gp.constants import TAG_MSISDN
from ota.gp.tlv import encode_length, encode_tlv
from ota.vse.state import CardState

# OIDs of GPC 2.2.1 Appendix H.2 (1.2.840.114283 = 2A864886FC6B).
_GP_OID = bytes.fromhex("2A864886FC6B")
_OID_RECOGNITION = _GP_OID + b"\x01"
_OID_GP_221 = _GP_OID + bytes.fromhex("02020201")
_OID_CARD_ID_SCHEME = _GP_OID + b"\x03"
_OID_JAVA_CARD_222 = bytes.fromhex("2B060104012A026E0102")


def raw_tag_tlv(tag: int, value: bytes) -> bytes:
    """``tag`` as two raw bytes + BER length + value (the seed's tags 2F14 / 1047)."""
    return tag.to_bytes(2, "big") + encode_length(len(value)) + value


def _oid(value: bytes) -> bytes:
    return encode_tlv(0x06, value)


def recognition_data(state: CardState) -> bytes:
    """Content of tag 73 (GPC 2.2.1 §H.2): recognition OID, GP version, the card's SCP with ``i``."""
    scp = _GP_OID + bytes((0x04, state.scp, state.i))
    return encode_tlv(
        0x73,
        _oid(_OID_RECOGNITION)
        + encode_tlv(0x60, _oid(_OID_GP_221))
        + encode_tlv(0x63, _oid(_OID_CARD_ID_SCHEME))
        + encode_tlv(0x64, _oid(scp))
        + encode_tlv(0x66, _oid(_OID_JAVA_CARD_222)),
    )


def isd_fci(state: CardState) -> bytes:
    """FCI of the ISD on SELECT (GPC 2.2.1 §11.9.3.1 Table 11-71)."""
    proprietary = (
        recognition_data(state)
        + encode_tlv(0x9F6E, bytes.fromhex("479100783300"))
        + encode_tlv(0x9F65, _minimal(state.extended_max or state.max_block))
    )
    return encode_tlv(0x6F, encode_tlv(0x84, state.isd_aid) + encode_tlv(0xA5, proprietary))


def cplc(state: CardState) -> bytes:
    """CPLC (GPC 2.2.1 Table H-? / Visa GP profile), 42 bytes in a 9F7F TLV."""
    serial = state.seid[-4:].rjust(4, b"\x00")
    batch = state.seid[-6:-4].rjust(2, b"\x00")
    fields = [
        "4790",  # IC fabricator
        "5168",  # IC type
        "4856",  # operating system identifier ("HV")
        "5001",  # OS release date (YDDD)
        "0101",  # OS release level
        "5001",  # IC fabrication date
        serial.hex(),
        batch.hex(),
        "0000",  # module fabricator
        "5002",  # module packaging date
        "0000",  # ICC manufacturer
        "5003",  # IC embedding date
        "0000",  # pre-personaliser
        "5004",  # pre-perso date
        "00000000",  # pre-perso equipment
        "0000",  # personaliser
        "5005",  # perso date
        "00000000",  # perso equipment
    ]
    value = bytes.fromhex("".join(fields))
    assert len(value) == 42
    return encode_tlv(0x9F7F, value)


def key_information(state: CardState) -> bytes:
    """Key Information Template E0 (GPC 2.2.1 §11.1.8): three DES (80) or AES (88) keys per set."""
    key_type = 0x88 if state.scp == 0x03 else 0x80
    keys = b"".join(
        encode_tlv(0xC0, bytes((key_id, ks.kvn, key_type, len(ks.enc))))
        for ks in sorted(state.key_sets, key=lambda k: k.kvn)
        for key_id in (1, 2, 3)
    )
    return encode_tlv(0xE0, keys)


def sequence_counter(state: CardState) -> bytes:
    """Tag C1: sequence counter of the default key set (GPC 2.2.1 §E.1.2)."""
    default = state.key_set(0)
    return encode_tlv(0xC1, (default.seq if default else 0).to_bytes(2, "big"))


def _installed_apps(state: CardState) -> int:
    return len(state.apps)


def extended_card_resources(state: CardState) -> bytes:
    """Tag FF21 (ETSI TS 102 226 §8.2.1.7.2): 81 apps, 82 free NVM, 83 free VM."""
    return encode_tlv(
        0xFF21,
        encode_tlv(0x81, _installed_apps(state).to_bytes(2, "big"))
        + encode_tlv(0x82, state.nvm_free.to_bytes(4, "big"))
        + encode_tlv(0x83, state.vm_free.to_bytes(4, "big")),
    )


def get_data_object(state: CardState, tag: int) -> bytes | None:
    """The TLV answering GET DATA ``tag`` on the ISD, or ``None`` when the card has none."""
    if tag in state.refused_get_data:
        return None
    if tag == TAG_MSISDN:
        # 2F14 is not a well-formed BER tag (seed spec): encode it as a raw two-byte tag.
        return None if state.msisdn is None else raw_tag_tlv(tag, state.msisdn)
    simple = {0x0042: state.iin, 0x0045: state.seid if state.has_cin else None, 0x00CF: state.kdd}
    if tag in simple:
        value = simple[tag]
        return None if value is None else encode_tlv(tag, value)
    builders = {
        0x9F7F: cplc,
        0x0066: lambda s: encode_tlv(0x66, recognition_data(s)),
        0x00E0: key_information,
        0x00C1: sequence_counter,
        0xFF21: extended_card_resources,
    }
    builder = builders.get(tag)
    return builder(state) if builder else None


def _minimal(n: int) -> bytes:
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


#: Historical bytes of a card that takes extended length: category 80, then compact-TLV (ISO
#: 7816-4 §8.1.1): card capabilities 73 (third byte b7: "extended Lc and Le fields", Table 87)
#: and card issuer's data 5x naming the card.
EXTENDED_HISTORICAL = bytes.fromhex("8073000040") + bytes((0x58,)) + b"HallTerm"


def card_atr(state: CardState) -> bytes:
    """The card's ATR: its card capabilities announce extended length when it takes it."""
    return atr(EXTENDED_HISTORICAL) if state.extended_max else atr()


def atr(historical: bytes = b"HallTermVSE") -> bytes:
    """A T=1 ATR as PC/SC part 3 builds for contactless cards: 3B 8n 80 01 <hist> TCK."""
    body = bytes((0x80 | len(historical), 0x80, 0x01)) + historical
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3B" + body + bytes((tck,))
