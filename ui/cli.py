"""The ``hallterm`` console script: the command line of app.cli, with the GUI plugged in.

This is the composition root of the terminal. It lives in ``ui`` because only ``ui`` may know
both sides (ui -> app); Qt is imported only when a GUI command runs, so ``hallterm --version``
and the card and service commands start without it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from app import cli


def run_gui(*args: Any, **kwargs: Any) -> int:
    from ui.main import run_gui as run  # Qt starts here, not at `hallterm --version`

    return run(*args, **kwargs)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, run_gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
