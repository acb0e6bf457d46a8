"""What an ATR says about talking to the card (ISO/IEC 7816-3 §8.2, ISO/IEC 7816-4 §8.1.1).

* the transmission protocols offered: the low nibble of each TDi (T=0 when there is no TD1);
* the historical bytes, and in them (category indicator 80, compact-TLV) the card capabilities
  object 7x whose third byte b7 says "extended Lc and Le fields" (ISO 7816-4 §8.1.1.2.7
  Table 87).  ``extended_length`` is True / False when the card says, None when it does not.

An empty ATR (a reader that reports a card without one, some contactless readers) parses to
"unknown": T=1 assumed by PC/SC, extended length unknown.  A malformed ATR is read as far as it
goes; nothing here raises.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AtrInfo:
    protocols: tuple[int, ...]
    historical: bytes
    extended_length: bool | None


def parse_atr(atr: bytes) -> AtrInfo:
    if len(atr) < 2:
        return AtrInfo((), b"", None)
    t0 = atr[1]
    k = t0 & 0x0F
    y = t0 >> 4
    pos = 2
    protocols: list[int] = []
    while True:
        pos += bin(y & 0x07).count("1")  # TA, TB, TC present
        if not y & 0x08:  # no TD
            break
        if pos >= len(atr):
            return AtrInfo(tuple(protocols) or (0,), b"", None)
        td = atr[pos]
        pos += 1
        if td & 0x0F != 0x0F:  # T=15 announces global interface bytes, not a protocol
            protocols.append(td & 0x0F)
        y = td >> 4
    historical = atr[pos : pos + k]
    return AtrInfo(tuple(dict.fromkeys(protocols)) or (0,), historical, _extended_length(historical))


def _extended_length(historical: bytes) -> bool | None:
    if not historical or historical[0] != 0x80:
        return None
    pos = 1
    while pos < len(historical):
        tag, length = historical[pos] >> 4, historical[pos] & 0x0F
        value = historical[pos + 1 : pos + 1 + length]
        if tag == 0x7 and len(value) >= 3:
            return bool(value[2] & 0x40)
        pos += 1 + length
    return None


SHORT_MAX_COMMAND_DATA = 255
EXTENDED_MAX_COMMAND_DATA = 65535


def max_command_data(atr: bytes, protocol: str) -> int:
    """The command data field the terminal offers the platform (issue 12 item 4): 65535 when the
    card's ATR announces extended Lc/Le and the link is T=1, else 255.  T=0 carries extended
    APDUs only by ENVELOPE (ISO 7816-3 §12.2.3 / 7816-4 §5.1), which the platform's scripts do
    not use, so a T=0 reader always gets short APDUs; so does a card that says nothing."""
    if protocol == "T=0" or parse_atr(atr).extended_length is not True:
        return SHORT_MAX_COMMAND_DATA
    return EXTENDED_MAX_COMMAND_DATA
