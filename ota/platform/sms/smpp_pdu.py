"""The few SMPP v3.4 PDUs the gateway simulator speaks, as pure functions (SMPP v3.4 §4).

The platform's SMPP binding itself uses smpplib (``gateway.SmppGateway``); this independent
codec lets the simulator check each submit_sm byte for byte (decode, re-encode, compare) instead
of trusting the library that produced it.  Header (§3.2): command_length, command_id,
command_status, sequence_number, four big-endian 32-bit integers.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import IO

BIND_TRANSMITTER = 0x00000002
BIND_TRANSCEIVER = 0x00000009
SUBMIT_SM = 0x00000004
UNBIND = 0x00000006
ENQUIRE_LINK = 0x00000015
GENERIC_NACK = 0x80000000
RESP = 0x80000000
"""A response's command_id is the request's with the top bit set (§5.1.2.1)."""

ESME_ROK = 0x00000000
ESME_RINVCMDID = 0x00000003
ESME_RBINDFAIL = 0x0000000D
ESME_RINVPASWD = 0x0000000E
ESME_RSUBMITFAIL = 0x00000045

ESM_CLASS_UDHI = 0x40
"""§5.2.12: bit 6, the short message begins with a User Data Header."""
DATA_CODING_BINARY = 0x04
"""§5.2.19: 8-bit binary."""

_HEADER = struct.Struct(">IIII")
MAX_PDU = 64 * 1024


class SmppError(Exception):
    pass


def pdu(command: int, sequence: int, body: bytes = b"", status: int = ESME_ROK) -> bytes:
    return _HEADER.pack(_HEADER.size + len(body), command, status, sequence) + body


def read_pdu(stream: IO[bytes] | io.BufferedIOBase) -> tuple[int, int, int, bytes]:
    """(command_id, command_status, sequence_number, body) of the next PDU; EOFError at the end."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("SMPP link closed")
    length, command, status, sequence = _HEADER.unpack(header)
    if not _HEADER.size <= length <= MAX_PDU:
        raise SmppError(f"command_length {length} out of range")
    body = stream.read(length - _HEADER.size)
    if len(body) < length - _HEADER.size:
        raise EOFError("SMPP link closed inside a PDU")
    return command, status, sequence, body


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def c_string(self, limit: int) -> str:
        end = self.data.find(b"\0", self.at)
        if end < 0 or end - self.at >= limit:
            raise SmppError(f"C-Octet String at {self.at} unterminated or longer than {limit - 1}")
        text = self.data[self.at:end].decode("ascii")
        self.at = end + 1
        return text

    def octet(self) -> int:
        if self.at >= len(self.data):
            raise SmppError("PDU body ends early")
        self.at += 1
        return self.data[self.at - 1]

    def octets(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise SmppError("PDU body ends early")
        self.at += n
        return self.data[self.at - n:self.at]


def _c(text: str) -> bytes:
    return text.encode("ascii") + b"\0"


@dataclass(frozen=True)
class Bind:
    """bind_transmitter / bind_transceiver (§4.1.1): the fields the simulator checks."""

    system_id: str
    password: str
    system_type: str
    interface_version: int
    addr_ton: int
    addr_npi: int
    address_range: str

    @classmethod
    def decode(cls, body: bytes) -> Bind:
        r = _Reader(body)
        return cls(r.c_string(16), r.c_string(9), r.c_string(13), r.octet(), r.octet(), r.octet(), r.c_string(41))


@dataclass(frozen=True)
class SubmitSm:
    """submit_sm (§4.4.1), mandatory fields in order, then the optional TLVs kept as octets."""

    service_type: str
    source_addr_ton: int
    source_addr_npi: int
    source_addr: str
    dest_addr_ton: int
    dest_addr_npi: int
    destination_addr: str
    esm_class: int
    protocol_id: int
    priority_flag: int
    schedule_delivery_time: str
    validity_period: str
    registered_delivery: int
    replace_if_present_flag: int
    data_coding: int
    sm_default_msg_id: int
    short_message: bytes
    tlvs: bytes = b""

    @classmethod
    def decode(cls, body: bytes) -> SubmitSm:
        r = _Reader(body)
        head = (r.c_string(6), r.octet(), r.octet(), r.c_string(21), r.octet(), r.octet(), r.c_string(21),
                r.octet(), r.octet(), r.octet(), r.c_string(17), r.c_string(17), r.octet(), r.octet(),
                r.octet(), r.octet())
        message = r.octets(r.octet())
        return cls(*head, short_message=message, tlvs=body[r.at:])  # type: ignore[arg-type]

    def encode(self) -> bytes:
        return b"".join((
            _c(self.service_type), bytes((self.source_addr_ton, self.source_addr_npi)), _c(self.source_addr),
            bytes((self.dest_addr_ton, self.dest_addr_npi)), _c(self.destination_addr),
            bytes((self.esm_class, self.protocol_id, self.priority_flag)),
            _c(self.schedule_delivery_time), _c(self.validity_period),
            bytes((self.registered_delivery, self.replace_if_present_flag, self.data_coding,
                   self.sm_default_msg_id, len(self.short_message))),
            self.short_message, self.tlvs,
        ))


def submit_sm_resp(message_id: str) -> bytes:
    return _c(message_id)


def bind_resp(system_id: str) -> bytes:
    return _c(system_id)
