"""The relay protocol between the terminal and the platform (HTTPS + JSON under ``/api/v1``).

Shared by the terminal's client (``app/client.py``) and the platform (``ota/platform``), so both
sides validate the same shapes.  Bytes travel as upper-case hex strings; the models check the
hex and normalise its case, so code behind them can call ``bytes.fromhex`` without guarding.

The flow of one operation (DESIGN.md §3, modelled on GlobalPlatform SERAM's order/report cycle):

1. ``POST /login`` -> bearer token.
2. ``POST /operations`` with :class:`StartOperation` -> :class:`OperationView` carrying step 1's
   :class:`Script`.
3. The terminal runs the script, stops at the first status word not in a command's ``accept``
   list, and posts :class:`StepResult` to ``/operations/{id}/steps/{n}``.
4. The answer is the next script, or ``done`` / ``failed`` / ``need_card``.  Posting step ``n``
   again with the same body returns the same answer.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

API_PREFIX = "/api/v1"

Hex = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2})*$", to_upper=True)]
"""Bytes on the wire: an even number of hex digits (may be empty)."""

HexSw = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{4}$", to_upper=True)]
"""One accepted status word, exactly four hex digits such as ``9000`` or ``6310``."""

Apdu = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){2,}$", to_upper=True)]
"""A command or response APDU: at least two bytes."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OperationKind(StrEnum):
    QUERY = "query"
    LOCK = "lock"
    UNLOCK = "unlock"
    DOWNLOAD = "download"
    DELETE = "delete"
    MIGRATE = "migrate"
    CHANGE_NUMBER = "change_number"


class OperationState(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    NEED_CARD = "need_card"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (OperationState.DONE, OperationState.FAILED, OperationState.CANCELLED)


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    KIOSK = "kiosk"
    ADMIN = "admin"
    # issue 14: business administration (seed §5.4.4, §5.6, §5.7.3)
    BUSINESS_ADMIN = "business_admin"
    TESTER = "tester"
    PROVIDER = "provider"
    BUSINESS_PLATFORM = "biz_platform"  # operators.role holds 16 characters


class TerminalKind(StrEnum):
    COUNTER = "counter"
    LAPTOP = "laptop"
    KIOSK = "kiosk"


class ErrorBody(_Model):
    """Every error the platform returns, with texts for the clerk in both languages.

    ``code`` is stable and dotted (``auth.expired``, ``se_busy``, ...); ``incident`` is set for
    unexpected server errors so the clerk can quote it and an engineer can find the traceback.
    """

    code: str
    message_zh: str
    message_en: str
    incident: str | None = None
    detail: dict[str, Any] | None = None


class LoginRequest(_Model):
    operator: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256, repr=False)
    terminal_id: str = Field(min_length=1, max_length=64)


class LoginResponse(_Model):
    token: str = Field(repr=False)  # a bearer credential: kept out of reprs and logs
    expires_at: datetime
    operator: str
    role: Role
    region: str
    terminal_kind: TerminalKind


class CardIdentity(_Model):
    """What the terminal read from the card itself before starting (SELECT ISD, GET DATA)."""

    atr: Hex
    seid: Hex = Field(min_length=2, max_length=64)
    cplc: Hex = ""


class StartOperation(_Model):
    kind: OperationKind
    card: CardIdentity
    params: dict[str, Any] = Field(default_factory=dict)
    idempotency_key: str = Field(min_length=8, max_length=128)


class ScriptCommand(_Model):
    apdu: Apdu
    accept: list[HexSw] = Field(default_factory=lambda: ["9000"], min_length=1)


class Script(_Model):
    """One batch of C-APDUs that do not depend on each other's answers."""

    step: int = Field(ge=1)
    commands: list[ScriptCommand] = Field(min_length=1)
    note_zh: str = ""
    note_en: str = ""
    load_blocks: int = Field(default=0, ge=0)
    """How many of the commands are LOAD blocks, so the terminal can show block progress."""


class StepResult(_Model):
    """The terminal's report for one script.

    ``responses`` holds one R-APDU (data + SW) per command that ran, in order; the terminal
    stops after the first response whose SW is not accepted, so ``completed`` is false then or
    when the card went away (``error`` = ``card_removed``).  When the operation waits for a
    card (``need_card``), the terminal posts the next step with no responses and the new
    ``card``.
    """

    step: int = Field(ge=1)
    responses: list[Apdu] = Field(default_factory=list)
    completed: bool = True
    error: str | None = Field(default=None, max_length=64)
    card: CardIdentity | None = None

    def response_bytes(self) -> list[bytes]:
        return [bytes.fromhex(r) for r in self.responses]


class NeedCard(_Model):
    role: Literal["target", "source"]
    message_zh: str
    message_en: str
    seid_expected: Hex | None = None


class OperationView(_Model):
    id: str
    kind: OperationKind
    state: OperationState
    step: int
    seid: str
    script: Script | None = None
    result: dict[str, Any] | None = None
    error: ErrorBody | None = None
    need_card: NeedCard | None = None
    created_at: datetime
    updated_at: datetime


class OperationList(_Model):
    operations: list[OperationView]


class LinkView(_Model):
    """One active per-SE link (lease) as the admin sees it."""

    seid: str
    operation_id: str
    kind: OperationKind
    operator: str
    claimed_at: datetime
    expires_at: datetime


class LinkList(_Model):
    links: list[LinkView]


class CatalogEntry(_Model):
    """One application a clerk may offer (``GET /apps``): what the download screen lists."""

    app_id: str
    name: str
    title_zh: str = ""
    title_en: str = ""
    version: str = ""
    provider: str = ""
    aid: Hex = ""
    """The first instance AID: what the subscriber's phone selects."""
    size: int = Field(default=0, ge=0)
    """Non-volatile memory the application needs on the SE, in bytes."""
    needs_personalisation: bool = False
    needs_activation: bool = False


class Catalog(_Model):
    apps: list[CatalogEntry]


class Health(_Model):
    status: Literal["ok"] = "ok"
    database: str
    version: str
