"""Suite-wide set-up for pytest-xdist workers (build/test.sh runs ``-n 2``).

Each worker is its own process with its own session fixtures (test CA, PostgreSQL cluster,
SoftHSM2 token, QApplication) and temp dirs, and every server binds a free port.  What two
workers cannot share is one X display's keyboard focus, so under a display (xvfb-run) each worker
starts an Xvfb of its own for its Qt windows and the GUI subprocesses it spawns.  The PC/SC tests
(one pcscd and one vpcd port on the machine) never run under xdist: build/test.sh gives them a
serial pass of their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.integration.pcsc_stack import PcscStack

SCREEN = "1600x1000x24"
"""As build/test.sh's xvfb-run."""


def pytest_configure(config: pytest.Config) -> None:
    # The terminal's QSettings (the clerk's last language) and config file live under the user's
    # XDG config folder: a test must never change the real user's (a GUI test that chose English
    # left the next `hallterm demo` in English).  Workers inherit it from the controller.
    if "HALLTERM_TEST_CONFIG_HOME" not in os.environ:
        os.environ["HALLTERM_TEST_CONFIG_HOME"] = tempfile.mkdtemp(prefix="hallterm-test-config-")
    os.environ["XDG_CONFIG_HOME"] = os.environ["HALLTERM_TEST_CONFIG_HOME"]
    if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("DISPLAY") and shutil.which("Xvfb"):
        server, display = _start_xvfb()
        os.environ["DISPLAY"] = display
        config.add_cleanup(lambda: _stop(server))


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb on the first free display number; returns once it accepts clients."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # written when the server is ready
    if not number:
        _stop(server)
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    """pcscd with the vpcd driver, started (or reused) once for the whole PC/SC pass."""
    from tests.integration.pcsc_stack import PcscStack  # pyscard: only where a test asks for it

    stack = PcscStack()
    stack.ensure_running()
    yield stack
    stack.close()
