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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

API_PREFIX = "/api/v1"

MAX_STEP = 10_000
"""No operation has anywhere near this many steps; bigger numbers are refused by the schema."""
MAX_PARAM_INT = 2**53
"""Integers in ``params`` stay exact in every JSON reader and fit a database BIGINT."""
MAX_PARAM_TEXT = 1024
MAX_PARAMS = 32

Hex = Annotated[str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2})*$", to_upper=True)]
"""Bytes on the wire: an even number of hex digits (may be empty)."""

HexSw = Annotated[str, StringConstraints(pattern=r"^[0-9A-Fa-f]{4}$", to_upper=True)]
"""One accepted status word, exactly four hex digits such as ``9000`` or ``6310``."""

Apdu = Annotated[
    str, StringConstraints(pattern=r"^(?:[0-9A-Fa-f]{2}){2,}$", max_length=2 * 65_546, to_upper=True)
]
"""A command or response APDU: at least two bytes."""


def _clean(value: Any, depth: int = 0) -> None:
    """Refuse what no field may hold: NUL characters (PostgreSQL text cannot store them),
    non-finite numbers (JSON has none) and deep nesting."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("NUL characters are not allowed")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("NaN and infinite numbers are not allowed")
    elif isinstance(value, dict | list | tuple):
        if depth > 8:
            raise ValueError("nested too deeply")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            _clean(key, depth + 1)
            _clean(item, depth + 1)


def _bounded_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` are free-form but small: short texts, exact integers, at most two levels."""

    def check(value: Any, depth: int) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int):
            if abs(value) > MAX_PARAM_INT:
                raise ValueError(f"integers in params must be within +-2^53, got {value}")
        elif isinstance(value, str):
            if len(value) > MAX_PARAM_TEXT:
                raise ValueError(f"texts in params are at most {MAX_PARAM_TEXT} characters")
        elif isinstance(value, float):
            return
        elif isinstance(value, dict | list):
            if depth >= 2 or len(value) > MAX_PARAMS:
                raise ValueError("params nest at most two levels of at most 32 items")
            for item in value.values() if isinstance(value, dict) else value:
                check(item, depth + 1)
        else:
            raise ValueError(f"unsupported value in params: {type(value).__name__}")

    for value in params.values():
        check(value, 0)
    return params


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _no_nul_no_nan(cls, data: Any) -> Any:
        _clean(data)
        return data


class OperationKind(StrEnum):
    QUERY = "query"
    LOCK = "lock"
    UNLOCK = "unlock"
    DOWNLOAD = "download"
    DELETE = "delete"
    MIGRATE = "migrate"
    CHANGE_NUMBER = "change_number"
    SD_CREATE = "sd_create"  # issue 13: supplementary SD creation + key update (§5.8.3.1-2)
    SD_DELETE = "sd_delete"  # issue 13: §5.8.3.3
    PERSO_UPDATE = "perso_update"  # issue 13: §5.8.4.6 personalisation (mode 2 TK/KEK) of an installed app


class OperationState(StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    NEED_CARD = "need_card"
    CANCELLED = "cancelled"
    QUEUED = "queued"
    """Waiting in its SE's queue (seed §5.8.8): holds no link, has no script yet."""

    @property
    def finished(self) -> bool:
        return self in (OperationState.DONE, OperationState.FAILED, OperationState.CANCELLED)


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    KIOSK = "kiosk"
    ADMIN = "admin"
    AUDITOR = "auditor"
    # issue 14: business administration (seed §5.4.4, §5.6, §5.7.3)
    BUSINESS_ADMIN = "business_admin"
    TESTER = "tester"
    PROVIDER = "provider"
    BUSINESS_PLATFORM = "biz_platform"  # operators.role holds 16 characters


class TerminalKind(StrEnum):
    COUNTER = "counter"
    LAPTOP = "laptop"
    KIOSK = "kiosk"


class Service(StrEnum):
    """What an operator may be allowed to do: the operation kinds, plus the non-card services.

    ``ota.platform.policy`` holds the one table of who may use which service where; the login
    answer lists the caller's services so the terminal shows only those.
    """

    QUERY = "query"
    LOCK = "lock"
    UNLOCK = "unlock"
    DOWNLOAD = "download"
    DELETE = "delete"
    MIGRATE = "migrate"
    CHANGE_NUMBER = "change_number"
    SD_CREATE = "sd_create"
    SD_DELETE = "sd_delete"
    PERSO_UPDATE = "perso_update"
    DIAGNOSTICS = "diagnostics"
    ADMINISTRATION = "administration"
    AUDIT_READ = "audit_read"


ParamValue = str | int
"""A parameter of a code's words: an identifier, a count, a state or region code; never a secret."""


class ErrorBody(_Model):
    """Every error the platform returns: a code and its parameters, no prose.

    ``code`` is stable and dotted (``auth.expired``, ``se_busy``, ...); its words, in every
    language, are Qt Linguist messages (resources/i18n, context ``Errors``) whose ``{name}``
    placeholders ``params`` fill.  ``incident`` is set for unexpected server errors so the clerk
    can quote it and an engineer can find the traceback; ``detail`` is for programs.
    """

    code: str
    params: dict[str, ParamValue] = Field(default_factory=dict)
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
    # --- from the terminal's enrolment and the policy table (issue 9 items 5, 6) ---
    terminal_id: str = ""
    hall: str = ""
    terminal_region: str = ""
    services: list[Service] = Field(default_factory=list)
    """What this operator may do at this terminal: the UI offers only these."""
    idle_timeout_s: int = 0
    """The platform logs the session out after this long without a request."""


class CardIdentity(_Model):
    """What the terminal read from the card itself before starting (SELECT ISD, GET DATA)."""

    atr: Hex = Field(max_length=128)
    seid: Hex = Field(min_length=2, max_length=64)
    cplc: Hex = Field(default="", max_length=512)
    max_command_data: int = Field(default=255, ge=255, le=65535)
    """Largest command data field the terminal's reader and the card take (ISO 7816-4 §5.1):
    255 (short APDUs, what older terminals mean by saying nothing; T=0 readers) up to 65535 when
    the card announces extended length.  The platform also needs the card's FCI 9F65 to agree."""


class HostChallenge(_Model):
    """A single-use host challenge for INITIALIZE UPDATE, issued to this terminal ahead of time
    (``POST /challenges``): it lets the start request carry script 1's answers (:class:`Opening`)."""

    id: str = Field(min_length=1, max_length=36)
    challenge: Hex = Field(min_length=16, max_length=16)
    expires_at: datetime
    valid_s: int = Field(ge=0)
    """How long it stays valid from issue: the terminal times it by its own clock, not ``expires_at``."""


class ChallengeRequest(_Model):
    count: int = Field(default=1, ge=1, le=16)


class ChallengeBatch(_Model):
    challenges: list[HostChallenge]


class Opening(_Model):
    """Script 1 (SELECT ISD, INITIALIZE UPDATE with an issued challenge), already run by the
    terminal: the commands exactly as sent and the card's answers, so the start answers with
    script 2 (EXTERNAL AUTHENTICATE onwards) and saves a round trip.  The terminal sends no
    other APDU between this INITIALIZE UPDATE and script 2."""

    challenge_id: str = Field(min_length=1, max_length=36)
    commands: list[Apdu] = Field(min_length=2, max_length=2)
    responses: list[Apdu] = Field(default_factory=list, max_length=2)


class StartOperation(_Model):
    kind: OperationKind
    card: CardIdentity
    params: dict[str, Any] = Field(default_factory=dict, max_length=MAX_PARAMS)
    idempotency_key: str = Field(min_length=8, max_length=128)
    opening: Opening | None = None
    """Script 1's answers (issue 15 item 2); without it the start answers with script 1."""
    # issue 10 (round 3): the per-SE queue.  A terminal that can show a waiting state asks to
    # wait; without it a busy SE is still refused with ``se_busy`` (older clients, task pulls).
    wait_in_queue: bool = False
    cancel_previous: bool = False
    """Cancel this terminal's earlier request still waiting in a queue (``queue.previous_waiting``)."""

    @field_validator("params")
    @classmethod
    def _params_bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key in value:
            if len(key) > 64:
                raise ValueError("param names are at most 64 characters")
        return _bounded_params(value)


class ScriptCommand(_Model):
    apdu: Apdu
    accept: list[HexSw] = Field(default_factory=lambda: ["9000"], min_length=1)


class Script(_Model):
    """One batch of C-APDUs that do not depend on each other's answers."""

    step: int = Field(ge=1, le=MAX_STEP)
    commands: list[ScriptCommand] = Field(min_length=1)
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

    step: int = Field(ge=1, le=MAX_STEP)
    responses: list[Apdu] = Field(default_factory=list, max_length=4096)
    completed: bool = True
    error: str | None = Field(default=None, max_length=64)
    card: CardIdentity | None = None
    opening: Opening | None = None
    """With ``card``: script 1 already run on that card with an issued challenge (issue 15 item 2),
    so a ``need_card`` answer is followed by that card's script 2, as a start's opening is."""

    def response_bytes(self) -> list[bytes]:
        return [bytes.fromhex(r) for r in self.responses]


class NeedCard(_Model):
    """Ask for another phone: ``prompt`` is a code the terminal words (``prompt.place_target``)."""

    role: Literal["target", "source"]
    prompt: str
    params: dict[str, ParamValue] = Field(default_factory=dict)
    seid_expected: Hex | None = None


class QueuePlace(_Model):
    """A queued operation's place: ``position`` 1 is next once the running one ends."""

    position: int = Field(ge=1)
    ahead: int = Field(ge=0)
    """Operations before this one: the running one (if any) and those queued earlier."""


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
    queue: QueuePlace | None = None
    """Set while the operation is ``queued``: where it stands in its SE's queue."""


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


class WaitingOperation(_Model):
    """One counter operation waiting in an SE's queue, as the admin sees it."""

    operation_id: str
    kind: OperationKind
    operator: str
    terminal_id: str
    position: int
    queued_at: datetime
    last_seen: datetime


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
