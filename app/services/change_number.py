"""Number change (BOSS 换号, seed §5.5.5): new MSISDN and token to the ISD, then re-personalise.

STORE DATA tag 2F14 (MSISDN) and tag 1047 (token + IMSI digest), seed §5.5.2 table 5-1; the
platform builds both, the terminal only relays.  Without an IMSI the platform uses the one it
has on record for the new number (or the old one).
"""

from __future__ import annotations

import re
from typing import Any

from app.errors import InputError
from app.services.base import ServiceContext, ServiceOutcome, subscriber_params
from app.services.runner import run_operation
from ota.protocol import OperationKind

_MSISDN = re.compile(r"^[0-9]{5,15}$")
_IMSI = re.compile(r"^[0-9]{6,15}$")


def change_number(
    ctx: ServiceContext, reader: str | None, new_msisdn: str, imsi: str | None = None,
    msisdn: str | None = None, params: dict[str, Any] | None = None,
) -> ServiceOutcome:
    """``new_msisdn`` replaces the number the SE is bound to (``msisdn``, when the clerk gives it)."""
    if not _MSISDN.match(new_msisdn):
        raise InputError(f"{new_msisdn!r} is not a phone number (5 to 15 digits)", {"field": "new_msisdn"})
    if imsi is not None and not _IMSI.match(imsi):
        raise InputError("the IMSI must be 6 to 15 digits", {"field": "imsi"})
    fixed: dict[str, Any] = {"new_msisdn": new_msisdn}
    if imsi:
        fixed["imsi"] = imsi
    return run_operation(ctx, OperationKind.CHANGE_NUMBER, reader, subscriber_params(msisdn, params, **fixed))
