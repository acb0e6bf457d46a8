"""Instance choice at the counter (issue 14, seed §5.8.4.1–3): the GUI against the real demo
platform over HTTPS and its virtual SE.  An application with two instances of one load file,
each labelled and personalised on its own by the admin API, is downloaded at the counter; the
query shows one row per instance with its own state; Lock offers the instances by label (never
a raw AID), and locking one leaves the other usable on the card."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.demo import READERS
from ota.gp.constants import AppLifeCycle
from tests.app.e2e.instances import FIRST, LABELS, SECOND, publish_two_instances
from tests.ui.conftest import shoot
from tests.ui.test_demo_e2e import _ok, demo, terminal  # noqa: F401 - the demo and the logged-in GUI
from ui import i18n


def test_lock_one_instance_at_the_counter_and_the_other_stays_usable(terminal, qtbot, demo) -> None:
    publish_two_instances(demo)
    _c, window = terminal
    query = window.page("query")
    window.show_page("query")
    query.subscriber.setText("13800138000")  # the demo SE is bound to no number yet
    _ok(qtbot, window, "query")
    window.show_page("download")
    download = window.page("download")
    download.load_catalog()
    qtbot.waitUntil(lambda: download.app_choice.findText("双卡通", Qt.MatchFlag.MatchContains) >= 0, timeout=10000)
    download.app_choice.setCurrentIndex(download.app_choice.findText("双卡通", Qt.MatchFlag.MatchContains))
    _ok(qtbot, window, "download")
    card = demo.cards[READERS[0]].state
    assert {aid: card.app(bytes.fromhex(aid)).data[0x5F20] for aid in LABELS} == {  # each its own data
        FIRST: b"Door card", SECOND: b"Parking card"}

    # the query: one row per instance, by label, each with its own state
    _ok(qtbot, window, "query")
    rows = {query.apps.item(r, 0).text(): (query.apps.item(r, 1).text(), query.apps.item(r, 2).text())
            for r in range(query.apps.rowCount())}
    assert rows["双卡通 · 门禁卡"] == (FIRST, "可用") and rows["双卡通 · 停车卡"] == (SECOND, "可用"), rows

    # Lock offers each instance by its label, never a raw AID; lock the door card only
    window.show_page("lock")
    lock = window.page("lock")
    offered = [lock.app_choice.itemText(i) for i in range(lock.app_choice.count())]
    assert "双卡通 · 门禁卡  [可用]" in offered and "双卡通 · 停车卡  [可用]" in offered, offered
    assert not any(FIRST in text or SECOND in text for text in offered)
    lock.app_choice.setCurrentIndex(offered.index("双卡通 · 门禁卡  [可用]"))
    _ok(qtbot, window, "lock")
    assert "应用：双卡通 · 门禁卡" in lock.result.details.text().splitlines()  # the result names the instance
    locked = {aid: bool(card.app(bytes.fromhex(aid)).life_cycle & 0x80) for aid in LABELS}
    assert locked == {FIRST: True, SECOND: False}  # on the card: the other stays usable
    assert card.app(bytes.fromhex(SECOND)).life_cycle >= AppLifeCycle.SELECTABLE  # and still selectable
    unlock = window.page("unlock")  # the context follows: Unlock offers the locked instance alone
    assert [unlock.app_choice.itemText(i) for i in range(unlock.app_choice.count())
            if "双卡通" in unlock.app_choice.itemText(i)] == ["双卡通 · 门禁卡  [已锁定]"]
    assert "双卡通 · 停车卡  [可用]" in [lock.app_choice.itemText(i) for i in range(lock.app_choice.count())]
    shoot(window, "instances_lock", "zh_CN")

    _ok(qtbot, window, "query")  # what the card says now
    states = {query.apps.item(r, 0).text(): query.apps.item(r, 2).text() for r in range(query.apps.rowCount())}
    assert (states["双卡通 · 门禁卡"], states["双卡通 · 停车卡"]) == ("已锁定", "可用"), states
    shoot(window, "instances_query", "zh_CN")
    i18n.translators.apply("en")
    qtbot.wait(50)
    states = {query.apps.item(r, 0).text(): query.apps.item(r, 2).text() for r in range(query.apps.rowCount())}
    assert (states["Two cards · Door card"], states["Two cards · Parking card"]) == ("Locked", "Usable"), states
    shoot(window, "instances_query", "en")
    window.show_page("lock")
    qtbot.wait(50)
    assert "Two cards · Parking card  [Usable]" in [lock.app_choice.itemText(i) for i in range(lock.app_choice.count())]
    shoot(window, "instances_lock", "en")
    i18n.translators.apply("zh_CN")
    qtbot.wait(50)

    # delete the parking card alone; Download then offers it back as one more instance, with its own data
    window.show_page("delete")
    delete = window.page("delete")
    offered = [delete.app_choice.itemText(i) for i in range(delete.app_choice.count())]
    delete.app_choice.setCurrentIndex(offered.index("双卡通 · 停车卡  [可用]"))
    _ok(qtbot, window, "delete")
    assert card.app(bytes.fromhex(SECOND)) is None and card.app(bytes.fromhex(FIRST)) is not None
    _ok(qtbot, window, "query")
    window.show_page("download")
    index = download.app_choice.findText("双卡通 · 停车卡", Qt.MatchFlag.MatchContains)
    assert index >= 0 and download.app_choice.model().item(index).isEnabled()
    download.app_choice.setCurrentIndex(index)
    shoot(window, "instances_add", "zh_CN")
    _ok(qtbot, window, "download")
    assert card.app(bytes.fromhex(SECOND)).data[0x5F20] == b"Parking card"  # its own data, not the door card's
    assert bool(card.app(bytes.fromhex(FIRST)).life_cycle & 0x80)  # the door card untouched: still locked
    assert "双卡通 · 停车卡  [可用]" in [lock.app_choice.itemText(i) for i in range(lock.app_choice.count())]
