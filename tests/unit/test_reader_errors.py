from __future__ import annotations

import pytest
from smartcard.Exceptions import (
    CardConnectionException,
    CardRequestTimeoutException,
    ListReadersException,
    NoCardException,
    NoReadersException,
)
from smartcard.pcsc.PCSCExceptions import EstablishContextException
from smartcard.pcsc.PCSCExceptions import ListReadersException as ScardListReadersException

from app.reader import errors as e
from app.reader.pcsc import _map_pcsc_error, error_for_hresult


@pytest.mark.parametrize(("hresult", "cls", "code"), [
    (0x8010001D, e.NoPcscServiceError, "reader.no_service"),
    (0x8010001E, e.NoPcscServiceError, "reader.no_service"),
    (0x80100009, e.NoReaderError, "reader.none"),
    (0x8010002E, e.NoReaderError, "reader.none"),
    (0x80100017, e.ReaderRemovedError, "reader.reader_removed"),
    (0x8010000C, e.NoCardError, "reader.no_card"),
    (0x80100069, e.CardRemovedError, "reader.card_removed"),
    (0x80100068, e.CardRemovedError, "reader.card_removed"),
    (0x8010000B, e.SharingViolationError, "reader.sharing_violation"),
    (0x8010000A, e.ReaderTimeoutError, "reader.timeout"),
    (0x80100001, e.ReaderError, "reader.error"),
])
def test_hresult_table(hresult: int, cls: type, code: str) -> None:
    error = error_for_hresult(hresult, "transmit")
    assert type(error) is cls
    assert error.code == code
    assert error.hresult == hresult
    assert f"0x{hresult:08X}" in str(error)


def test_negative_hresult_is_normalised() -> None:
    error = error_for_hresult(0x8010001D - (1 << 32))
    assert isinstance(error, e.NoPcscServiceError)
    assert error.hresult == 0x8010001D


@pytest.mark.parametrize(("exc", "cls"), [
    (CardConnectionException("Card was removed", hresult=0x80100069), e.CardRemovedError),
    (CardConnectionException("Sharing violation", hresult=0x8010000B), e.SharingViolationError),
    (CardConnectionException("no service", hresult=0x8010001D), e.NoPcscServiceError),
    (NoCardException("Unable to connect", 0x8010000C), e.NoCardError),
    (NoCardException("Unable to connect", -1), e.NoCardError),
    (ListReadersException(0x8010001E), e.NoPcscServiceError),
    (NoReadersException(), e.NoReaderError),
    (CardRequestTimeoutException(), e.ReaderTimeoutError),
    (EstablishContextException(0x8010001D), e.NoPcscServiceError),
    (EstablishContextException(0x80100001), e.NoPcscServiceError),
    (ScardListReadersException(0x80100017), e.ReaderRemovedError),
    (CardConnectionException("odd", hresult=0x80100001), e.ReaderError),
])
def test_both_pyscard_exception_families_map(exc: Exception, cls: type) -> None:
    mapped = _map_pcsc_error(exc)
    assert type(mapped) is cls
    assert isinstance(mapped, e.ReaderError)


def test_reader_errors_pass_through_mapping() -> None:
    original = e.NoCardError("empty")
    assert _map_pcsc_error(original) is original


def test_unrelated_exception_becomes_generic_reader_error() -> None:
    mapped = _map_pcsc_error(RuntimeError("boom"))
    assert type(mapped) is e.ReaderError and mapped.code == "reader.error"


def test_codes_are_unique() -> None:
    classes = [c for c in vars(e).values() if isinstance(c, type) and issubclass(c, e.ReaderError)]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)) >= 10


def _connected_reader(monkeypatch: pytest.MonkeyPatch, hresult: int, response: list[int]):
    from app.reader import pcsc

    monkeypatch.setattr(pcsc.scard, "SCardTransmit", lambda card, pci, apdu: (hresult, response))
    reader = pcsc.PcscReader("Fake Reader 00 00")
    reader._card = object()  # a handle that is never used: SCardTransmit is replaced
    reader._protocol = pcsc.scard.SCARD_PROTOCOL_T1
    return reader


def test_refused_extended_apdu_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _connected_reader(monkeypatch, 0x80100008, [])
    extended = bytes.fromhex("80E2800000") + (300).to_bytes(2, "big") + bytes(300)
    with pytest.raises(e.ExtendedLengthError) as info:
        reader.transmit(extended)
    assert info.value.code == "reader.extended_length" and "307 bytes" in str(info.value)


def test_same_refusal_on_a_short_apdu_is_a_generic_error(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _connected_reader(monkeypatch, 0x80100008, [])
    with pytest.raises(e.ReaderError) as info:
        reader.transmit(bytes.fromhex("80CA9F7F00"))
    assert type(info.value) is e.ReaderError


def test_empty_response_means_the_card_left(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _connected_reader(monkeypatch, 0, [])
    with pytest.raises(e.CardRemovedError):
        reader.transmit(bytes.fromhex("80CA9F7F00"))


def test_one_byte_response_has_no_status_word(monkeypatch: pytest.MonkeyPatch) -> None:
    reader = _connected_reader(monkeypatch, 0, [0x90])
    with pytest.raises(e.ReaderError, match="status word"):
        reader.transmit(bytes.fromhex("80CA9F7F00"))
