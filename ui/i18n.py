"""Language, translators and fonts.

Source strings are English (``self.tr``); zh_CN is the default language and ships as a Qt
Linguist translation (resources/i18n/hallterm_zh_CN.ts -> .qm).  Qt's own ``qtbase`` catalogue is
installed too, so standard buttons and dialogs (OK, Cancel, the print dialog) follow the language.
Switching at runtime installs the new translators; every widget retranslates itself on
``QEvent.LanguageChange``.  The core's words (codes and params) are worded in ui/words.py.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

logger = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
# Preferred first: a CJK face that also has good Latin glyphs, so Chinese never shows as boxes.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC", "SimHei")
_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
               "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")


def resources_dir() -> Path:
    """resources/ next to the code, or inside the PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "resources" if base else Path(__file__).resolve().parents[1] / "resources"


class Translators:
    """Owns the installed translators so a language switch can remove the old ones."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> str:
        if language not in LANGUAGES:
            logger.warning("unknown language %r, using %s", language, DEFAULT_LANGUAGE)
            language = DEFAULT_LANGUAGE
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(language))
        self._install(resources_dir() / "i18n", f"hallterm_{language}")
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        if language != "en":
            self._install(qt_dir, f"qtbase_{language}")
        return language

    def _install(self, folder: Path, name: str) -> None:
        translator = QTranslator()
        if translator.load(name, str(folder)):
            QCoreApplication.installTranslator(translator)
            self._installed.append(translator)
        else:
            logger.info("no translation %s in %s", name, folder)


translators = Translators()
_catalogues: dict[str, QTranslator] = {}


def translate_in(language: str, context: str, text: str) -> str:
    """``text`` in ``language`` whatever language is installed (an error shown in both at once)."""
    if language == "en":
        return text
    catalogue = _catalogues.get(language)
    if catalogue is None:
        catalogue = QTranslator()
        catalogue.load(f"hallterm_{language}", str(resources_dir() / "i18n"))
        _catalogues[language] = catalogue
    return catalogue.translate(context, text) or text


def current_language() -> str:
    return translators.language


def saved_language(config_language: str | None) -> str:
    """The clerk's last choice (QSettings), else the terminal's configured language."""
    value = QSettings("HallTerm", "hallterm").value("ui/language", config_language or DEFAULT_LANGUAGE)
    return str(value) if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    QSettings("HallTerm", "hallterm").setValue("ui/language", language)


def setup_fonts(app: QApplication, point_size: int = 11) -> str:
    """Prefer a CJK-capable family app-wide; returns the family chosen."""
    families = set(QFontDatabase.families())
    if not families.intersection(CJK_FAMILIES):
        for path in _FONT_FILES:
            if Path(path).exists():
                QFontDatabase.addApplicationFont(path)
        families = set(QFontDatabase.families())
    chosen = next((f for f in CJK_FAMILIES if f in families), app.font().family())
    font = QFont(chosen, point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return chosen


def save_file_name(parent: QWidget | None, caption: str, suggested: str, file_filter: str) -> tuple[str, str]:
    """Qt's own save dialog (not the desktop's), so it speaks the clerk's language via qtbase."""
    return QFileDialog.getSaveFileName(parent, caption, suggested, file_filter,
                                       options=QFileDialog.Option.DontUseNativeDialog)
