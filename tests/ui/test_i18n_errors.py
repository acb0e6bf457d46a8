"""Translations are complete and compiled; every error code has words in both languages."""

from __future__ import annotations

import inspect
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui import errors, i18n

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ts_files_are_complete(lang: str) -> None:
    root = ET.parse(I18N / f"hallterm_{lang}.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_zh_translations_are_chinese() -> None:
    root = ET.parse(I18N / "hallterm_zh_CN.ts").getroot()
    latin_only = {"AID", "ATR", "SEID", "TLS (HTTPS)"}
    for message in root.iter("message"):
        source, text = message.findtext("source"), message.findtext("translation")
        assert text.count("%") == source.count("%"), source  # placeholders survive
        if source not in latin_only and not re.search(r"[\u4e00-\u9fff]", text):
            pytest.fail(f"no Chinese in the translation of {source!r}: {text!r}")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_committed_qm_matches_its_ts(lang: str, tmp_path: Path) -> None:
    out = tmp_path / "x.qm"
    subprocess.run([str(LRELEASE), "-silent", str(I18N / f"hallterm_{lang}.ts"), "-qm", str(out)], check=True)
    assert out.read_bytes() == (I18N / f"hallterm_{lang}.qm").read_bytes(), "run lrelease after editing the .ts"


def test_translator_switches_language(gui) -> None:
    from PySide6.QtCore import QCoreApplication

    assert i18n.translators.apply("zh_CN") == "zh_CN"
    assert QCoreApplication.translate("Services", "Query") == "查询"
    assert i18n.translators.apply("en") == "en"
    assert QCoreApplication.translate("Services", "Query") == "Query"
    assert i18n.translators.apply("klingon") == "zh_CN"  # unknown language: the default


def test_qt_own_dialogs_are_translated(gui) -> None:
    from PySide6.QtCore import QCoreApplication

    i18n.translators.apply("zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_a_cjk_font_is_chosen(gui) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    family = i18n.setup_fonts(QApplication.instance())
    assert family in i18n.CJK_FAMILIES
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(QFontInfo(
        QApplication.font()).family())


def _codes_in_contract() -> set[str]:
    text = (ROOT / "docs" / "CONTRACTS.md").read_text(encoding="utf-8")
    return set(re.findall(r'\("([a-z_]+\.[a-z_.]+)"\)', text)) | {"se_busy", "se_lost", "policy.kiosk_unlock"}


def test_every_contract_and_reader_code_has_both_languages() -> None:
    import app.errors
    import app.reader.errors
    import ota.gp.errors

    codes = _codes_in_contract()
    for module in (app.errors, app.reader.errors, ota.gp.errors):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if isinstance(getattr(cls, "code", None), str) and cls.__module__ == module.__name__:
                codes.add(cls.code)
    codes.discard("cancelled")  # not an error: nothing is shown
    missing = sorted(codes - set(errors.MESSAGES))
    assert missing == []
    for code, (zh, en) in errors.MESSAGES.items():
        assert re.search(r"[\u4e00-\u9fff]", zh), code
        assert en and not re.search(r"[\u4e00-\u9fff]", en), code


def test_typed_error_is_shown_from_the_table() -> None:
    from app.reader.errors import CardRemovedError

    shown = errors.describe(CardRemovedError("gone"), "zh_CN")
    assert shown.code == "reader.card_removed" and shown.text == errors.MESSAGES["reader.card_removed"][0]
    assert errors.describe(CardRemovedError("gone"), "en").text.startswith("The phone was removed")


def test_platform_texts_win_over_the_table() -> None:
    from app.errors import PlatformRefusedError

    exc = PlatformRefusedError("se_busy", "平台说忙", "platform says busy")
    assert errors.describe(exc, "zh_CN").text == "平台说忙"
    assert errors.describe(exc, "en").text == "platform says busy"


def test_server_error_carries_its_incident() -> None:
    from app.errors import PlatformServerError

    shown = errors.describe(PlatformServerError("boom", incident="P-1234"), "en")
    assert shown.incident == "P-1234" and "P-1234" in shown.text


def test_unknown_exception_gets_an_incident_and_is_logged(caplog) -> None:
    shown = errors.describe(ZeroDivisionError("x"), "zh_CN")
    assert shown.code == "unexpected" and shown.incident
    assert shown.text == f"发生意外错误，事件编号 {shown.incident}。"
    assert any(r.exc_info and shown.incident in r.getMessage() for r in caplog.records)


def test_unknown_code_is_treated_as_unexpected() -> None:
    class Odd(Exception):
        code = "never.heard.of"

    assert errors.describe(Odd(), "en").code == "unexpected"


def test_cancellation_is_recognised() -> None:
    from app.errors import Cancelled

    assert errors.is_cancellation(Cancelled("x"))
    assert not errors.is_cancellation(RuntimeError("x"))
