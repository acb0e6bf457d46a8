"""The PUSH message of seed §5.8.5.3 and the wallet client's pull schemas.

Shared by the platform (which builds the SMS and answers the pull) and the wallet agent
(``app/wallet.py``, which parses the SMS and pulls), like ``ota/protocol.py`` for the counter.

The SMS is 8-bit binary user data with a User Data Header (TP-UDHI = 1)::

    UDHL  IEI  IEL  DA port  SRC port | SEID-L SEID | push serial
    06    05   04   XXXX     XXXX     | 1 byte  L   | 16 bytes

IEI 05 is "application port addressing, 16 bit address" (3GPP TS 23.040 §9.2.3.24.4): the
handset hands the message to the application registered on the destination port, here the
wallet client.  The seed fixes the fields, not their widths after the UDH: the SEID carries a
length byte because SEIDs vary by vendor, and the push serial is 16 random bytes, which makes it
unique and unguessable; the platform treats it as the capability to pull that one task item.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ota.protocol import CardIdentity, Hex, OperationView

IEI_PORT_16 = 0x05
"""TS 23.040 §9.2.3.24: Information Element Identifier of 16-bit application port addressing."""
PUSH_SERIAL_LEN = 16
WALLET_PORT = 0x2CF0
"""The destination port the demo wallet client registers (any agreed port works)."""
PLATFORM_PORT = 0x2CF1
MAX_SMS_OCTETS = 140


class PushSmsError(ValueError):
    """A message that is not a well-formed PUSH SMS (wrong header, lengths, serial)."""


@dataclass(frozen=True)
class PushSms:
    dest_port: int
    src_port: int
    seid: bytes
    serial: bytes

    @property
    def serial_hex(self) -> str:
        return self.serial.hex().upper()


def encode_push(sms: PushSms) -> bytes:
    """The TP-UD octets (UDH + body) of a PUSH SMS."""
    if len(sms.serial) != PUSH_SERIAL_LEN:
        raise PushSmsError(f"push serial must be {PUSH_SERIAL_LEN} bytes")
    if not 1 <= len(sms.seid) <= 32:
        raise PushSmsError("SEID must be 1..32 bytes")
    udh = bytes([0x06, IEI_PORT_16, 0x04]) + struct.pack(">HH", sms.dest_port, sms.src_port)
    data = udh + bytes([len(sms.seid)]) + sms.seid + sms.serial
    if len(data) > MAX_SMS_OCTETS:
        raise PushSmsError("PUSH SMS longer than one message")
    return data


def decode_push(data: bytes) -> PushSms:
    """Parse TP-UD octets; raises :class:`PushSmsError` for anything but the §5.8.5.3 layout."""
    if len(data) < 8 or data[0] != 0x06 or data[1] != IEI_PORT_16 or data[2] != 0x04:
        raise PushSmsError("not a 16-bit port-addressed message (UDH 06 05 04 expected)")
    dest_port, src_port = struct.unpack(">HH", data[3:7])
    body = data[7:]
    seid_len = body[0]
    if seid_len == 0 or len(body) != 1 + seid_len + PUSH_SERIAL_LEN:
        raise PushSmsError("PUSH body length does not match SEID length + serial")
    return PushSms(dest_port, src_port, body[1 : 1 + seid_len], body[1 + seid_len :])


# --- the wallet client's pull (HTTPS + JSON under /api/v1/push) ------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


PushSerial = Field(pattern=r"^[0-9A-Fa-f]{32}$", repr=False)


class PullRequest(_Model):
    """The wallet client asks for the work behind a push serial, naming the SE it reads."""

    push_serial: str = PushSerial
    card: CardIdentity


class PushWork(_Model):
    """What the platform answers a pull.

    ``running``: relay ``operation`` (post steps to ``/push/steps/{n}``), then pull again;
    ``waiting``: the SE is busy with other work, pull again after ``retry_after_s``;
    ``done`` / ``failed`` / ``cancelled``: nothing more to do for this serial.
    """

    state: Literal["running", "waiting", "done", "failed", "cancelled"]
    operation: OperationView | None = None
    step_index: int = 0
    steps: int = 0
    retry_after_s: float = 0.0
    reason: str | None = None
    seid: Hex = ""
