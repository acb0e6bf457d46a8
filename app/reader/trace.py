"""APDU trace for the engineer's pane and for incident reports.

Redaction happens when an entry is recorded, so secret data is never stored: the data field of
PUT KEY, of STORE DATA whose P1 says it is encrypted (GPC 2.2.1 §11.11.2.1, b6-b5), and of every
secure-messaging command while the session's security level includes C-DECRYPTION (taken from
the EXTERNAL AUTHENTICATE P1, GPC 2.2.1 §E.5.2.1) is shown as ``<n bytes redacted>``.
INITIALIZE UPDATE / EXTERNAL AUTHENTICATE cryptograms are not keys and are shown.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from ota.gp.apdu import CardTransport, CommandApdu
from ota.gp.errors import ApduFormatError

_NAMES = {
    0xA4: "SELECT", 0x50: "INITIALIZE UPDATE", 0x82: "EXTERNAL AUTHENTICATE", 0xCA: "GET DATA",
    0xCB: "GET DATA", 0xF2: "GET STATUS", 0xE6: "INSTALL", 0xE8: "LOAD", 0xE4: "DELETE",
    0xF0: "SET STATUS", 0xE2: "STORE DATA", 0xD8: "PUT KEY", 0xC0: "GET RESPONSE",
    0x70: "MANAGE CHANNEL", 0xB0: "READ BINARY", 0xB2: "READ RECORD", 0x20: "VERIFY",
}
INS_PUT_KEY, INS_STORE_DATA, INS_EXTERNAL_AUTHENTICATE = 0xD8, 0xE2, 0x82
INS_SELECT, INS_INITIALIZE_UPDATE = 0xA4, 0x50
STORE_DATA_ENCRYPTION_BITS = 0x60
SECURE_MESSAGING_BIT = 0x04
C_DECRYPTION = 0x02
MAX_ENTRIES = 20_000


def command_name(ins: int) -> str:
    try:
        from ota.gp.constants import Ins  # richer names when the GP layer has them

        return Ins(ins).name.replace("_", " ")
    except (ImportError, ValueError):
        return _NAMES.get(ins, f"INS {ins:02X}")


def sw_meaning(sw: int) -> str:
    try:
        from ota.gp.sw import describe

        return describe(sw)
    except ImportError:
        return "success" if sw == 0x9000 else ""


class Direction(StrEnum):
    COMMAND = ">>"
    RESPONSE = "<<"
    ERROR = "!!"


@dataclass(frozen=True)
class TraceEntry:
    """One line of the trace.  ``shown`` is the hex that may be displayed (redaction applied);
    ``size`` is the real length in bytes; ``redacted`` how many of them were withheld."""

    timestamp: float
    direction: Direction
    shown: str
    size: int
    redacted: int = 0
    duration_ms: float | None = None
    name: str = ""
    sw: int | None = None
    sw_meaning: str = ""

    def text(self) -> str:
        clock = datetime.fromtimestamp(self.timestamp).strftime("%H:%M:%S.%f")[:-3]
        line = f"{clock} {self.direction.value} {self.shown}"
        if self.duration_ms is not None:
            line += f" ({self.duration_ms:.0f} ms)"
        note = self.name if self.direction is not Direction.RESPONSE else self.sw_meaning
        return f"{line}  # {note}" if note else line

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["direction"] = self.direction.value
        return out


class Channel:
    """What the trace knows of one card connection's secure channel.

    One per :class:`TracingTransport`: a trace shared by several readers must not let a SELECT
    on one card switch off the redaction of another card's encrypted session.
    """

    def __init__(self) -> None:
        self.c_decryption = False


class ApduTrace:
    """A bounded, thread-safe list of trace entries."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: deque[TraceEntry] = deque(maxlen=max_entries)
        self._lock = threading.Lock()
        self._channel = Channel()  # for callers that record without a transport of their own

    @property
    def entries(self) -> list[TraceEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._channel.c_decryption = False

    def record_command(self, apdu: bytes, channel: Channel | None = None) -> TraceEntry:
        shown, redacted = self._render_command(apdu, channel or self._channel)
        name = command_name(apdu[1]) if len(apdu) > 1 else "?"
        return self._add(TraceEntry(time.time(), Direction.COMMAND, shown, len(apdu), redacted,
                                    name=name))

    def record_response(self, response: bytes, duration_ms: float, command: bytes = b"",
                        channel: Channel | None = None) -> TraceEntry:
        sw = int.from_bytes(response[-2:], "big") if len(response) >= 2 else None
        _follow_session(channel or self._channel, command, sw)
        body, status = response[:-2], response[-2:]
        shown = f"{body.hex().upper()} {status.hex().upper()}".strip()
        return self._add(TraceEntry(time.time(), Direction.RESPONSE, shown, len(response),
                                    duration_ms=round(duration_ms, 3), sw=sw,
                                    sw_meaning=sw_meaning(sw) if sw is not None else ""))

    def record_error(self, error: BaseException, duration_ms: float) -> TraceEntry:
        code = getattr(error, "code", type(error).__name__)
        return self._add(TraceEntry(time.time(), Direction.ERROR, str(code), 0,
                                    duration_ms=round(duration_ms, 3), name=str(error)))

    def export(self, path: str | Path) -> None:
        """Write the trace as text, one GPPro-style line per entry."""
        lines = [entry.text() for entry in self.entries]
        Path(path).write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")

    def to_json(self) -> str:
        return json.dumps([entry.to_dict() for entry in self.entries], indent=1)

    def _add(self, entry: TraceEntry) -> TraceEntry:
        with self._lock:
            self._entries.append(entry)
        return entry

    @staticmethod
    def _secret_data(command: CommandApdu, channel: Channel) -> bool:
        if command.ins == INS_PUT_KEY:
            return True
        if command.ins == INS_STORE_DATA and command.p1 & STORE_DATA_ENCRYPTION_BITS:
            return True
        return bool(command.cla & SECURE_MESSAGING_BIT) and channel.c_decryption \
            and command.ins != INS_EXTERNAL_AUTHENTICATE

    def _render_command(self, apdu: bytes, channel: Channel) -> tuple[str, int]:
        try:
            command = CommandApdu.parse(apdu)
        except ApduFormatError:
            # Unparseable: cannot tell data from header, so show only the header.
            return f"{apdu[:4].hex().upper()} <{max(len(apdu) - 4, 0)} bytes unparsed>", 0
        parts = [command.header.hex().upper()]
        redacted = 0
        if command.data:
            n = len(command.data)
            parts.append(f"{n:02X}" if not command.is_extended else f"00{n:04X}")
            if self._secret_data(command, channel):
                parts.append(f"<{n} bytes redacted>")
                redacted = n
            else:
                parts.append(command.data.hex().upper())
        if command.le is not None:
            width = 4 if command.is_extended else 2
            parts.append(f"{command.le % (1 << (4 * width)):0{width}X}")
        return " ".join(parts), redacted



def _follow_session(channel: Channel, command: bytes, sw: int | None) -> None:
    """Track whether the secure channel encrypts command data."""
    if len(command) < 4:
        return
    ins, p1 = command[1], command[2]
    if ins in (INS_INITIALIZE_UPDATE, INS_SELECT):
        channel.c_decryption = False
    elif ins == INS_EXTERNAL_AUTHENTICATE and sw == 0x9000:
        channel.c_decryption = bool(p1 & C_DECRYPTION)


class TracingTransport:
    """A :class:`CardTransport` that records every exchange in an :class:`ApduTrace`."""

    def __init__(self, transport: CardTransport, trace: ApduTrace) -> None:
        self.transport = transport
        self.trace = trace
        self.channel = Channel()

    def transmit(self, apdu: bytes) -> bytes:
        self.trace.record_command(apdu, self.channel)
        started = time.perf_counter()
        try:
            response = self.transport.transmit(apdu)
        except Exception as exc:
            self.trace.record_error(exc, (time.perf_counter() - started) * 1000)
            raise
        self.trace.record_response(response, (time.perf_counter() - started) * 1000, apdu, self.channel)
        return response
