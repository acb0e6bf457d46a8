"""Unlock lives with lock in ``lock.py``; this module names it for the flow registry."""

from __future__ import annotations

from ota.platform.flows.lock import UNLOCK as FLOW

__all__ = ["FLOW"]
