"""The admin workspace's instance panel (issue 14, seed §5.8.4.1): the selected application's
instances, each with the label a clerk sees and, from a JSON file, its own personalisation data.

Calls go to ``AdminService.instances`` / ``set_instance`` on the network pool (the service reads
the file: ``ui`` does no I/O).  The panel shows whether an instance has its own data, never the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ui import errors
from ui.i18n import current_language

WORDS: dict[str, tuple[str, str]] = {
    "instance": ("实例", "Instance"),
    "label_zh": ("中文名称", "Chinese label"),
    "label_en": ("英文名称", "English label"),
    "perso_file": ("个人化数据文件(JSON,可不填)", "Personalisation file (JSON, optional)"),
    "save": ("保存实例", "Save instance"),
    "own": ("自有个人化数据", "own personalisation data"),
    "shared": ("使用应用的个人化数据", "the application's personalisation data"),
    "saved": ("已保存实例:{what}", "Instance saved: {what}"),
}


def word(key: str, **values: Any) -> str:
    zh, en = WORDS[key]
    return (zh if current_language().startswith("zh") else en).format(**values)


class InstancePanel(QWidget):
    def __init__(self, service: Any, run: Callable[..., None], message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.run, self.message = service, run, message
        self.app_name: str | None = None
        self.instances: list[Any] = []
        self.choice = QComboBox()
        self.choice.currentIndexChanged.connect(self._chosen)
        self.label_zh, self.label_en, self.perso_file = QLineEdit(), QLineEdit(), QLineEdit()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.captions = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for caption, field in zip(self.captions, (self.choice, self.label_zh, self.label_en, self.perso_file), strict=True):
            form.addRow(caption, field)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(form, 1)
        row.addWidget(self.save_button)
        self.retranslate()

    def show_app(self, name: str | None) -> None:
        """The selected application changed: load its instances (or clear the panel)."""
        if name == self.app_name and self.instances:
            return
        self.app_name, self.instances = name, []
        self._fill()
        if name is not None:
            self.run(lambda: self.service.instances(name), self._got, self._failed)

    def _got(self, instances: list[Any]) -> None:
        self.instances = instances
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(errors.describe(exc, current_language()).text)

    def _fill(self) -> None:
        chosen = self.current()
        zh = current_language().startswith("zh")
        self.choice.blockSignals(True)
        self.choice.clear()
        for n, i in enumerate(self.instances, 1):
            label = (i.label_zh or i.label_en) if zh else (i.label_en or i.label_zh)
            self.choice.addItem(f"{label or f'#{n}'} ({word('own' if i.own_perso else 'shared')})", i.aid)
        index = self.choice.findData(chosen.aid) if chosen is not None else -1
        self.choice.setCurrentIndex(max(index, 0) if self.instances else -1)
        self.choice.blockSignals(False)
        self.save_button.setEnabled(bool(self.instances))
        self._chosen()

    def current(self) -> Any:
        aid = self.choice.currentData()
        return next((i for i in self.instances if i.aid == aid), None)

    def _chosen(self) -> None:
        instance = self.current()
        self.label_zh.setText(instance.label_zh if instance else "")
        self.label_en.setText(instance.label_en if instance else "")

    def save(self) -> None:
        instance, name = self.current(), self.app_name
        if instance is None or name is None:
            return
        zh, en, path = self.label_zh.text().strip(), self.label_en.text().strip(), self.perso_file.text().strip()

        def saved(value: Any) -> None:
            self.instances = [value if i.aid == value.aid else i for i in self.instances]
            self.perso_file.clear()
            self._fill()
            self.message.setText(word("saved", what=self.choice.currentText()))

        self.run(lambda: self.service.set_instance(name, instance.aid, zh, en, path or None), saved, self._failed)

    def retranslate(self) -> None:
        for caption, key in zip(self.captions, ("instance", "label_zh", "label_en", "perso_file"), strict=True):
            caption.setText(word(key))
        self.save_button.setText(word("save"))
        self._fill()
