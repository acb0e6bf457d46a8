"""A small CMPP 2.0 codec: the PDUs an SP needs to submit a PUSH SMS (China Mobile CMPP v2.0).

Every PDU is ``Total_Length (4) | Command_Id (4) | Sequence_Id (4) | body``, big-endian, and
octet strings are fixed-width, NUL-padded.  Only CONNECT, SUBMIT, ACTIVE_TEST and TERMINATE
(with their responses) are here: the platform submits and never receives MO messages.

Why our own codec: the PyPI candidates were not fit — ``cmppy`` 0.3 (2017) is a client only,
unmaintained, with no decoder a simulator could check against, and ``pycmpp`` is not published.
A codec is a page of ``struct`` calls, tested byte for byte below and in the simulator.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from datetime import datetime

VERSION = 0x20
HEADER = struct.Struct(">III")

CONNECT = 0x00000001
CONNECT_RESP = 0x80000001
TERMINATE = 0x00000002
TERMINATE_RESP = 0x80000002
SUBMIT = 0x00000004
SUBMIT_RESP = 0x80000004
ACTIVE_TEST = 0x00000008
ACTIVE_TEST_RESP = 0x80000008

MSG_FMT_BINARY = 4
"""Msg_Fmt 4: binary data (the PUSH SMS is 8-bit data with a UDH)."""

CONNECT_OK = 0
CONNECT_BAD_AUTH = 3
SUBMIT_OK = 0
SUBMIT_BAD_STRUCTURE = 1


class CmppError(ValueError):
    """A malformed PDU."""


def _octets(value: str | bytes, width: int) -> bytes:
    raw = value.encode("ascii") if isinstance(value, str) else value
    if len(raw) > width:
        raise CmppError(f"{raw!r} longer than {width} octets")
    return raw.ljust(width, b"\0")


def _text(raw: bytes) -> str:
    return raw.rstrip(b"\0").decode("ascii")


def pdu(command: int, sequence: int, body: bytes = b"") -> bytes:
    return HEADER.pack(HEADER.size + len(body), command, sequence) + body


def split(frame: bytes) -> tuple[int, int, bytes]:
    """(command, sequence, body) of one complete PDU."""
    if len(frame) < HEADER.size:
        raise CmppError("PDU shorter than its header")
    length, command, sequence = HEADER.unpack_from(frame)
    if length != len(frame):
        raise CmppError(f"Total_Length {length} but {len(frame)} octets")
    return command, sequence, frame[HEADER.size :]


# --- CMPP_CONNECT ----------------------------------------------------------------------------------


def timestamp(now: datetime) -> str:
    """MMDDHHMMSS, the clock string the authenticators are made of."""
    return now.strftime("%m%d%H%M%S")


def authenticator_source(source_addr: str, secret: str, stamp: str) -> bytes:
    """MD5(Source_Addr + 9 zero octets + shared secret + timestamp)."""
    return hashlib.md5(source_addr.encode() + b"\0" * 9 + secret.encode() + stamp.encode()).digest()


def authenticator_ismg(status: int, auth_source: bytes, secret: str) -> bytes:
    """MD5(Status + AuthenticatorSource + shared secret): the gateway proves it knows the secret."""
    return hashlib.md5(bytes([status]) + auth_source + secret.encode()).digest()


@dataclass(frozen=True)
class Connect:
    source_addr: str
    authenticator: bytes
    timestamp: int
    version: int = VERSION

    def encode(self) -> bytes:
        return _octets(self.source_addr, 6) + self.authenticator + struct.pack(">BI", self.version, self.timestamp)

    @classmethod
    def decode(cls, body: bytes) -> Connect:
        if len(body) != 27:
            raise CmppError("CMPP_CONNECT body is 27 octets")
        version, stamp = struct.unpack(">BI", body[22:27])
        return cls(_text(body[:6]), body[6:22], stamp, version)

    @classmethod
    def make(cls, source_addr: str, secret: str, now: datetime) -> Connect:
        stamp = timestamp(now)
        return cls(source_addr, authenticator_source(source_addr, secret, stamp), int(stamp))


@dataclass(frozen=True)
class ConnectResp:
    status: int
    authenticator: bytes
    version: int = VERSION

    def encode(self) -> bytes:
        return bytes([self.status]) + self.authenticator + bytes([self.version])

    @classmethod
    def decode(cls, body: bytes) -> ConnectResp:
        if len(body) != 18:
            raise CmppError("CMPP_CONNECT_RESP (2.0) body is 18 octets")
        return cls(body[0], body[1:17], body[17])


# --- CMPP_SUBMIT -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submit:
    """CMPP 2.0 CMPP_SUBMIT; the defaults are those of a free, binary, port-addressed MT."""

    dest_terminal_ids: tuple[str, ...]
    msg_content: bytes
    msg_src: str
    src_id: str
    service_id: str = "PUSH"
    tp_udhi: int = 1
    msg_fmt: int = MSG_FMT_BINARY
    msg_id: int = 0
    pk_total: int = 1
    pk_number: int = 1
    registered_delivery: int = 0
    msg_level: int = 0
    fee_user_type: int = 2
    fee_terminal_id: str = ""
    tp_pid: int = 0
    fee_type: str = "01"
    fee_code: str = "000000"
    valid_time: str = ""
    at_time: str = ""
    reserve: bytes = field(default=b"\0" * 8)

    def encode(self) -> bytes:
        if not 1 <= len(self.dest_terminal_ids) <= 100:
            raise CmppError("DestUsr_tl must be 1..100")
        if len(self.msg_content) > 140:
            raise CmppError("Msg_Content longer than 140 octets")
        return b"".join(
            [
                struct.pack(">QBBBB", self.msg_id, self.pk_total, self.pk_number,
                            self.registered_delivery, self.msg_level),
                _octets(self.service_id, 10),
                bytes([self.fee_user_type]),
                _octets(self.fee_terminal_id, 21),
                bytes([self.tp_pid, self.tp_udhi, self.msg_fmt]),
                _octets(self.msg_src, 6),
                _octets(self.fee_type, 2),
                _octets(self.fee_code, 6),
                _octets(self.valid_time, 17),
                _octets(self.at_time, 17),
                _octets(self.src_id, 21),
                bytes([len(self.dest_terminal_ids)]),
                *(_octets(d, 21) for d in self.dest_terminal_ids),
                bytes([len(self.msg_content)]),
                self.msg_content,
                _octets(self.reserve, 8),
            ]
        )

    @classmethod
    def decode(cls, body: bytes) -> Submit:
        try:
            msg_id, pk_total, pk_number, reg, level = struct.unpack_from(">QBBBB", body, 0)
            at = 12
            service_id = _text(body[at : at + 10]); at += 10  # noqa: E702
            fee_user_type = body[at]; at += 1  # noqa: E702
            fee_terminal = _text(body[at : at + 21]); at += 21  # noqa: E702
            tp_pid, tp_udhi, msg_fmt = body[at : at + 3]; at += 3  # noqa: E702
            msg_src = _text(body[at : at + 6]); at += 6  # noqa: E702
            fee_type = _text(body[at : at + 2]); at += 2  # noqa: E702
            fee_code = _text(body[at : at + 6]); at += 6  # noqa: E702
            valid = _text(body[at : at + 17]); at += 17  # noqa: E702
            at_time = _text(body[at : at + 17]); at += 17  # noqa: E702
            src_id = _text(body[at : at + 21]); at += 21  # noqa: E702
            count = body[at]; at += 1  # noqa: E702
            dests = tuple(_text(body[at + 21 * i : at + 21 * (i + 1)]) for i in range(count))
            at += 21 * count
            length = body[at]; at += 1  # noqa: E702
            content = body[at : at + length]; at += length  # noqa: E702
            reserve = body[at : at + 8]; at += 8  # noqa: E702
        except (IndexError, struct.error, UnicodeDecodeError) as exc:
            raise CmppError(f"truncated CMPP_SUBMIT: {exc}") from None
        if at != len(body) or len(content) != length or len(reserve) != 8:
            raise CmppError("CMPP_SUBMIT lengths do not add up")
        return cls(dests, content, msg_src, src_id, service_id, tp_udhi, msg_fmt, msg_id, pk_total,
                   pk_number, reg, level, fee_user_type, fee_terminal, tp_pid, fee_type, fee_code,
                   valid, at_time, reserve)


@dataclass(frozen=True)
class SubmitResp:
    msg_id: int
    result: int

    def encode(self) -> bytes:
        return struct.pack(">QB", self.msg_id, self.result)

    @classmethod
    def decode(cls, body: bytes) -> SubmitResp:
        if len(body) != 9:
            raise CmppError("CMPP_SUBMIT_RESP (2.0) body is 9 octets")
        return cls(*struct.unpack(">QB", body))


def read_pdu(sock_file: object) -> bytes:
    """One whole PDU from a binary stream with ``read`` (a socket's ``makefile('rb')``)."""
    read = sock_file.read  # type: ignore[attr-defined]
    head = read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError("connection closed")
    length = struct.unpack(">I", head[:4])[0]
    if not HEADER.size <= length <= 4096:
        raise CmppError(f"implausible Total_Length {length}")
    body = read(length - HEADER.size)
    if len(body) != length - HEADER.size:
        raise EOFError("connection closed inside a PDU")
    return head + body
