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
