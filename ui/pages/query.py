"""Query: the SE as a person wants to see it — who it is, what is on it, how full it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ui import views
from ui.i18n import current_language
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
    table.setMinimumHeight(130)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))


class QueryPage(ServicePage):
    kind = "query"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.identity_box = QGroupBox()
        self.identity_form = QFormLayout(self.identity_box)
        self.apps_box = QGroupBox()
        self.apps = _table(5)
        self.apps.setObjectName("appsTable")
        QVBoxLayout(self.apps_box).addWidget(self.apps)
        self.sd_box = QGroupBox()
        self.sds = _table(2)
        self.sds.setObjectName("sdTable")
        QVBoxLayout(self.sd_box).addWidget(self.sds)
        self.space_box = QGroupBox()
        self.chart = SpaceChart()
        QVBoxLayout(self.space_box).addWidget(self.chart)
        top = QHBoxLayout()
        top.addWidget(self.identity_box, 1)
        top.addWidget(self.space_box, 1)
        self.extra.addLayout(top)
        self.extra.addWidget(self.apps_box)
        self.extra.addWidget(self.sd_box)
        self.retranslate()
        self.show_report(session.card)

    def on_card(self, report: Any) -> None:
        super().on_card(report)
        if hasattr(self, "apps"):
            self.show_report(report)

    def show_outcome(self, outcome: Any) -> None:
        self.show_report(outcome)
        self.result.show_result(self.tr("The phone was read."), True, receipt=True)

    def show_report(self, report: Any) -> None:
        for box in (self.identity_box, self.apps_box, self.sd_box, self.space_box):
            box.setVisible(report is not None)
        if report is None:
            return
        ident = views.identity(report)
        while self.identity_form.rowCount():
            self.identity_form.removeRow(0)
        rows = [(self.tr("SEID"), ident.seid), (self.tr("Phone number"), ident.msisdn or "—"),
                (self.tr("Batch"), ident.batch or "—"), (self.tr("ATR"), ident.atr)]
        rows += [(self.cplc_label(name), value) for name, value in ident.cplc]
        for caption, value in rows:
            label = QLabel(value)
            label.setObjectName("value")
            label.setWordWrap(True)
            self.identity_form.addRow(caption, label)
        yes, no = self.tr("yes"), self.tr("no")
        _fill(self.apps, [(r.name or "—", r.aid, self.state_label(r.state), r.version or "—",
                           yes if r.needs_activation else no)
                          for r in views.apps(report, current_language())])
        _fill(self.sds, views.security_domains(report))
        space = views.space(report)
        if space is None:
            self.chart.clear()
        else:
            self.chart.set_space(space.total, space.used, space.free_measured, space.free_recorded)

    def state_label(self, state: str) -> str:
        """GP life-cycle names (GPC 2.2.1 §5.3) and the seed's application states (§5.8.7.2)."""
        labels = {
            "INSTALLED": self.tr("Installed"), "SELECTABLE": self.tr("Selectable"),
            "PERSONALIZED": self.tr("Personalized"), "LOCKED": self.tr("Locked"),
            "LOADED": self.tr("Loaded"), "INSTANTIATED": self.tr("Instantiated"),
            "USABLE": self.tr("Usable"), "READY": self.tr("Ready"),
        }
        return labels.get(state.upper(), state)

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
        self.sd_box.setTitle(self.tr("Security domains"))
        self.space_box.setTitle(self.tr("Space"))
        self.apps.setHorizontalHeaderLabels([self.tr("Name"), self.tr("AID"), self.tr("State"),
                                             self.tr("Version"), self.tr("Needs activation")])
        self.sds.setHorizontalHeaderLabels([self.tr("AID"), self.tr("Life cycle")])
        if self.session.card is not None:
            self.show_report(self.session.card)
