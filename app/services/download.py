"""Download an application: INSTALL [for load], LOAD, INSTALL [for install], personalisation.

The platform sends the whole LOAD in one script (SCP02 C-MAC chains on commands only), so the
progress the clerk sees is per LOAD block.  A download interrupted (card pulled, power torn)
is resumed by running the service again: the platform finds the residue with GET STATUS.
"""

from __future__ import annotations

from typing import Any

from app.services.base import ServiceContext, ServiceOutcome, instance, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def download(
    ctx: ServiceContext, reader: str | None, app_id: str, msisdn: str | None = None,
    params: dict[str, Any] | None = None, instance_aid: str | None = None,
) -> ServiceOutcome:
    """``msisdn`` registers an unbound SE to the subscriber; ``params`` feed personalisation."""
    merged = subscriber_params(msisdn, params, app_id=app_id, **instance(instance_aid))
    return run_operation(ctx, OperationKind.DOWNLOAD, reader, merged, app_id=app_id)
