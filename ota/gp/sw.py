"""Status words of ISO/IEC 7816-4 §5.1.3 and GP Card Specification 2.2.1 §11.1.3 (Table 11-10)."""

from __future__ import annotations

from enum import IntEnum


class SW(IntEnum):
    OK = 0x9000
    # 62xx / 63xx warnings
    NO_INFORMATION_GIVEN = 0x6200
    PART_OF_DATA_CORRUPTED = 0x6281
    END_OF_FILE_REACHED = 0x6282
    SELECTED_FILE_INVALIDATED = 0x6283
    FCI_NOT_FORMATTED = 0x6284
    AUTHENTICATION_FAILED = 0x6300
    MORE_DATA_AVAILABLE = 0x6310
    # 64xx / 65xx execution errors
    EXECUTION_ERROR = 0x6400
    MEMORY_FAILURE = 0x6581
    # 67xx .. 6Fxx checking errors
    WRONG_LENGTH = 0x6700
    LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881
    SECURE_MESSAGING_NOT_SUPPORTED = 0x6882
    LAST_COMMAND_EXPECTED = 0x6883
    COMMAND_CHAINING_NOT_SUPPORTED = 0x6884
    COMMAND_NOT_ALLOWED = 0x6900
    COMMAND_INCOMPATIBLE_WITH_FILE = 0x6981
    SECURITY_STATUS_NOT_SATISFIED = 0x6982
    AUTH_METHOD_BLOCKED = 0x6983
    REFERENCED_DATA_INVALIDATED = 0x6984
    CONDITIONS_NOT_SATISFIED = 0x6985
    COMMAND_NOT_ALLOWED_NO_EF = 0x6986
    SM_DATA_OBJECTS_MISSING = 0x6987
    SM_DATA_OBJECTS_INCORRECT = 0x6988
    WRONG_PARAMETERS = 0x6A00
    WRONG_DATA = 0x6A80
    FUNC_NOT_SUPPORTED = 0x6A81
    FILE_NOT_FOUND = 0x6A82
    RECORD_NOT_FOUND = 0x6A83
    NOT_ENOUGH_MEMORY = 0x6A84
    LC_INCONSISTENT_WITH_TLV = 0x6A85
    INCORRECT_P1P2 = 0x6A86
    LC_INCONSISTENT_WITH_P1P2 = 0x6A87
    REFERENCED_DATA_NOT_FOUND = 0x6A88
    FILE_ALREADY_EXISTS = 0x6A89
    DF_NAME_ALREADY_EXISTS = 0x6A8A
    WRONG_P1P2 = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    NO_PRECISE_DIAGNOSIS = 0x6F00
    # GP 2.2.1 §11 specific
    ALGORITHM_NOT_SUPPORTED = 0x9484
    INVALID_KEY_CHECK_VALUE = 0x9485


_MEANINGS: dict[int, str] = {
    0x9000: "success",
    0x6200: "warning: no information given",
    0x6281: "warning: part of returned data may be corrupted",
    0x6282: "warning: end of file reached before reading Le bytes",
    0x6283: "warning: selected file invalidated (application or card locked)",
    0x6284: "warning: FCI not formatted according to ISO 7816-4",
    0x6300: "authentication of host cryptogram failed",
    0x6310: "more data available",
    0x6400: "execution error, state of non-volatile memory unchanged",
    0x6581: "memory failure",
    0x6700: "wrong length",
    0x6881: "logical channel not supported or not active",
    0x6882: "secure messaging not supported",
    0x6883: "last command of the chain expected",
    0x6884: "command chaining not supported",
    0x6900: "command not allowed",
    0x6981: "command incompatible with file structure",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked",
    0x6984: "referenced data invalidated",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current EF)",
    0x6987: "expected secure messaging data objects missing",
    0x6988: "incorrect secure messaging data objects",
    0x6A00: "wrong parameters P1-P2",
    0x6A80: "incorrect values in command data",
    0x6A81: "function not supported",
    0x6A82: "application or file not found",
    0x6A83: "record not found",
    0x6A84: "not enough memory space",
    0x6A85: "Lc inconsistent with TLV structure",
    0x6A86: "incorrect P1 P2",
    0x6A87: "Lc inconsistent with P1-P2",
    0x6A88: "referenced data not found",
    0x6A89: "file already exists",
    0x6A8A: "DF name already exists",
    0x6B00: "wrong parameters P1-P2",
    0x6D00: "instruction not supported or invalid",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
    0x9484: "algorithm not supported",
    0x9485: "invalid key check value",
}


def describe(sw: int) -> str:
    """English meaning of a status word, including the ranges 61xx, 6Cxx and 63Cx."""
    if sw in _MEANINGS:
        return _MEANINGS[sw]
    sw1, sw2 = sw >> 8, sw & 0xFF
    if sw1 == 0x61:
        return f"{sw2 or 256} bytes available (GET RESPONSE)"
    if sw1 == 0x6C:
        return f"wrong Le, {sw2 or 256} expected"
    if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
        return f"verification failed, {sw2 & 0x0F} tries left"
    if sw1 == 0x62:
        return "warning: state of non-volatile memory unchanged"
    if sw1 == 0x63:
        return "warning: state of non-volatile memory changed"
    if sw1 == 0x64:
        return "execution error, state of non-volatile memory unchanged"
    if sw1 == 0x65:
        return "execution error, state of non-volatile memory changed"
    if sw1 in (0x68, 0x69, 0x6A):
        return "checking error"
    return "unknown status word"


def is_success(sw: int) -> bool:
    """9000 and the 61xx 'more data' family are successful completions."""
    return sw == SW.OK or sw >> 8 == 0x61
