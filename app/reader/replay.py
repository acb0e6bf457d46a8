"""Replay card: a card that answers from a recorded APDU trace file, so field traces become tests.

A trace file is JSON (``FORMAT``): the ATR, the protocol, a free-text note (where and when it
was recorded), and the exchanges in order, each a command and the response exactly as the card
sent it (data + SW), in hex.  :class:`RecordingTransport` writes one from any transport (a
PC/SC reader at a business hall, a virtual SE); :class:`ReplayCard` plays it back behind
``transmit(apdu) -> bytes``, so it fits :class:`app.reader.InProcessReader` like any card.

Replay is strict: the n-th command must be the n-th recorded command, byte for byte, else
:class:`ReplayMismatchError` says where the session left the recording.  A platform session
only repeats byte for byte when its random host challenges do too: ``host_challenges()`` hands
them out in recorded order for the test to feed to the platform.

Recorded traces hold what crossed the wire and nothing more: a GP card never receives a key in
clear (PUT KEY blocks are encrypted), and no session key is ever sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.reader.errors import ReaderError
from ota.gp.apdu import CardTransport

FORMAT = "hallterm-apdu-trace/1"
INS_INITIALIZE_UPDATE = 0x50


class ReplayMismatchError(ReaderError):
    """The session sent a command the recording does not have at this point."""

    code = "reader.replay_mismatch"


class TraceFileError(ReaderError):
    """A trace file that cannot be read as one."""

    code = "reader.trace_file"


@dataclass(frozen=True)
class Exchange:
    command: bytes
    response: bytes


@dataclass
class TraceFile:
    atr: bytes
    exchanges: list[Exchange] = field(default_factory=list)
    protocol: str = "T=1"
    note: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "atr": self.atr.hex().upper(),
                "protocol": self.protocol,
                "note": self.note,
                "exchanges": [
                    {"c": e.command.hex().upper(), "r": e.response.hex().upper()} for e in self.exchanges
                ],
            },
            indent=1,
        )

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, text: str) -> TraceFile:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}")
            exchanges = [Exchange(bytes.fromhex(e["c"]), bytes.fromhex(e["r"])) for e in raw["exchanges"]]
            trace = cls(bytes.fromhex(raw.get("atr", "")), exchanges, str(raw.get("protocol", "T=1")),
                        str(raw.get("note", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise TraceFileError(f"not a {FORMAT} trace file: {type(exc).__name__}: {exc}") from None
        if any(len(e.command) < 4 or len(e.response) < 2 for e in trace.exchanges):
            raise TraceFileError("a recorded command is shorter than a header or a response than a SW")
        return trace

    @classmethod
    def load(cls, path: str | Path) -> TraceFile:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise TraceFileError(f"cannot read trace file {path}: {exc.strerror}") from None
        return cls.from_json(text)


class RecordingTransport:
    """Passes APDUs through and keeps every exchange for a :class:`TraceFile`."""

    def __init__(self, transport: CardTransport, atr: bytes, protocol: str = "T=1", note: str = "") -> None:
        self.transport = transport
        self.trace = TraceFile(bytes(atr), [], protocol, note)

    @property
    def atr(self) -> bytes:
        return self.trace.atr

    def transmit(self, apdu: bytes) -> bytes:
        response = self.transport.transmit(apdu)
        self.trace.exchanges.append(Exchange(bytes(apdu), bytes(response)))
        return response


class ReplayCard:
    """A card that answers from a :class:`TraceFile`, strictly in order."""

    def __init__(self, trace: TraceFile) -> None:
        self.trace = trace
        self.atr = trace.atr
        self.position = 0

    @classmethod
    def load(cls, path: str | Path) -> ReplayCard:
        return cls(TraceFile.load(path))

    @property
    def finished(self) -> bool:
        """Every recorded exchange was replayed."""
        return self.position == len(self.trace.exchanges)

    def transmit(self, apdu: bytes) -> bytes:
        apdu = bytes(apdu)
        if self.position >= len(self.trace.exchanges):
            raise ReplayMismatchError(
                f"command {self.position + 1} ({apdu[:4].hex().upper()}...) is beyond the "
                f"{len(self.trace.exchanges)} recorded exchanges"
            )
        expected = self.trace.exchanges[self.position]
        if apdu != expected.command:
            raise ReplayMismatchError(
                f"command {self.position + 1} differs from the recording: sent {apdu.hex().upper()}, "
                f"recorded {expected.command.hex().upper()}"
            )
        self.position += 1
        return expected.response

    def host_challenges(self) -> Iterator[bytes]:
        """The data of each recorded INITIALIZE UPDATE, in order: the host challenges to reuse."""
        for exchange in self.trace.exchanges:
            command = exchange.command
            if len(command) > 5 and command[0] & 0x80 and command[1] == INS_INITIALIZE_UPDATE:
                yield command[5 : 5 + command[4]]
