"""The main window: service navigation on the left, one screen per service, the status bar.

Counter mode shows every service; kiosk mode only those a kiosk may run (no unlock, seed
§5.8.4.3) in full screen with large targets; technician mode adds the diagnostics screens.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QMessageBox,
                               QStackedWidget, QWidget)

from ui import catalog
from ui.pages.base import ServicePage
from ui.pages.daylist import DayListPage
from ui.pages.diagnostics import DiagnosticsHome
from ui.pages.home import HomePage
from ui.pages.kiosk import KioskLockPage, KioskQueryPage
from ui.pages.perso_update import PersoUpdatePage
from ui.pages.query import QueryPage
from ui.pages.services import (ChangeNumberPage, DeletePage, DownloadPage, LockPage, MigratePage,
                               UnlockPage)
from ui.pages.technician import PlatformPage, ReadersPage, TracePage
from ui.prompts import prompt_text
from ui.session import Session
from ui.status import StatusBar
from ui.workers import PromptRequest
from ui.words import say

logger = logging.getLogger(__name__)

SERVICE_PAGES = {"query": QueryPage, "lock": LockPage, "unlock": UnlockPage, "download": DownloadPage,
                 "delete": DeletePage, "migrate": MigratePage, "change_number": ChangeNumberPage,
                 "perso_update": PersoUpdatePage}
# The kiosk's customer screens (seed §5.8.4.3: query and lock only).
KIOSK_PAGES = {"query": KioskQueryPage, "lock": KioskLockPage}
# F1 ... F8 at the counter.
FUNCTION_KEYS = ("query", "lock", "unlock", "download", "delete", "migrate", "change_number", "daylist")


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    logout_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kiosk, self.technician = session.kiosk, session.technician
        self.setObjectName("mainWindow")
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.allow_close = not self.kiosk  # the kiosk ignores close requests (Alt+F4, the window manager)
        self.home: HomePage | DiagnosticsHome
        if self.technician:
            # Diagnostics only: a technician serves no subscriber (the query is the card's info).
            self.home = DiagnosticsHome(session)
            self._add("home", self.home)
            self._add("readers", ReadersPage(session))
            self._add("query", QueryPage(session))
            self._add("trace", TracePage(session))
            self._add("platform", PlatformPage(session))
        else:
            self.home = HomePage(self.kiosk)
            self._add("home", self.home)
            for info in catalog.allowed(self.kiosk):
                self._add(info.kind, (KIOSK_PAGES if self.kiosk else SERVICE_PAGES)[info.kind](session))
            if not self.kiosk:
                self._add("daylist", DayListPage(session))
        self.home.service_chosen.connect(self.show_page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(session)
        self.setStatusBar(self.status)
        if "migrate" in self.pages:
            self.status.readers_changed.connect(self.pages["migrate"].set_readers)  # type: ignore[attr-defined]
            self.status.cards_changed.connect(self.pages["migrate"].set_cards)  # type: ignore[attr-defined]
        session.prompt.asked.connect(self.answer_prompt)
        if "perso_update" in self.pages:  # the query page's app row leads there (seed §5.8.4.6)
            self.pages["query"].offer_perso_update(self.open_perso_update)  # type: ignore[attr-defined]
        if "daylist" in self.pages:
            self.pages["daylist"].resume_requested.connect(self.resume_run)  # type: ignore[attr-defined]
            # After a crash the journal still holds the run open: the clerk's first task.
            session.in_pool(session.backend.open_runs, self.show_open_runs, lambda _e: None)
        if self.kiosk:
            self.status.card_placed.connect(self.phone_placed)
        self._build_menus()
        self._build_shortcuts()
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1280, 820)

    def _add(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)

    def show_page(self, key: str) -> None:
        keys = list(self.pages)
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def open_perso_update(self, app_id: str) -> None:
        self.show_page("perso_update")
        self.pages["perso_update"].choose(app_id)  # type: ignore[attr-defined]

    def current_page(self) -> str:
        return list(self.pages)[self.stack.currentIndex()]

    # --- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _=False, c=code: self.language_requested.emit(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.session_menu = self.menuBar().addMenu("")
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.logout_requested)
        self.quit_action = QAction(self)
        self.quit_action.triggered.connect(self.close)
        self.session_menu.addAction(self.logout_action)
        self.session_menu.addAction(self.quit_action)
        self.menuBar().setVisible(not self.kiosk)
        self.home.language_toggled.connect(self.toggle_language)

    def _build_shortcuts(self) -> None:
        """F1-F8 open the counter's services and the day list, in the order of the tiles."""
        self.shortcuts: dict[str, QShortcut] = {}
        if self.kiosk or self.technician:
            return
        for n, key in enumerate(FUNCTION_KEYS, 1):
            if key in self.pages:
                shortcut = QShortcut(QKeySequence(f"F{n}"), self)
                shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
                shortcut.activated.connect(lambda k=key: self.show_page(k))
                self.shortcuts[key] = shortcut

    def mark_language(self, code: str) -> None:
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)

    def toggle_language(self) -> None:
        current = next((c for c, a in self.language_actions.items() if a.isChecked()), "zh_CN")
        self.language_requested.emit("en" if current == "zh_CN" else "zh_CN")

    # --- operator prompts (from a worker thread, via a signal) ----------------------------
    def answer_prompt(self, request: PromptRequest) -> None:
        # Words from the prompt's code (ui/prompts.py, ui/words.py), never the core's or the
        # platform's text; a card prompt the GUI has no words for is worded by its role.
        text = prompt_text(request.words.code, request.role) if request.kind == "card" else say(request.words)
        if request.kind == "card":
            title = self.tr("Put the phone on the reader")
            buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
        else:
            title = self.tr("Please confirm")
            buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, self)
        box.setObjectName("promptBox")
        self.prompt_box = box
        box.finished.connect(lambda result: request.reply(
            result in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Yes)))
        box.open()

    # --- interrupted work ------------------------------------------------------------------
    def show_open_runs(self, entries: list[Any]) -> None:
        """Runs a crash or a lost connection left open: the day list shows them, the first selected."""
        if entries:
            self.pages["daylist"].show_open(entries[0])  # type: ignore[attr-defined]
            self.show_page("daylist")

    def resume_run(self, entry: Any) -> None:
        """The day list's Resume: the run's service page takes the operation over."""
        page = self.pages.get(str(entry.kind))
        if not isinstance(page, ServicePage):
            return
        self.show_page(entry.kind)
        page.offer_open_run(entry)
        page.resume()

    # --- kiosk ---------------------------------------------------------------------------------
    def phone_placed(self, reader: str) -> None:
        """At the kiosk the phone on the reader is the request: read it at once."""
        if reader != self.session.reader or self.session.busy:
            return
        page = self.pages.get("query")
        if self.current_page() not in ("home", "query") or page is None or page.running is not None:  # type: ignore[attr-defined]
            return
        self.show_page("query")
        page.start()  # type: ignore[attr-defined]

    def reset_to_start(self) -> None:
        """Idle at the kiosk, or log-out: drop the customer's data and show the start screen.

        The kiosk also goes back to Chinese: the next customer starts where every customer does.
        """
        if self.session.busy:
            return  # a service is writing to a phone: its result must still reach the customer
        self.session.clear_customer()
        if self.kiosk:
            self.language_requested.emit("zh_CN")
        self.show_page("home")

    # --- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("HallTerm counter terminal") + (
            " — " + self.tr("Technician") if self.technician else ""))
        names = {"home": self.tr("Start"), "daylist": self.tr("End of day"),
                 "readers": self.tr("Readers"), "trace": self.tr("APDU trace"),
                 "platform": self.tr("Platform")}
        if self.technician:
            names["query"] = self.tr("Card info")
        for row, key in enumerate(self.pages):
            self.nav.item(row).setText(names.get(key) or catalog.title(key))
            if key in getattr(self, "shortcuts", {}):
                self.nav.item(row).setToolTip(f"F{FUNCTION_KEYS.index(key) + 1}")
        self.language_menu.setTitle(self.tr("Language"))
        self.session_menu.setTitle(self.tr("Session"))
        self.logout_action.setText(self.tr("Log out"))
        self.quit_action.setText(self.tr("Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.allow_close:
            event.ignore()  # a public kiosk is closed by staff (shutdown), not by a customer
            return
        self.status.stop()
        self.session.shutdown()
        super().closeEvent(event)

    def page(self, key: str) -> Any:
        return self.pages[key]
