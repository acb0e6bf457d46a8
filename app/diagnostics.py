"""The technician's one-click diagnostics bundle: logs, APDU trace and configuration in one zip.

Nothing secret goes in: the trace is redacted when it is recorded (app/reader/trace.py), and the
configuration is written with every field whose name says secret (password, token, key, secret,
credential) replaced by ``"<removed>"``.  Log lines are copied as they are: the terminal never
logs secrets (docs/CONTRACTS.md), and a line that still looks like a bearer token is masked.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

SECRET_NAMES = re.compile(r"pass|token|secret|key|credential|pin", re.IGNORECASE)
BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+")
REMOVED = "<removed>"


def redact(value: Any) -> Any:
    """A copy of a JSON-like value with secret-named fields removed."""
    if isinstance(value, dict):
        return {k: REMOVED if SECRET_NAMES.search(str(k)) else redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _config_dict(config: Any) -> dict[str, Any]:
    if hasattr(config, "model_dump"):
        return dict(config.model_dump(mode="json"))
    return {k: v for k, v in vars(config).items() if not k.startswith("_")}


def write_bundle(path: str | Path, config: Any, trace: Any = None, log_dir: str | Path | None = None) -> Path:
    """Write ``path`` (a .zip) and return it; blocking: run it off the GUI thread."""
    out = Path(path)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("config.json", json.dumps(redact(_config_dict(config)), indent=2, ensure_ascii=False))
        if trace is not None:
            bundle.writestr("apdu-trace.txt", "\n".join(e.text() for e in trace.entries) + "\n")
        folder = Path(log_dir) if log_dir else None
        if folder is not None and folder.is_dir():
            for log in sorted(folder.glob("*.log*")):
                text = log.read_text(encoding="utf-8", errors="replace")
                bundle.writestr(f"logs/{log.name}", BEARER.sub(r"\1" + REMOVED, text))
        bundle.writestr("README.txt", f"HallTerm diagnostics bundle, {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z}\n"
                        "config.json: secrets removed; apdu-trace.txt: redacted at recording.\n")
    return out
