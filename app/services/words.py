"""What the core says to a person, as a code and its parameters, never as prose (issue 11 item 4).

The core (services, runner, relay) builds :class:`Words`; the GUI words them through Qt
(``ui.words.say``), the command lines through ``ota.wording.say``: both read the one set of
Qt Linguist messages (resources/i18n/*.ts), so a counter screen and a console show the same
words.  The English source of each code is the table in ui/words.py (context ``CoreWords``);
the card prompts' codes are ui/prompts.py's and an error's code is ui/errors.py's.

A parameter that names a state or a kind (``state=Locked``) is itself worded from the context
``ErrorParams``, like an error's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ota.protocol import OperationKind


@dataclass(frozen=True)
class Words:
    """A stable ``code`` (``progress.load``) and the values of its ``{name}`` placeholders."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, **params: object) -> Words:
        """``Words.of("progress.load", done=3, total=40)``: every value as its text."""
        return cls(code, {name: str(value) for name, value in params.items()})

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


def service_title(kind: OperationKind | str) -> Words:
    return Words(f"service.title.{OperationKind(kind).value}")


# Progress: ``stage`` is the machine's word (ui/widgets/progress_panel.py phases on it), these
# are the person's.
READING_CARD = Words("progress.card")
STARTING = Words("progress.start")
DONE = Words("progress.done")
FAILED = Words("progress.failed")


def in_queue(ahead: int) -> Words:
    """The phone is busy with another service (§5.8.8): ``ahead`` requests before this one."""
    return Words.of("progress.queue", ahead=ahead)


def loading(done: int, total: int) -> Words:
    return Words.of("progress.load", done=done, total=total)


def script_step(step: int, done: int, total: int) -> Words:
    return Words.of("progress.apdu", step=step, done=done, total=total)


# A receipt line's label, by the line's key (ServiceOutcome.receipt.lines).
RECEIPT_KEYS = ("app", "state", "previous_msisdn", "target_seid")


def receipt_label(key: str) -> Words:
    return Words(f"receipt.label.{key}")


def core_codes() -> frozenset[str]:
    """Every code of the core's own words (the card prompts' and the errors' are tested apart)."""
    codes = {service_title(kind).code for kind in OperationKind}
    codes |= {w.code for w in (READING_CARD, STARTING, DONE, FAILED, in_queue(0), loading(0, 0),
                               script_step(0, 0, 0))}
    codes |= {receipt_label(key).code for key in RECEIPT_KEYS}
    return frozenset(codes)
