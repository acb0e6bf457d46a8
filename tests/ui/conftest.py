from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["hallterm-tests"]


@pytest.fixture
def gui(qapp):  # noqa: ANN001
    """The application as run_gui sets it up: fonts, stylesheet, zh_CN translators."""
    from ui import i18n
    from ui.main import create_application

    create_application([], kiosk=False)
    i18n.translators.apply("zh_CN")
    yield qapp
    i18n.translators.apply("zh_CN")


@pytest.fixture
def backend():
    from tests.ui.fakes import FakeBackend

    return FakeBackend()


def make_window(qtbot, backend, kiosk: bool = False, technician: bool = False):  # noqa: ANN001
    from ui.main import GuiController

    controller = GuiController(backend, kiosk, technician)
    backend.operator = backend.login("clerk01", "secret")
    window = controller.open_window() if not kiosk else _kiosk_window(controller)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: controller.session.reader != "", timeout=3000)
    return controller, window


def _kiosk_window(controller):  # noqa: ANN001
    return controller.open_window()


def shoot(widget, name: str, language: str) -> Path:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}_{language}.png"
    assert widget.grab().save(str(path)), path
    return path
