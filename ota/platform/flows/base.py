"""The Flow interface: stateless code that drives one kind of operation, step by step.

A flow never keeps state in memory between steps.  ``start`` produces the first outcome;
``advance`` gets the checkpoint it returned last time plus the terminal's report and produces
the next.  The engine persists the checkpoint, numbers the steps, holds the SE's link and
answers retries, so any platform process can run any step.

What goes in a checkpoint: JSON-able values only, e.g. the SCP02 ``ChannelCheckpoint``
(sequence counter, security level, MAC chaining values; GPC 2.2.1 Appendix E) and the flow's
own position.  Never session or static keys: the flow gets those again from ``ctx.keystore``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ota.platform.errors import PlatformError
from ota.protocol import CardIdentity, OperationKind, Role, StepResult, TerminalKind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ota.platform.auth import Principal
    from ota.platform.keystore import KeyStore
    from ota.platform.models import Operation


@dataclass(frozen=True)
class Command:
    """One C-APDU of a script and the status words after which the terminal goes on."""

    apdu: bytes
    accept: tuple[int, ...] = (0x9000,)


@dataclass(frozen=True)
class ScriptOutcome:
    """Send these commands to the card; come back with ``checkpoint`` and the responses."""

    commands: list[Command]
    checkpoint: dict[str, Any]
    load_blocks: int = 0


@dataclass(frozen=True)
class DoneOutcome:
    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FailedOutcome:
    code: str
    detail: dict[str, Any] | None = None
    params: dict[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class NeedCardOutcome:
    """Ask the terminal for another card (migration: "put the new phone on the reader").

    The terminal posts the next step with no responses and the new card's identity in
    ``StepResult.card``; ``advance`` then sees it as ``ctx.card``.
    """

    role: Literal["target", "source"]
    checkpoint: dict[str, Any]
    seid_expected: str | None = None


Outcome = ScriptOutcome | DoneOutcome | FailedOutcome | NeedCardOutcome


class FlowError(PlatformError):
    """A flow's expected refusal (e.g. region mismatch); the operation fails with its code."""

    status = 409


@dataclass
class FlowContext:
    """Everything a flow may use for one start or step.

    ``session`` is inside the engine's transaction: rows the flow changes are committed together
    with the checkpoint, or rolled back together when the flow raises.
    """

    session: Session
    operation: Operation
    keystore: KeyStore
    card: CardIdentity
    params: dict[str, Any]
    principal: Principal
    claim_se: Callable[[str], None]
    """Take the link of a second SE for this operation (migration); raises ``SeBusyError``."""
    lease_ttl: timedelta = timedelta(minutes=10)
    findings: dict[str, Any] = field(default_factory=dict)
    """What the step learnt besides its outcome (e.g. a reconciliation); joins a done result."""

    @property
    def seid(self) -> bytes:
        return bytes.fromhex(self.card.seid)


class Flow:
    """Base class of the flows; subclasses set ``kind`` and implement both methods."""

    kind: ClassVar[OperationKind]
    roles: ClassVar[frozenset[Role]] = frozenset(Role)
    """Operator roles allowed to start this operation."""
    terminal_kinds: ClassVar[frozenset[TerminalKind]] = frozenset(TerminalKind)
    """Terminal kinds allowed to start it; unlock excludes kiosks (seed §5.8.4.3)."""

    def start(self, ctx: FlowContext) -> Outcome:
        raise NotImplementedError

    def advance(self, ctx: FlowContext, checkpoint: dict[str, Any], result: StepResult) -> Outcome:
        raise NotImplementedError


class FlowRegistry:
    """Which flow runs which operation kind."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow] = {}

    def register(self, flow: Flow, kind: str | None = None) -> None:
        self._flows[str(kind or flow.kind)] = flow

    def get(self, kind: str) -> Flow | None:
        return self._flows.get(str(kind))

    def kinds(self) -> list[str]:
        return sorted(self._flows)
