"""The companion phone app's QR code on the receipt (issue 14 round 3 item 2, seed §5.4.7): the
code read back from the receipt's PNG is exactly the QR code of the link the platform gave."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from types import SimpleNamespace

import segno
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from app.services.base import ServiceOutcome
from tests.ui.fakes import outcome as typed_outcome
from ui import i18n
from ui.receipt import document, from_outcome, receipt_html, save_pdf

PLATFORM = "https://tsm.example.cn:8443"
LINK = "/api/v1/companions/JCMemory"


def _download(ok: bool = True, companion: dict[str, str] | None = None) -> ServiceOutcome:
    """The core's typed outcome of a download, its summary built from the platform's answer."""
    raw = {"app": "JCMemory", "app_id": 3, "state": "Usable", "companion": companion}
    return typed_outcome("download", ok, "86860100000000000001", "13800138000", raw, 1.0,
                   "6f1c2d3e-aa00-4bcd-9e8f-0123456789ab")


def _modules(png: QImage, size: int, scale: int = 4, border: int = 4) -> list[list[bool]]:
    """Read the code back from its image: the centre pixel of each module, dark or light."""
    assert png.width() == png.height() == (size + 2 * border) * scale
    half = scale // 2
    return [[QImage.pixelColor(png, (x + border) * scale + half, (y + border) * scale + half).lightness() < 128
             for x in range(size)] for y in range(size)]


def test_the_receipt_carries_the_qr_code_of_the_companion_link(gui, tmp_path: Path) -> None:
    i18n.translators.apply("zh_CN")
    config = SimpleNamespace(platform_url=PLATFORM, hall="", terminal_id="counter-01")
    data = from_outcome("download", _download(companion={"link": LINK, "file_name": "a.apk"}),
                        lambda _id, name: name, None, config)
    url = PLATFORM + LINK
    assert data.companion_url == url
    html = receipt_html(data)
    [uri] = re.findall(r"src='(data:image/png;base64,[^']+)'", html)
    png = QImage.fromData(base64.b64decode(uri.split(",", 1)[1]), "PNG")
    expected = segno.make(url, error="m", micro=False)
    read_back = _modules(png, len(expected.matrix))
    assert read_back == [[bool(m) for m in row] for row in expected.matrix]
    assert url in html and "扫描" in html  # the link in words too, for a phone without a camera
    # the one document behind the screen preview, the printer and the PDF holds the image
    assert not document(data).resource(QTextDocument.ResourceType.ImageResource, QUrl(uri)).isNull()
    assert b"/Subtype /Image" in save_pdf(data, tmp_path / "r.pdf").read_bytes()


def test_no_code_without_companion_information_or_a_finished_download(gui) -> None:
    i18n.translators.apply("en")
    config = SimpleNamespace(platform_url=PLATFORM, hall="", terminal_id="counter-01")
    for outcome in (_download(), _download(ok=False, companion={"link": LINK}),
                    _download(companion={"link": "http://plain.example/x.apk"})):
        data = from_outcome("download", outcome, lambda _id, name: name, None, config)
        assert data.companion_url == "" and "data:image/png" not in receipt_html(data)
    provider_url = "https://apps.example.com/jcmemory"
    data = from_outcome("download", _download(companion={"link": provider_url}), lambda _i, n: n, None, config)
    assert data.companion_url == provider_url and "Scan the code" in receipt_html(data)


def test_the_download_screen_shows_the_code_and_the_next_service_clears_it(gui, qtbot, backend) -> None:
    from tests.ui.conftest import make_window, shoot

    i18n.translators.apply("zh_CN")
    _c, window = make_window(qtbot, backend)
    backend.companion = {"link": LINK, "file_name": "wallet.apk"}
    window.show_page("download")
    page = window.page("download")
    qtbot.waitUntil(lambda: page.app_choice.count() == 2, timeout=3000)
    page.run_button.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    url = backend.config.platform_url + LINK
    assert page.companion.isVisible() and page.companion.link.text() == url
    assert page.companion.caption.text().startswith("用手机扫描二维码")
    shown = page.companion.code.pixmap().toImage()
    expected = segno.make(url, error="m", micro=False)
    assert _modules(shown, len(expected.matrix), scale=5) == [[bool(m) for m in row] for row in expected.matrix]
    assert page.receipt is not None and page.receipt.companion_url == url
    shoot(window, "download_companion", "zh_CN")
    backend.companion = None
    page.launch(page.last_request)  # the same service again: no phone app named, no code shown
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=5000)
    assert not page.companion.isVisible()


def test_the_query_screen_names_the_apps_without_a_phone_app(gui, qtbot, backend) -> None:
    from dataclasses import replace

    from tests.ui.conftest import make_window
    from tests.ui.fakes import QueryReport

    i18n.translators.apply("zh_CN")
    _c, window = make_window(qtbot, backend)
    window.show_page("query")
    page = window.page("query")
    report = QueryReport()
    page.show_report(report)
    assert not page.companion_note.isVisible()  # every app's phone app is on record
    bank = SimpleNamespace(**vars(report.apps[1]), companion_missing=True)  # as app.services.query reports it
    lacking = replace(report, apps=(report.apps[0], bank))
    page.show_report(lacking)
    assert page.companion_note.isVisible()
    assert page.companion_note.text().startswith("以下应用没有登记配套的手机客户端:银行卡 Bank。")
