"""Operation flows: the interface in ``base.py``, one module per operation kind beside it.

``default_registry()`` collects the concrete flows that exist (``query.py``, ``lock.py``, ...);
each such module exposes ``FLOW``, an instance of a :class:`~ota.platform.flows.base.Flow`.
"""

from __future__ import annotations

import importlib

from ota.platform.flows.base import (
    Command,
    DoneOutcome,
    FailedOutcome,
    Flow,
    FlowContext,
    FlowError,
    FlowRegistry,
    NeedCardOutcome,
    Outcome,
    ScriptOutcome,
)
from ota.protocol import OperationKind

__all__ = [
    "Command",
    "DoneOutcome",
    "FailedOutcome",
    "Flow",
    "FlowContext",
    "FlowError",
    "FlowRegistry",
    "NeedCardOutcome",
    "Outcome",
    "ScriptOutcome",
    "default_registry",
]


def default_registry() -> FlowRegistry:
    """A registry with every concrete flow module found under ``ota.platform.flows``."""
    registry = FlowRegistry()
    for kind in OperationKind:
        try:
            module = importlib.import_module(f"ota.platform.flows.{kind.value}")
        except ModuleNotFoundError as e:
            if e.name != f"ota.platform.flows.{kind.value}":
                raise
            continue
        registry.register(module.FLOW, kind)
    return registry
