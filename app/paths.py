"""Where the terminal keeps its configuration and data: names only, no validation.

Kept apart from :mod:`app.config` (pydantic) so that the GUI can find the configuration file and
its log folder before its first paint, and import pydantic only after it (issue 15 item 4).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "hallterm"
CONFIG_ENV = "HALLTERM_CONFIG"


def default_config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.json"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def peek_config(path: Path | None = None) -> dict[str, Any]:
    """The configuration file's raw JSON object, or ``{}`` when it is missing or unreadable.

    Only for what the first window shows (terminal id, language, kiosk); :func:`app.config.load_config`
    validates the file right after and reports what is wrong with it."""
    try:
        raw = json.loads((path or default_config_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}
