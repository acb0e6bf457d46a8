"""What the platform believes about a card it cannot see (issue 9): flags and identity records.

The platform records a state change only from a response it could authenticate (R-MAC,
GPC 2.2.1 §E.4.5).  When it could not — a missing or wrong R-MAC, a card that is not the SE the
operation names — the operation fails and the SE is *flagged*: its record may no longer match
the card, so the next contact reads the card's GET STATUS and reconciles (``flows/reconcile.py``).
A batch whose cards cannot R-MAC (``SeBatch.reported_outcomes``) is reconciled at every contact.

Flags and divergences are audited; ``SecureElement.reconcile`` shows admins and clerks why.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ota.platform import audit
from ota.platform.models import SeBatch, SecureElement


def flag(session: Session, seid: str, reason: str, actor: str, **detail: Any) -> None:
    """Mark ``seid``'s record as awaiting reconciliation with the card, and audit it."""
    se = session.get(SecureElement, seid.upper())
    if se is not None:
        se.reconcile, se.reconcile_detail = reason, {k: v for k, v in detail.items() if v is not None}
    audit.record(session, "se.flagged", actor, seid=seid.upper(), reason=reason, **detail)


def needs_reconciliation(se: SecureElement, batch: SeBatch) -> bool:
    return se.reconcile is not None or batch.reported_outcomes


def record_identity(
    session: Session,
    seid: str,
    *,
    kdd: bytes | None = None,
    cin: bytes | None = None,
    iin: bytes | None = None,
    cplc_serial: bytes | None = None,
) -> SecureElement | None:
    """Record the identity of a registered SE (issuer data: KDD, CIN, IIN, CPLC serial)."""
    se = session.get(SecureElement, seid.upper())
    if se is None:
        return None
    for name, value in (("kdd", kdd), ("cin", cin), ("iin", iin), ("cplc_serial", cplc_serial)):
        if value is not None:
            setattr(se, name, value.hex().upper())
    session.flush()
    return se

