"""The personalisation update (seed §5.8.4.6) where a clerk looks for it: the application's row on
the query page leads to the service with that application chosen; the clerk confirms with the
customer, the real platform (HTTPS, demo catalogue) re-personalises the in-process virtual SE,
and the result and receipt are in the clerk's language.  Screenshots:
test-artifacts/screenshots/perso_update_{zh_CN,en}.png."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from tests.ui.conftest import shoot
from tests.ui.pdf_text import pdf_text
from tests.ui.test_demo_e2e import demo, run, terminal  # noqa: F401 - the real demo and a logged-in GUI
from ui import i18n
from ui.views import AppRow

pytestmark = pytest.mark.slow

APP = "PChovanecJCOpenPGP"  # the demo's app with a personalisation template (mode 3)


def test_perso_update_from_the_apps_row(terminal, qtbot, demo, tmp_path: Path) -> None:  # noqa: ANN001
    _c, window = terminal
    query = window.page("query")
    window.show_page("query")
    query.subscriber.setText("13800138000")
    run(qtbot, window, "query")
    window.show_page("download")
    download = window.page("download")
    qtbot.waitUntil(lambda: download.app_choice.findData(APP) >= 0, timeout=10000)
    download.app_choice.setCurrentIndex(download.app_choice.findData(APP))
    run(qtbot, window, "download")
    assert download.receipt is not None and download.receipt.ok, download.result.message.text()

    run(qtbot, window, "query")
    [chosen] = [n for n, r in enumerate(query.app_rows) if "OpenPGP" in r.name]
    assert query.perso_button.isVisible() and not query.perso_button.isEnabled()  # no row chosen yet
    assert query.perso_button.text() == "更新个人化数据…"
    query.apps.selectRow(chosen)
    assert query.perso_button.isEnabled()
    shoot(window, "perso_update_row", "zh_CN")
    qtbot.mouseClick(query.perso_button, Qt.MouseButton.LeftButton)
    assert window.current_page() == "perso_update"
    page = window.page("perso_update")
    assert page.app_id() == query.app_rows[chosen].app_id and page.run_button.text() == "更新个人化数据"

    qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible(), timeout=5000)
    dialog = page.confirm_dialog
    assert "个人化更新" in dialog.heading.text() and "无法恢复" in dialog.warning.text()
    assert "OpenPGP" in dialog.facts["app"].text() and "13800138000" not in dialog.facts["msisdn"].text()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.running is None and page.result.isVisible(), timeout=60000)
    assert page.receipt is not None and page.receipt.ok, page.result.message.text()
    shoot(window, "perso_update", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(200)  # let the layouts settle after the language change
    assert page.run_button.text() == "Update personalisation"
    shoot(window, "perso_update", "en")
    i18n.translators.apply("zh_CN")
    text = "".join(pdf_text(page.save_receipt(str(tmp_path / "p.pdf"))).split())
    assert "个人化更新" in text and "clerk1" in text
    assert "86860100000000000001" not in text

    with demo._engine.connect() as db:  # the platform did it, once, and recorded it
        updated = db.scalar(sa.text("SELECT count(*) FROM audit_log WHERE event = 'perso.updated'"))
    assert updated == 1

    # A locked application takes no new data until unlocked: its row offers no update.
    assert page.valid(AppRow("A0", "x", "USABLE", "1", False, APP))
    assert not page.valid(AppRow("A0", "x", "LOCKED", "1", False, APP))
    assert not page.valid(AppRow("A0", "x", "READY", "1", False, APP))
