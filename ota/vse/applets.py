"""Behaviour of the applications loaded on the virtual card.

The emulator does not run Java Card byte code.  A selectable application answers SELECT with a
small FCI ``6F{84 AID}``; a locked one (life cycle b8 set) refuses selection with 6999, the Java
Card "applet selection failed" status, so a terminal can tell "locked" (6999) from "absent"
(6A82).  An application still INSTALLED (not selectable) answers 6A82 like an absent one.

Personalisation data received through its Security Domain (INSTALL [for personalization] +
STORE DATA) is kept per tag / DGI; ``GET DATA`` (CLA 00 or 80, INS CA) with P1P2 = that tag
returns the stored value bytes (6A88 when nothing is stored under it).  Every other command
answers 6D00.
"""

from __future__ import annotations

from ota.gp.apdu import CommandApdu
from ota.gp.constants import AppLifeCycle, Ins
from ota.gp.sw import SW
from ota.gp.tlv import encode_tlv
from ota.vse.errors import StatusWordError, fail
from ota.vse.state import Application

SELECTION_FAILED = 0x6999


def select(app: Application) -> bytes:
    """FCI of a selected application, or a status word error when it cannot be selected."""
    if app.locked:
        raise StatusWordError(SELECTION_FAILED, "application is locked")
    if app.life_cycle == AppLifeCycle.INSTALLED:
        raise fail(SW.FILE_NOT_FOUND, "application is not selectable")
    return encode_tlv(0x6F, encode_tlv(0x84, app.aid))


def process(app: Application, command: CommandApdu) -> bytes:
    """A command sent to the selected application (not the Security Domain)."""
    if command.ins != Ins.GET_DATA:
        raise fail(SW.INS_NOT_SUPPORTED, "application supports GET DATA only")
    tag = (command.p1 << 8) | command.p2
    value = app.data.get(tag)
    if value is None:
        raise fail(SW.REFERENCED_DATA_NOT_FOUND, f"no data under {tag:04X}")
    return value
