"""The receipt: a PDF with the service's text, from the screen and from the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import make_window
from tests.ui.pdf_text import pdf_text
from ui import i18n
from ui.receipt import ReceiptData, receipt_html, save_pdf


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_receipt_pdf_has_the_services_text(gui, lang, tmp_path: Path) -> None:
    i18n.translators.apply(lang)
    data = ReceiptData("lock", True, seid="8686001122334455", msisdn="13800138000", app_id="A0000003330202",
                       operator="clerk01", region="BJ-01", terminal="T-0001", operation_id="op-77",
                       duration_s=1.25)
    out = save_pdf(data, tmp_path / "r.pdf")
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF-") and len(raw) > 2000
    text = _flat(pdf_text(out))
    for value in ("8686001122334455", "13800138000", "A0000003330202", "clerk01(BJ-01)", "T-0001", "op-77"):
        assert value in text, (value, text)
    assert "\ufffd" not in text  # every glyph is searchable / copyable
    words = ("HallTerm业务回执", "锁定", "成功", "手机号码") if lang == "zh_CN" else \
            ("HallTermservicereceipt", "Lock", "Completed", "Phonenumber")
    for word in words:
        assert word in text, (word, text)


def test_receipt_html_escapes_what_it_shows(gui) -> None:
    i18n.translators.apply("en")
    html = receipt_html(ReceiptData("lock", False, seid="<b>x</b>", details=(("a&b", "<i>"),)))
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "a&amp;b" in html and "Not completed" in html


def test_save_receipt_into_a_missing_folder_is_an_error(gui) -> None:
    with pytest.raises(OSError):
        save_pdf(ReceiptData("query", True), "/nonexistent-folder/r.pdf")


def test_service_screen_saves_its_receipt(gui, qtbot, backend, tmp_path: Path) -> None:
    i18n.translators.apply("zh_CN")
    _c, window = make_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.isVisible(), timeout=3000)
    assert page.result.pdf_button.isVisible() and page.result.print_button.isVisible()
    out = page.save_receipt(str(tmp_path / "query.pdf"))
    text = _flat(pdf_text(out))
    assert "8686001122334455" in text and "查询" in text and "clerk01" in text
