"""Start the GUI: ``hallterm gui [--kiosk] [--technician]`` and ``hallterm demo``.

Sets up the application (language, fonts, stylesheet), logs the operator in, and runs the main
window.  In demo mode the embedded platform and the virtual SEs start first and stop last.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Only what the login form's first paint needs (issue 15 item 4).  Not the ``Qt`` namespace: its
# first use builds a hundred Python enums (~30 ms); the kiosk, the error words and the pages
# load when they are used, after the paint.
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from ui import i18n

if TYPE_CHECKING:
    from ui.kiosk import IdleWatcher

logger = logging.getLogger(__name__)
_STARTED = time.perf_counter()
DEVICE_LOGIN_RETRY_MS = 30_000


def load_stylesheet(kiosk: bool) -> str:
    folder = i18n.resources_dir() / "qss"
    parts = ["hallterm.qss"] + (["kiosk.qss"] if kiosk else [])
    return "\n".join((folder / p).read_text(encoding="utf-8") for p in parts if (folder / p).exists())


def create_application(argv: Sequence[str], kiosk: bool = False) -> QApplication:
    """The QApplication, with a CJK font and the stylesheet (idempotent for tests)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) or ["hallterm"])
    app.setApplicationName("HallTerm")
    app.setOrganizationName("HallTerm")
    i18n.setup_fonts(app, 14 if kiosk else 11)
    app.setWindowIcon(QIcon(str(i18n.resources_dir() / "icons" / "hallterm.svg")))
    app.setStyleSheet(load_stylesheet(kiosk))
    return app


class _BenchmarkExit(QObject):
    """Benchmark hook (``HALLTERM_EXIT_AFTER_FIRST_PAINT=1``): report the first paint, and exit once
    start-up is done too (the core loads after the login form's first paint: issue 15 item 4).

    ``first-paint S s peak-rss K KiB cpu C s at EPOCH`` (S from the ``ui.main`` import; C = the process's
    CPU time, steady on a busy machine; EPOCH = ``time.time()``, for the time from spawn) and ``ready S s peak-rss K KiB`` (core loaded, login form usable)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.painted = self.ready = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.painted and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                and watched.isWindow():
            self.painted = True
            self._say(f"first-paint {time.perf_counter() - _STARTED:.3f}s peak-rss {_peak_rss_kib()} KiB "
                      f"cpu {time.process_time():.3f}s at {time.time():.3f}")
            if self.ready:
                os._exit(0)
        return False

    def start_up_done(self) -> None:
        self.ready = True
        if self.painted:
            self._say(f"ready {time.perf_counter() - _STARTED:.3f}s peak-rss {_peak_rss_kib()} KiB")
            os._exit(0)

    @staticmethod
    def _say(line: str) -> None:
        print(line, flush=True)


def _peak_rss_kib() -> int:
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _AfterFirstPaint(QObject):
    """Runs ``then`` once, as soon as a window has painted (and takes itself out)."""

    def __init__(self, parent: QObject, then: Any) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._then is not None and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                and watched.isWindow():
            then, self._then = self._then, None
            QTimer.singleShot(0, then)
            self.deleteLater()
        return False


class GuiController:
    """Owns the session and the window; handles login, log-out and language changes."""

    def __init__(self, backend: Any, kiosk: bool, technician: bool, early_login: Any = None) -> None:
        from ui.session import Session

        self.early_login = early_login
        """A login form already on screen (:func:`paint_login_early`), used by the first login."""
        self.backend = backend
        self.kiosk, self.technician = kiosk, technician
        self.session = Session(backend, kiosk=kiosk, technician=technician)
        # Queued: the dialog must not open inside the callback that reported the expiry.
        self.session.login_expired.connect(lambda: QTimer.singleShot(0, self.logout))
        self.window: Any = None
        self.idle: IdleWatcher | None = None
        self._logging_in = False

    def set_language(self, language: str) -> None:
        applied = i18n.translators.apply(language)
        i18n.save_language(applied)
        if self.window is not None:
            self.window.mark_language(applied)

    def login(self, operator: str = "", password: str = "") -> bool:
        if self.kiosk:
            return self.device_login(operator, password)
        from ui.login import LoginDialog

        dialog, self.early_login = self.early_login, None
        if dialog is not None:
            dialog.attach(self.session, operator, password)
        else:
            dialog = LoginDialog(self.session, operator, password)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.session.fetch_ahead()
        return True

    def device_login(self, operator: str = "", password: str = "") -> bool:
        """The kiosk logs itself in as a device: no login form on a public screen.

        The device credentials come from the demo, or from the file ``HALLTERM_KIOSK_CREDENTIALS``
        names (operator on the first line, password on the second; readable by the kiosk account
        only).  A refusal leaves the kiosk "out of service" and is retried, never asked for.
        """
        if operator:
            self.device_credentials = (operator, password)
        from app.device import kiosk_credentials

        operator, password = getattr(self, "device_credentials", None) or kiosk_credentials()
        try:
            self.backend.operator = self.backend.login(operator, password)
            self.session.fetch_ahead()
        except Exception as exc:  # noqa: BLE001 - logged for staff; the customer sees "out of service"
            logger.error("kiosk device login failed: %s", getattr(exc, "code", type(exc).__name__))
            QTimer.singleShot(DEVICE_LOGIN_RETRY_MS, self._retry_device_login)
        return True  # the kiosk window opens either way: its status line says whether it serves

    def _retry_device_login(self) -> None:
        if self.backend.operator is None and self.window is not None:
            self.device_login()
            self.window.status.check_platform()

    def open_window(self) -> Any:
        from ui.main_window import MainWindow

        window = MainWindow(self.session)
        window.language_requested.connect(self.set_language)
        window.logout_requested.connect(self.logout)
        window.mark_language(i18n.current_language())
        self.window = window
        window.status.start()
        if self.kiosk:
            self._kiosk(window)
        else:
            window.show()
        return window

    def _kiosk(self, window: Any) -> None:
        from PySide6.QtCore import Qt

        from ui.kiosk import IdleWatcher, KeyGuard

        app = QApplication.instance()
        assert app is not None  # the GUI runs inside a QApplication
        seconds = int(getattr(self.backend.config, "idle_reset_s", 120))
        self.idle = IdleWatcher(seconds, window)
        self.idle.idle.connect(window.reset_to_start)
        self.guard = KeyGuard(window)
        app.installEventFilter(self.idle)
        app.installEventFilter(self.guard)
        self.idle.start()
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        window.showFullScreen()

    def logout(self) -> None:
        """Log-out, or a login that expired: stop the services, then the login dialog again."""
        if self._logging_in or self.window is None:
            return  # several calls may come back expired at once: one dialog is enough
        self._logging_in = True
        try:
            self.session.cancel_all()
            if self.kiosk:  # an expired device login: log in again, the customer sees nothing of it
                self.window.reset_to_start()
                self.device_login()
                return
            self.backend.operator = None
            self.session.clear_customer()  # nothing of the last customer behind the login dialog
            self.window.show_page("home")
            self.window.status.show_operator()
            if not self.login():
                self.window.close()
            else:
                self.window.status.show_operator()
        finally:
            self._logging_in = False


def _log_to_file() -> None:
    """Incidents shown to the clerk must be findable: keep a rotating log in the data folder."""
    from logging.handlers import RotatingFileHandler

    try:
        from app.paths import default_data_dir  # not app.config: pydantic loads after the first paint

        folder = default_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / "hallterm-gui.log", maxBytes=2_000_000, backupCount=5,
                                      encoding="utf-8")
    except OSError:
        logger.warning("no log file; logging to stderr only")
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))


def install_excepthook() -> None:
    """A bug in a slot becomes an incident the clerk can quote, not a silent crash or a traceback."""
    shown: set[str] = set()

    def hook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        from ui import errors

        error = errors.describe(exc.with_traceback(tb), i18n.current_language())  # type: ignore[arg-type]
        key = f"{kind.__name__}:{exc}"
        if key not in shown and QApplication.instance() is not None:
            shown.add(key)  # once per kind of failure, not a storm of dialogs
            QMessageBox.warning(QApplication.activeWindow(), "HallTerm", error.text)

    sys.excepthook = hook


def run_gui(argv: Sequence[str] | None = None, kiosk: bool = False, technician: bool = False,
            demo: Any = False, config: Any = None, config_path: Path | None = None) -> int:
    """Run the terminal's GUI until the window closes; returns the process exit code.

    ``demo`` is False, True (start a DemoEnvironment here and stop it at the end), or a running
    ``DemoEnvironment`` owned by the caller (``hallterm demo``).  ``config`` is a TerminalConfig;
    without one, ``config_path`` (which must exist) or the user's configuration file is read, after
    the login form has painted.  ``--kiosk`` / ``--technician`` in
    ``argv`` count as the keyword arguments.
    """
    argv = list(sys.argv if argv is None else argv)
    kiosk = kiosk or "--kiosk" in argv
    technician = technician or "--technician" in argv
    app = create_application(argv, kiosk)
    install_excepthook()
    benchmark = _BenchmarkExit(app) if os.environ.get("HALLTERM_EXIT_AFTER_FIRST_PAINT") else None
    early = paint_login_early(app, config_path, benchmark) if not (demo or config is not None or kiosk) else None
    if benchmark is not None and early is None:
        app.installEventFilter(benchmark)  # whichever window paints first
    _log_to_file()
    env, own_env = None, False
    try:
        config, env, own_env = _configuration(demo, config, config_path)
        kiosk = kiosk or bool(getattr(config, "kiosk", False))
        i18n.translators.apply(i18n.saved_language(getattr(config, "language", None)))
        create_application(argv, kiosk)
        from ui.backend import AppBackend

        backend = AppBackend(config, env, own_demo=own_env)
    except Exception as exc:  # noqa: BLE001 - shown to the person at the terminal, then exit
        if own_env and env is not None:
            env.stop()
        if early is not None:
            early.close()
        if benchmark is not None:
            benchmark.start_up_done()
        from ui import errors

        QMessageBox.critical(None, "HallTerm", errors.describe(exc, i18n.current_language()).text)
        return 2
    if early is not None and kiosk:  # the configuration asks for a kiosk: no login form on its screen
        early.close()
        early = None
    controller = GuiController(backend, kiosk, technician, early_login=early)
    if benchmark is not None:
        benchmark.start_up_done()
    if hasattr(backend, "prepare"):  # once the login dialog has painted, while the clerk types
        def prepare() -> None:
            controller.session.in_pool(backend.prepare, lambda _r: None)

        if early is not None:
            QTimer.singleShot(0, prepare)  # it has painted already
        else:
            app.installEventFilter(_AfterFirstPaint(app, prepare))
    try:
        if not controller.login(*_demo_login(env, kiosk, technician, admin="--admin" in argv)):
            return 0
        if admin_wanted(argv, backend.operator):
            controller.window = open_admin_workspace(backend)  # issue 14: the admin workspace
            return int(app.exec())
        controller.open_window()
        return int(app.exec())
    finally:
        controller.session.shutdown()
        backend.close()


FIRST_PAINT_WAIT_MS = 2_000
"""How long start-up waits for the login form to paint before loading the core anyway."""


def paint_login_early(app: QApplication, config_path: Path | None = None, watcher: QObject | None = None) -> Any:
    """Show the login form before the core loads, and wait until it has painted (issue 15 item 4).

    The form needs only Qt, the language and the terminal id (read raw from the configuration
    file; :func:`app.config.load_config` validates it right after).  pydantic, the HTTPS client,
    the journal and the pages load after the first paint, while the clerk types.  Returns the
    dialog, which :meth:`GuiController.login` takes over, or None when the file asks for a kiosk.
    ``watcher`` (the benchmark hook) sees the form's events.

    The paint is watched on the form itself, not application-wide: a Python event filter on the
    application gets every event of every object wrapped for Python, and building those wrapper
    types (and their enums) before the first paint costs more than the paint itself.
    """
    from PySide6.QtCore import QEventLoop

    from app.paths import peek_config
    from ui.login import LoginDialog

    raw = peek_config(config_path)
    if raw.get("kiosk") is True:
        return None
    language = raw.get("language")
    i18n.translators.apply(i18n.saved_language(language if isinstance(language, str) else None))
    dialog = LoginDialog(None, terminal_id=str(raw.get("terminal_id", "")))
    painted = QEventLoop()
    dialog.installEventFilter(_AfterFirstPaint(dialog, painted.quit))
    if watcher is not None:
        dialog.installEventFilter(watcher)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, painted.quit)
    dialog.show()
    painted.exec()
    return dialog


ADMIN_ROLES = ("admin", "business_admin")


def admin_wanted(argv: Sequence[str], operator: Any) -> bool:
    """A business administrator gets the admin workspace; an administrator with ``--admin``."""
    role = str(getattr(operator, "role", ""))
    return role == "business_admin" or (role in ADMIN_ROLES and "--admin" in argv)


def open_admin_workspace(backend: Any) -> Any:
    from ui.pages.admin import AdminWorkspace

    workspace = AdminWorkspace(backend.admin())
    workspace.resize(1100, 720)
    workspace.show()
    workspace.refresh()
    return workspace


def _configuration(demo: Any, config: Any, config_path: Path | None = None) -> tuple[Any, Any, bool]:
    """(config, demo environment or None, whether we own the environment)."""
    if demo is True:
        from app.demo import DemoEnvironment

        env = DemoEnvironment().start()
        return env.config, env, True
    if demo:
        return config or demo.config, demo, False
    if config is None:
        from app.config import load_config

        config = load_config(config_path, missing_ok=config_path is None)
    return config, None, False


def _demo_login(env: Any, kiosk: bool, technician: bool, admin: bool = False) -> tuple[str, str]:
    """In the demo, the login form comes filled in with the demo operator for the mode."""
    if env is None or not hasattr(env, "operators"):
        return "", ""
    wanted = "admin" if admin else "kiosk" if kiosk else "technician" if technician else "clerk"
    for name, password, role, _region in env.operators():
        if role.endswith(wanted):
            return name, password
    return "", ""


def main() -> int:  # python -m ui.main
    logging.basicConfig(level=logging.INFO)
    args = sys.argv[1:]  # python -m ui.main [--demo] [--kiosk] [--technician]
    return run_gui(sys.argv, demo="--demo" in args)


if __name__ == "__main__":
    sys.exit(main())
