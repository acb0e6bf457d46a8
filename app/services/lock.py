"""Lock an application on the SE (SET STATUS, GPC 2.2.1 §11.10): the lost-phone service.

Allowed everywhere, kiosks included (seed §5.8.4.3).
"""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, instance, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def lock(
    ctx: ServiceContext, reader: str | None, app_id: str, msisdn: str | None = None,
    params: dict[str, Any] | None = None, instance_aid: str | None = None,
) -> ServiceOutcome:
    merged = subscriber_params(msisdn, params, app_id=app_id, **instance(instance_aid))
    return run_operation(ctx, OperationKind.LOCK, reader, merged, app_id=app_id)
