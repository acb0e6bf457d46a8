"""Command and response APDUs (ISO/IEC 7816-4 §5.1), short and extended length.

The four ISO cases:

* case 1: ``CLA INS P1 P2``
* case 2: header + Le
* case 3: header + Lc + data
* case 4: header + Lc + data + Le

Short form: Lc is one byte (1..255), Le one byte (00 means 256).  Extended form: Lc is ``00`` plus
two bytes (1..65535), Le is two bytes (``0000`` means 65536), preceded by ``00`` only when there is
no Lc field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ota.gp.constants import Ins
from ota.gp.errors import ApduError, ApduFormatError

SHORT_MAX_DATA = 255
SHORT_MAX_LE = 256
EXTENDED_MAX_DATA = 65535
EXTENDED_MAX_LE = 65536


def length_field(n: int) -> bytes:
    """Lc as ISO 7816-4 §5.1 encodes ``n`` data bytes: one byte up to 255, else ``00`` and two
    bytes.  Secure messaging MACs the Lc exactly as sent, so SCP02 and SCP03 use this too."""
    if not 1 <= n <= EXTENDED_MAX_DATA:
        raise ApduFormatError(f"Lc must be 1..{EXTENDED_MAX_DATA}, got {n}")
    return bytes((n,)) if n <= SHORT_MAX_DATA else b"\x00" + n.to_bytes(2, "big")


def is_extended_encoding(raw: bytes) -> bool:
    """True when ``raw`` uses the extended length form: a ``00`` byte opening a body of 3 or more
    bytes (case 2E, 3E, 4E; ISO 7816-4 §5.1).  A card that does not announce extended length
    refuses these, whatever their size."""
    return len(raw) >= 7 and raw[4] == 0


class CardTransport(Protocol):
    """Anything that takes a command APDU and returns response data + SW."""

    def transmit(self, apdu: bytes) -> bytes: ...


def _check_byte(name: str, value: int) -> None:
    if not 0 <= value <= 0xFF:
        raise ApduFormatError(f"{name} must be one byte, got {value}")


@dataclass(frozen=True)
class CommandApdu:
    """A command APDU.  ``le=None`` means no Le field; ``le=256`` (short) asks for everything."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            _check_byte(name, getattr(self, name))
        if not isinstance(self.data, bytes):
            object.__setattr__(self, "data", bytes(self.data))
        if len(self.data) > EXTENDED_MAX_DATA:
            raise ApduFormatError(f"data of {len(self.data)} bytes exceeds {EXTENDED_MAX_DATA}")
        if self.le is not None and not 1 <= self.le <= EXTENDED_MAX_LE:
            raise ApduFormatError(f"Le must be 1..{EXTENDED_MAX_LE}, got {self.le}")

    @property
    def case(self) -> int:
        """ISO 7816-4 case: 1 (no data, no Le), 2 (Le), 3 (data), 4 (data and Le)."""
        if self.data:
            return 4 if self.le is not None else 3
        return 2 if self.le is not None else 1

    @property
    def is_extended(self) -> bool:
        """True when the APDU cannot be sent in short form."""
        return len(self.data) > SHORT_MAX_DATA or (self.le or 0) > SHORT_MAX_LE

    @property
    def header(self) -> bytes:
        return bytes((self.cla, self.ins, self.p1, self.p2))

    def encode(self, extended: bool = False) -> bytes:
        """Serialise; without ``extended`` an APDU needing extended length is an error."""
        if self.is_extended and not extended:
            raise ApduFormatError(
                f"APDU needs extended length (data {len(self.data)} bytes, Le {self.le})"
            )
        out = bytearray(self.header)
        if extended:
            if self.data:
                out += b"\x00" + len(self.data).to_bytes(2, "big") + self.data
            if self.le is not None:
                if not self.data:
                    out += b"\x00"
                out += (self.le % EXTENDED_MAX_LE).to_bytes(2, "big")
        else:
            if self.data:
                out += bytes((len(self.data),)) + self.data
            if self.le is not None:
                out += bytes((self.le % SHORT_MAX_LE,))
        return bytes(out)

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        """Strict parse of a short or extended command APDU (ISO 7816-4 §5.1)."""
        raw = bytes(raw)
        if len(raw) < 4:
            raise ApduFormatError(
                f"command APDU of {len(raw)} bytes is shorter than the header at offset 0"
            )
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        n = len(body)
        if n == 0:
            return cls(cla, ins, p1, p2)
        if n == 1:
            return cls(cla, ins, p1, p2, le=body[0] or SHORT_MAX_LE)
        if body[0] != 0:
            return cls._parse_short(cla, ins, p1, p2, body)
        return cls._parse_extended(cla, ins, p1, p2, body)

    @classmethod
    def _parse_short(cls, cla: int, ins: int, p1: int, p2: int, body: bytes) -> CommandApdu:
        lc = body[0]
        n = len(body)
        if n == 1 + lc:
            return cls(cla, ins, p1, p2, body[1:])
        if n == 2 + lc:
            return cls(cla, ins, p1, p2, body[1:-1], body[-1] or SHORT_MAX_LE)
        raise ApduFormatError(
            f"Lc {lc} at offset 4 does not match {n - 1} bytes that follow"
        )

    @classmethod
    def _parse_extended(cls, cla: int, ins: int, p1: int, p2: int, body: bytes) -> CommandApdu:
        n = len(body)
        if n == 3:  # case 2E: 00 Le1 Le2
            le = int.from_bytes(body[1:3], "big") or EXTENDED_MAX_LE
            return cls(cla, ins, p1, p2, le=le)
        if n < 3:
            raise ApduFormatError(
                f"truncated extended length field at offset 5 ({n} bytes after header)"
            )
        lc = int.from_bytes(body[1:3], "big")
        if lc == 0:
            raise ApduFormatError("extended Lc of 0 at offset 5")
        if n == 3 + lc:
            return cls(cla, ins, p1, p2, body[3:])
        if n == 5 + lc:
            le = int.from_bytes(body[-2:], "big") or EXTENDED_MAX_LE
            return cls(cla, ins, p1, p2, body[3:-2], le)
        raise ApduFormatError(
            f"extended Lc {lc} at offset 5 does not match {n - 3} bytes that follow"
        )

    def __str__(self) -> str:
        return self.encode(extended=self.is_extended).hex().upper()


@dataclass(frozen=True)
class ResponseApdu:
    """A response APDU: data followed by the two status bytes SW1 SW2."""

    data: bytes
    sw: int

    def __post_init__(self) -> None:
        if not 0 <= self.sw <= 0xFFFF:
            raise ApduFormatError(f"SW must be two bytes, got {self.sw}")
        if not isinstance(self.data, bytes):
            object.__setattr__(self, "data", bytes(self.data))

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @classmethod
    def parse(cls, raw: bytes) -> ResponseApdu:
        raw = bytes(raw)
        if len(raw) < 2:
            raise ApduFormatError(f"response of {len(raw)} bytes has no status word at offset 0")
        return cls(raw[:-2], int.from_bytes(raw[-2:], "big"))

    def encode(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    def check(self, *accepted: int, command: str = "") -> bytes:
        """Return the data, or raise ``ApduError`` when the SW is not accepted (default 9000)."""
        if self.sw not in (accepted or (0x9000,)):
            raise ApduError(self.sw, self.data, command)
        return self.data


def transceive(transport: CardTransport, command: CommandApdu, *accepted: int) -> bytes:
    """Encode ``command``, send it, and return the response data when its SW is accepted."""
    raw = transport.transmit(command.encode(extended=command.is_extended))
    name = _command_name(command.ins)
    return ResponseApdu.parse(raw).check(*accepted, command=name)


def _command_name(ins: int) -> str:
    try:
        return Ins(ins).name
    except ValueError:
        return f"INS {ins:02X}"
