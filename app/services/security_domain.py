"""Supplementary security domains on the card (seed §5.8.3): create one (with its key update and
PERSONALIZED, §5.8.3.1-2) and delete one (§5.8.3.3).  The platform holds the SD's keys and its
attributes; the terminal relays the APDUs like any other service."""

from __future__ import annotations

from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind


def sd_create(ctx: ServiceContext, reader: str | None, sd_aid: str, msisdn: str | None = None) -> ServiceOutcome:
    return run_operation(ctx, OperationKind.SD_CREATE, reader, subscriber_params(msisdn, None, sd_aid=sd_aid))


def sd_delete(ctx: ServiceContext, reader: str | None, sd_aid: str, msisdn: str | None = None) -> ServiceOutcome:
    return run_operation(ctx, OperationKind.SD_DELETE, reader, subscriber_params(msisdn, None, sd_aid=sd_aid))
