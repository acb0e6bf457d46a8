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
    # A kiosk ignores close requests; the test's clean-up is staff shutting it down.
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "allow_close", True))
    qtbot.waitUntil(lambda: controller.session.reader != "", timeout=3000)
    return controller, window


def _kiosk_window(controller):  # noqa: ANN001
    return controller.open_window()


def shoot(widget, name: str, language: str) -> Path:  # noqa: ANN001
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}_{language}.png"
    assert widget.grab().save(str(path)), path
    return path


def confirm(qtbot, page, last_digits: str = "123X") -> None:  # noqa: ANN001
    """Answer the confirmation step of an irreversible service as the clerk would."""
    qtbot.waitUntil(lambda: page.confirm_dialog is not None and page.confirm_dialog.isVisible(), timeout=5000)
    dialog = page.confirm_dialog
    if dialog.confirmation.needs_identity:
        assert not dialog.ok_button.isEnabled()  # no identity check, no service
        qtbot.keyClicks(dialog.last_digits, last_digits)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()


def receipt_png(pdf: Path, name: str, language: str) -> Path:
    """Render a receipt PDF to test-artifacts/screenshots/<name>_<language>.png (poppler's pdftoppm)."""
    import shutil
    import subprocess

    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm is missing: build/setup.sh installs poppler-utils"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = SCREENSHOTS / f"{name}_{language}"
    subprocess.run([tool, "-png", "-r", "90", "-singlefile", str(pdf), str(base)], check=True, timeout=60)
    out = base.with_suffix(".png")
    assert out.stat().st_size > 5000, out
    return out
