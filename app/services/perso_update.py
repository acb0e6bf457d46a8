"""Personalisation update of an installed application (seed §5.8.4.6): the platform re-runs the
application's personalisation template (its provider's data, under the provider's transport
keys) on the card.  The terminal relays only: the data and the keys never reach it.

At a business-hall counter, by a clerk (the policy table, ``ota/platform/policy.py``): it
changes the subscriber's application data, so it is a subscriber service, never a kiosk's or
a field technician's.
"""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def perso_update(
    ctx: ServiceContext, reader: str | None, app_id: str, msisdn: str | None = None,
    params: dict[str, Any] | None = None,
) -> ServiceOutcome:
    merged = subscriber_params(msisdn, params, app_id=app_id)
    return run_operation(ctx, OperationKind.PERSO_UPDATE, reader, merged, app_id=app_id)
