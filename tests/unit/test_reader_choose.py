from __future__ import annotations

import pytest

from app.reader import NoReaderError, choose_reader

NAMES = ["Yubico YubiKey OTP+FIDO+CCID 00 00", "ACS ACR39U ICC Reader 00 00", "Virtual PCD 00 00"]


def test_first_reader_without_preference() -> None:
    assert choose_reader(NAMES) == NAMES[0]


def test_preferred_substring_case_insensitive() -> None:
    assert choose_reader(NAMES, preferred="acr39") == NAMES[1]
    assert choose_reader(NAMES, preferred="VIRTUAL") == NAMES[2]


def test_ignore_list_wins_over_preference() -> None:
    with pytest.raises(NoReaderError):
        choose_reader(NAMES, preferred="yubikey", ignore=["YubiKey"])


def test_ignore_list_skips_readers() -> None:
    assert choose_reader(NAMES, ignore=["yubico", "acs"]) == NAMES[2]


def test_empty_ignore_words_ignore_nothing() -> None:
    assert choose_reader(NAMES, ignore=[""]) == NAMES[0]


def test_no_reader_at_all() -> None:
    with pytest.raises(NoReaderError) as info:
        choose_reader([])
    assert info.value.code == "reader.none"


def test_preference_not_found() -> None:
    with pytest.raises(NoReaderError, match="omnikey"):
        choose_reader(NAMES, preferred="omnikey")
