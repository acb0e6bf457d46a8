"""Platform settings, passed to ``create_app``; nothing is read from globals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path


@dataclass(frozen=True)
class PlatformSettings:
    token_ttl: timedelta = timedelta(hours=8)
    """How long a login token stays valid."""
    lease_ttl: timedelta = timedelta(minutes=2)
    """A link to an SE not renewed by a step for this long is stale and can be taken over.

    Short (issue 9): every step renews it, and the same terminal and operator may take over
    their own at once, so only another terminal ever waits for it."""
    master_key_path: Path | None = None
    """File with the keystore's master key (created 0600 when missing); or HALLTERM_MASTER_KEY."""
    version: str = "0.1.0"
