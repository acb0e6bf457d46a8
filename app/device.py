"""The kiosk's device login: a public screen never shows a login form.

Until enrolled terminals log in by certificate (mutual TLS), the kiosk's account and password
are read from the file ``HALLTERM_KIOSK_CREDENTIALS`` names: the operator on the first line, the
password on the second, readable by the kiosk's system account only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)


def kiosk_credentials() -> tuple[str, str]:
    """(operator, password), or two empty strings when none are configured."""
    path = os.environ.get("HALLTERM_KIOSK_CREDENTIALS")
    if not path:
        return "", ""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        logger.error("kiosk credentials file %s cannot be read", path)
        return "", ""
    return (lines[0].strip(), lines[1]) if len(lines) >= 2 else ("", "")
