"""Issue 15 item 4: the login form paints before the core loads, and works once it has."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Loaded only after the first paint: the core, and what the form shows only later (error words,
# panels, the kiosk), or what costs more than it gives before the paint.
AFTER_THE_PAINT = ("pydantic", "requests", "sqlalchemy", "app.config", "ui.session", "ui.backend", "ui.main_window",
                   "ui.errors", "ota.wording", "ui.kiosk", "ui.widgets.panels", "app.commands.common")

EARLY = """
import json, sys
from ui.main import create_application, paint_login_early
from ui.i18n import CJK_FAMILIES
app = create_application(["hallterm"])
dialog = paint_login_early(app)
print(json.dumps({"loaded": sorted(m for m in sys.argv[1:] if m in sys.modules),
                  "visible": dialog.isVisible(), "terminal": dialog.terminal.text(),
                  "ok": dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled(),
                  "cjk_font": dialog.font().family() in CJK_FAMILIES}))
"""


def test_the_login_form_paints_before_pydantic_the_client_and_the_pages_load(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"platform_url": "https://127.0.0.1:9", "terminal_id": "T-EARLY"}))
    env = dict(os.environ, HALLTERM_CONFIG=str(config), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run([sys.executable, "-c", EARLY, *AFTER_THE_PAINT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"loaded": [], "visible": True, "terminal": "T-EARLY", "ok": False, "cjk_font": True}


def test_a_form_painted_early_keeps_what_the_clerk_typed_and_logs_in_once_attached(gui, qtbot, backend) -> None:
    from ui.login import LoginDialog
    from ui.session import Session

    dialog = LoginDialog(None, terminal_id="from-the-raw-file")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.keyClicks(dialog.operator, "clerk01")
    qtbot.keyClicks(dialog.password, "secret")
    dialog.submit()  # Enter before the core is there: nothing happens, nothing is lost
    assert not ok.isEnabled() and not dialog.error.isVisible() and dialog.result() == 0
    dialog.attach(Session(backend), "demo-operator", "demo-password")
    assert ok.isEnabled() and dialog.terminal.text() == "T-0001"  # the validated configuration's
    assert (dialog.operator.text(), dialog.password.text()) == ("clerk01", "secret")
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        dialog.submit()
    assert backend.operator.operator == "clerk01"


def test_challenges_are_fetched_ahead_after_a_service_not_inside_the_next(qtbot, backend) -> None:
    from ui.backend import ServiceRequest
    from ui.session import Session

    fetched: list[int] = []
    backend.fetch_ahead = lambda: fetched.append(1)
    session = Session(backend)
    session.fetch_ahead()  # logged out: nothing to fetch for
    backend.operator = backend.login("clerk01", "secret")
    done: list[object] = []
    session.run(ServiceRequest("query", backend.readers[0]), lambda _p: None, done.append, done.append)
    qtbot.waitUntil(lambda: bool(done) and bool(fetched), timeout=3000)
    assert fetched == [1]
    session.shutdown()
