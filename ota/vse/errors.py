"""Errors of the virtual secure element."""

from __future__ import annotations

from ota.gp.sw import SW


class CardRemoved(Exception):
    """The card left the field (or lost power): the reader must treat it as a removed card.

    The PC/SC bridge and the in-process reader look for ``card_removed`` rather than the class,
    so they need not import ``ota.vse``.
    """

    card_removed = True
    code = "vse.card_removed"


class StatusWordError(Exception):
    """A command ends with a status word other than 9000; raised deep, answered by the card."""

    code = "vse.status_word"

    def __init__(self, sw: int, reason: str = "") -> None:
        super().__init__(f"{sw:04X} {reason}".strip())
        self.sw = sw


def fail(sw: SW, reason: str = "") -> StatusWordError:
    """``raise fail(SW.WRONG_DATA, "why")`` reads like the GP error tables."""
    return StatusWordError(int(sw), reason)
