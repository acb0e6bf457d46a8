"""Virtual GlobalPlatform secure element (card emulator); see ``ota.vse.card``."""

from __future__ import annotations

from ota.vse.card import VirtualCard
from ota.vse.errors import CardRemoved
from ota.vse.state import CardState

__all__ = ["CardRemoved", "CardState", "VirtualCard"]
