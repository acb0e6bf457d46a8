"""Delete an application (DELETE, GPC 2.2.1 §11.2): the instance, or with its load file."""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def delete(
    ctx: ServiceContext, reader: str | None, app_id: str, instance_only: bool = False,
    msisdn: str | None = None, params: dict[str, Any] | None = None,
) -> ServiceOutcome:
    merged = subscriber_params(msisdn, params, app_id=app_id, instance_only=instance_only)
    return run_operation(ctx, OperationKind.DELETE, reader, merged, app_id=app_id)
