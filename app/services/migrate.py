"""Move an application to the subscriber's new phone (seed §5.5.4).

Download and personalise on the new SE, then delete on the old one; the subscription does not
change.  With two readers both phones stay on the counter; with one, the platform's
``need_card`` makes the terminal ask the clerk to swap phones (and checks it got the right one).
"""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def migrate(
    ctx: ServiceContext, source_reader: str | None, app_id: str, target_reader: str | None = None,
    msisdn: str | None = None, params: dict[str, Any] | None = None,
) -> ServiceOutcome:
    return run_operation(
        ctx, OperationKind.MIGRATE, source_reader, subscriber_params(msisdn, params, app_id=app_id),
        app_id=app_id, target_reader=target_reader,
    )
