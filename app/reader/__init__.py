"""PC/SC readers, the in-process reader, T=0 response chaining, APDU trace and hot-plug events.

The only package that imports pyscard (``smartcard``).
"""

from __future__ import annotations

from app.reader.chaining import ResponseChaining
from app.reader.errors import (
    CardRemovedError,
    ExtendedLengthError,
    NoCardError,
    NoPcscServiceError,
    NoReaderError,
    ReaderError,
    ReaderRemovedError,
    ReaderTimeoutError,
    ResponseChainingError,
    SharingViolationError,
)
from app.reader.inprocess import InProcessReader
from app.reader.monitor import CardInserted, CardRemoved, ReaderAdded, ReaderEvent, ReaderMonitor, ReaderRemoved
from app.reader.pcsc import PcscReader, choose_reader, list_readers, reader_status
from app.reader.trace import ApduTrace, Direction, TraceEntry, TracingTransport

__all__ = [
    "ApduTrace", "CardInserted", "CardRemoved", "CardRemovedError", "Direction",
    "ExtendedLengthError", "InProcessReader", "NoCardError", "NoPcscServiceError",
    "NoReaderError", "PcscReader", "ReaderAdded", "ReaderError", "ReaderEvent", "ReaderMonitor",
    "ReaderRemoved", "ReaderRemovedError", "ReaderTimeoutError", "ResponseChaining",
    "ResponseChainingError", "SharingViolationError", "TraceEntry", "TracingTransport",
    "choose_reader", "list_readers", "reader_status",
]
