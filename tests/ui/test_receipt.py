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
def test_receipt_pdf_is_the_customer_template(gui, lang, tmp_path: Path) -> None:
    i18n.translators.apply(lang)
    data = ReceiptData("delete", True, msisdn="13800138000", app_title="SmartPGP 数字签名", state="READY",
                       operator="clerk01", region="GD-GZ", terminal="T-0001",
                       operation_id="6f1c2d3e-aa00-4bcd-9e8f-0123456789ab")
    out = save_pdf(data, tmp_path / "r.pdf")
    raw = out.read_bytes()
    assert raw.startswith(b"%PDF-") and len(raw) > 2000
    text = _flat(pdf_text(out))
    assert "\ufffd" not in text  # every glyph is searchable / copyable
    for value in ("138****8000", "SmartPGP", "T-0001", "6789AB", "clerk01"):
        assert value in text, (value, text)
    for internal in ("13800138000", "6f1c2d3e", "READY", "Ready", "GD-GZ"):
        assert internal not in text, (internal, text)
    words = ("业务回执", "删除", "办理成功", "已从手机中删除", "广州营业厅", "柜台", "签名") if lang == "zh_CN" else \
            ("Servicereceipt", "Delete", "Completed", "Removedfromthephone", "Guangzhoubusinesshall", "Counter",
             "Customersignature")
    for word in words:
        assert word in text, (word, text)


def test_receipt_html_escapes_what_it_shows(gui) -> None:
    i18n.translators.apply("en")
    html = receipt_html(ReceiptData("lock", False, app_title="<b>x</b>", hall="a&b"))
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
    assert "138****8000" in text and "查询" in text and "clerk01" in text
    assert "公交卡Transit" in text and "已个人化" in text, text  # apps by name, states in words
    assert "8686001122334455" not in text and "free_measured" not in text
