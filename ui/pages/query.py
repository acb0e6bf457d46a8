"""Query: the SE as a person wants to see it — who it is, what is on it, how full it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.services.result_summary import summarise
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout, QWidget)

from ui import summary, views
from ui.i18n import current_language
from ui.labels import LOCKABLE, state_label
from ui.pages.base import ServicePage
from ui.session import Session
from ui.widgets.space_chart import SpaceChart


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.setMinimumHeight(110)
    return table


def _rows_height(table: QTableWidget, rows: int) -> int:
    """Enough height for the header and ``rows`` rows, so the list needs no inner scrolling."""
    row = table.verticalHeader().defaultSectionSize()
    return table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth() + 2


def _fill_form(form: QFormLayout, rows: list[tuple[str, str]]) -> None:
    while form.rowCount():
        form.removeRow(0)
    for caption, value in rows:
        label = QLabel(value)
        label.setObjectName("value")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(caption, label)


def _fill(table: QTableWidget, rows: Sequence[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


class QueryPage(ServicePage):
    """Identity and space side by side, then the applications (visible without scrolling at
    1280x800), then the chip's technical details folded away until someone opens them."""

    kind = "query"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.identity_box = QGroupBox()
        self.identity_form = QFormLayout(self.identity_box)
        self.apps_box = QGroupBox()
        self.apps = _table(4)
        self.apps.setObjectName("appsTable")
        self.apps.horizontalHeader().setStretchLastSection(False)
        self.apps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        apps_layout = QVBoxLayout(self.apps_box)
        apps_layout.addWidget(self.apps)
        # issue 14: the installed apps whose companion phone app nobody recorded (§5.4.7)
        self.companion_note = QLabel()
        self.companion_note.setObjectName("companionNote")
        self.companion_note.setWordWrap(True)
        apps_layout.addWidget(self.companion_note)
        # issue 13: the selected application's personalisation update, where the clerk sees the app
        self.app_rows: list[views.AppRow] = []
        self.on_perso_update: Callable[[str], None] | None = None
        self.perso_button = QPushButton()
        self.perso_button.setObjectName("persoUpdateButton")
        self.perso_button.setVisible(False)
        self.perso_button.clicked.connect(self.perso_update_chosen)
        self.apps.itemSelectionChanged.connect(self.update_perso_button)
        apps_layout.addWidget(self.perso_button, 0, Qt.AlignmentFlag.AlignRight)
        self.space_box = QGroupBox()
        self.chart = SpaceChart()
        QVBoxLayout(self.space_box).addWidget(self.chart)
        self.chip_toggle = QToolButton()
        self.chip_toggle.setObjectName("chipToggle")
        self.chip_toggle.setCheckable(True)
        self.chip_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.chip_toggle.toggled.connect(self.show_chip_details)
        self.chip_box = QGroupBox()
        self.chip_form = QFormLayout()
        self.sds = _table(2)
        self.sds.setObjectName("sdTable")
        self.sd_caption = QLabel()
        chip = QVBoxLayout(self.chip_box)
        chip.addLayout(self.chip_form)
        chip.addWidget(self.sd_caption)
        chip.addWidget(self.sds)
        top = QHBoxLayout()
        top.addWidget(self.identity_box, 1)
        top.addWidget(self.space_box, 1)
        self.extra.addLayout(top)
        self.extra.addWidget(self.apps_box)
        self.extra.addWidget(self.chip_toggle)
        self.extra.addWidget(self.chip_box)
        self.show_chip_details(False)
        self.retranslate()
        self.show_report(session.card)

    def show_chip_details(self, shown: bool) -> None:
        self.chip_box.setVisible(shown and self.session.card is not None)
        self.chip_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def on_card(self, report: Any) -> None:
        super().on_card(report)
        if hasattr(self, "apps"):
            self.show_report(report)

    def show_outcome(self, outcome: Any) -> None:
        if not summarise(outcome).ok:
            self.show_report(None)  # a refused read has nothing to show but the reason
            super().show_outcome(outcome)
            return
        self.show_report(outcome)
        self.result.show_result(self.tr("The phone was read."), True, receipt=True, meta=summary.meta(outcome))

    def show_report(self, report: Any) -> None:
        for box in (self.identity_box, self.apps_box, self.space_box, self.chip_toggle):
            box.setVisible(report is not None)
        self.chip_box.setVisible(report is not None and self.chip_toggle.isChecked())
        if report is None:
            return
        ident = views.identity(report)
        _fill_form(self.identity_form, [(self.tr("SEID"), ident.seid), (self.tr("Phone number"), ident.msisdn or "—"),
                                        (self.tr("Batch"), ident.batch or "—")])
        _fill_form(self.chip_form, [(self.tr("ATR"), ident.atr)]
                   + [(self.cplc_label(name), value) for name, value in ident.cplc])
        self.app_rows = views.apps(report, current_language())
        _fill(self.apps, [(r.name or "—", r.aid, state_label(r.state), r.version or "—") for r in self.app_rows])
        self.update_perso_button()
        # As tall as its rows (3 to 8): the page, not the table, scrolls, and nothing is hidden.
        self.apps.setFixedHeight(_rows_height(self.apps, min(max(self.apps.rowCount(), 3), 8)))
        self.show_companion_note(report)
        _fill(self.sds, views.security_domains(report))
        space = views.space(report)
        if space is None:
            self.chart.clear()
        else:
            self.chart.set_space(space.total, space.used, space.free_measured, space.free_recorded)

    def offer_perso_update(self, handler: Callable[[str], None]) -> None:
        """Show the row's personalisation-update button; ``handler(app_id)`` opens that service."""
        self.on_perso_update = handler
        self.update_perso_button()

    def selected_app(self) -> views.AppRow | None:
        row = self.apps.currentRow()
        return self.app_rows[row] if 0 <= row < len(self.app_rows) and self.apps.selectedItems() else None

    def update_perso_button(self) -> None:
        chosen = self.selected_app()
        self.perso_button.setVisible(self.on_perso_update is not None and bool(self.app_rows))
        self.perso_button.setEnabled(chosen is not None and (chosen.state or "").upper() in LOCKABLE)

    def perso_update_chosen(self) -> None:
        chosen = self.selected_app()
        if chosen is not None and self.on_perso_update is not None:
            self.on_perso_update(chosen.app_id or chosen.aid)

    def show_companion_note(self, report: Any) -> None:
        language = current_language()
        lacking = list(dict.fromkeys(  # once per application, not per instance
            views.app_title(a, language) or views.as_text(getattr(a, "aid", ""))
            for a in getattr(report, "apps", ()) or () if getattr(a, "companion_missing", False)))
        self.companion_note.setText(self.tr(
            "No phone app on record for: %1. Tell the application's provider; the customer can use the "
            "application without it.").replace("%1", ", ".join(lacking)))
        self.companion_note.setVisible(bool(lacking))

    def cplc_label(self, name: str) -> str:
        labels = {
            "ic_fabricator": self.tr("IC fabricator"), "ic_type": self.tr("IC type"),
            "os_id": self.tr("OS ID"), "os_release_date": self.tr("OS release date"),
            "ic_serial_number": self.tr("IC serial number"), "ic_batch_identifier": self.tr("IC batch"),
            "ic_fabrication_date": self.tr("IC fabrication date"),
            "ic_module_packaging_date": self.tr("Module packaging date"),
            "ic_personalizer": self.tr("Personalizer"), "ic_perso_date": self.tr("Personalization date"),
        }
        return labels.get(name, name)

    def reset(self) -> None:
        super().reset()
        self.show_report(None)

    def run_label(self) -> str:
        return self.tr("Read the phone")

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "apps"):
            return  # called from the base constructor, before the tables exist
        self.identity_box.setTitle(self.tr("Identity"))
        self.apps_box.setTitle(self.tr("Applications"))
        self.sd_caption.setText(self.tr("Security domains"))
        self.space_box.setTitle(self.tr("Space"))
        self.chip_toggle.setText(self.tr("Chip details"))
        self.perso_button.setText(self.tr("Update personalisation…"))
        self.perso_button.setToolTip(self.tr("Personalise the selected application again with its provider's "
                                             "current data"))
        self.apps.setHorizontalHeaderLabels([self.tr("Name"), self.tr("AID"), self.tr("State"),
                                             self.tr("Version")])
        self.sds.setHorizontalHeaderLabels([self.tr("AID"), self.tr("Life cycle")])
        if self.session.card is not None:
            self.show_report(self.session.card)
