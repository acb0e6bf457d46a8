"""Delete an application (DELETE, GPC 2.2.1 §11.2): the instance, or with its load file."""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, instance, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def delete(
    ctx: ServiceContext, reader: str | None, app_id: str, instance_only: bool = False,
    msisdn: str | None = None, params: dict[str, Any] | None = None, instance_aid: str | None = None,
) -> ServiceOutcome:
    """``instance_aid``: that one instance of a multi-instance application (§5.8.4.2)."""
    merged = subscriber_params(msisdn, params, app_id=app_id, instance_only=instance_only, **instance(instance_aid))
    return run_operation(ctx, OperationKind.DELETE, reader, merged, app_id=app_id)
