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
    # --- access control (issue 9 items 7, 8) ---
    idle_ttl: timedelta = timedelta(minutes=15)
    """A token not used for this long is revoked (the clerk walked away)."""
    login_max_failures: int = 5
    """Failed logins for one operator name within ``login_window`` before it is locked out."""
    login_window: timedelta = timedelta(minutes=15)
    login_lockout: timedelta = timedelta(minutes=5)
    """How long a locked-out name gets 429 + Retry-After, even with the right password."""
    max_body_bytes: int = 4 * 1024 * 1024
    """Request bodies above this are refused with 413 before they are read into memory."""
    # --- behind a TLS-terminating proxy (issue 15 item 3, ota/platform/proxy.py) ---
    trusted_proxies: frozenset[str] = frozenset()
    """SHA-256 fingerprints of the client certificates of proxies whose forwarded terminal
    certificate (header ``X-HallTerm-Client-Cert``) is believed; from anyone else it is refused."""
    terminal_ca: Path | None = None
    """The CA (PEM, may be a bundle) that issues terminal certificates: a forwarded one must chain to it."""
