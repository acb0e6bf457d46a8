"""Lookups on the card side of the model: which batch an SEID belongs to (seed §5.8.1)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ota.platform.models import SeBatch, SecureElement


def batch_for_seid(session: Session, seid: str) -> SeBatch | None:
    """The batch whose SEID range holds ``seid``; ranges compare as equal-length hex text.

    Ranges may nest (a catch-all range around production batches): the narrowest one wins.
    """
    seid = seid.upper()
    query = sa.select(SeBatch).where(
        sa.func.length(SeBatch.seid_start) == len(seid),
        SeBatch.seid_start <= seid,
        SeBatch.seid_end >= seid,
    )
    holding = session.scalars(query.order_by(SeBatch.id)).all()
    return min(holding, key=lambda b: int(b.seid_end, 16) - int(b.seid_start, 16), default=None)


def ensure_se(session: Session, seid: str) -> SecureElement | None:
    """The SE row for ``seid``, registered on first sight when its batch is known, else None."""
    seid = seid.upper()
    se = session.get(SecureElement, seid)
    if se is not None:
        return se
    batch = batch_for_seid(session, seid)
    if batch is None:
        return None
    se = SecureElement(seid=seid, batch_id=batch.id, recorded_free_space=batch.initial_free_space)
    session.add(se)
    session.flush()
    return se
