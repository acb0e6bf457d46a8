from __future__ import annotations

import pytest

from ota.gp.errors import ApduError
from ota.gp.sw import SW, describe, is_success


@pytest.mark.parametrize(
    ("sw", "text"),
    [
        (0x9000, "success"),
        (0x6982, "security status not satisfied"),
        (0x6A82, "application or file not found"),
        (0x6A84, "not enough memory space"),
        (0x6283, "selected file invalidated"),
        (0x6310, "more data available"),
        (0x6110, "16 bytes available"),
        (0x6100, "256 bytes available"),
        (0x6C20, "wrong Le, 32 expected"),
        (0x63C2, "2 tries left"),
        (0x9485, "invalid key check value"),
        (0x1234, "unknown status word"),
    ],
)
def test_describe(sw: int, text: str) -> None:
    assert text in describe(sw)


def test_contract_names_have_contract_values() -> None:
    assert SW.OK == 0x9000
    assert SW.WRONG_LENGTH == 0x6700
    assert SW.SECURITY_STATUS_NOT_SATISFIED == 0x6982
    assert SW.AUTH_METHOD_BLOCKED == 0x6983
    assert SW.CONDITIONS_NOT_SATISFIED == 0x6985
    assert SW.WRONG_DATA == 0x6A80
    assert SW.FUNC_NOT_SUPPORTED == 0x6A81
    assert SW.FILE_NOT_FOUND == 0x6A82
    assert SW.NOT_ENOUGH_MEMORY == 0x6A84
    assert SW.INCORRECT_P1P2 == 0x6A86
    assert SW.REFERENCED_DATA_NOT_FOUND == 0x6A88
    assert SW.INS_NOT_SUPPORTED == 0x6D00
    assert SW.CLA_NOT_SUPPORTED == 0x6E00
    assert SW.MORE_DATA_AVAILABLE == 0x6310
    assert SW.SELECTED_FILE_INVALIDATED == 0x6283


def test_every_named_sw_has_a_meaning() -> None:
    for sw in SW:
        assert describe(sw) != "unknown status word", sw.name


def test_is_success() -> None:
    assert is_success(0x9000) and is_success(0x6105)
    assert not is_success(0x6A82) and not is_success(0x6310)


def test_apdu_error_message_carries_sw_and_meaning() -> None:
    err = ApduError(0x6A84, command="LOAD")
    assert err.code == "gp.status_word"
    assert str(err) == "LOAD: SW 6A84 (not enough memory space)"
